import { translate } from "~/i18n";

// Enumerations live in the database as English codes and on screen, in files and in imports by
// the Chinese name of the catalog: one source, so an export's 厂房租赁 is what its import reads.

/** "project.type", "building_lease" → 厂房租赁 */
export const zhLabel = (prefix: string, code: string) => translate("zh-CN", `${prefix}.${code}`);

/** Each enumeration's codes by every text that names them, built once (an import asks per cell). */
const byText = new Map<string, Map<string, string>>();

/** 厂房租赁, "Building lease" or building_lease → building_lease; null when it is none of them. */
export function codeFromLabel<T extends string>(prefix: string, codes: readonly T[], text: string): T | null {
  const id = `${prefix}:${codes.join()}`;
  let names = byText.get(id);
  if (!names) {
    names = new Map();
    // the first code a text names wins, as a search in the codes' order would find it
    for (const c of codes)
      for (const name of [c, zhLabel(prefix, c), translate("en", `${prefix}.${c}`)])
        if (!names.has(name)) names.set(name, c);
    byText.set(id, names);
  }
  return (names.get(text.trim()) as T | undefined) ?? null;
}
