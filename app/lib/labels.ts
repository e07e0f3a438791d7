import { translate } from "~/i18n";

// Enumerations live in the database as English codes and on screen, in files and in imports by
// the Chinese name of the catalog: one source, so an export's 厂房租赁 is what its import reads.

/** "project.type", "building_lease" → 厂房租赁 */
export const zhLabel = (prefix: string, code: string) => translate("zh-CN", `${prefix}.${code}`);

/** Each enumeration's codes by every text that names them, built once per enumeration and catalog
 * prefix (an import asks for every cell; the enumerations are the schema's constant lists). */
const byText = new WeakMap<readonly string[], Map<string, Map<string, string>>>();

function namesOf(prefix: string, codes: readonly string[]) {
  let byPrefix = byText.get(codes);
  if (!byPrefix) byText.set(codes, (byPrefix = new Map()));
  let names = byPrefix.get(prefix);
  if (!names) {
    names = new Map();
    // the first code a text names wins, as a search in the codes' order would find it
    for (const c of codes)
      for (const name of [c, zhLabel(prefix, c), translate("en", `${prefix}.${c}`)])
        if (!names.has(name)) names.set(name, c);
    byPrefix.set(prefix, names);
  }
  return names;
}

/** 厂房租赁, "Building lease" or building_lease → building_lease; null when it is none of them. */
export function codeFromLabel<T extends string>(prefix: string, codes: readonly T[], text: string): T | null {
  return (namesOf(prefix, codes).get(text.trim()) as T | undefined) ?? null;
}
