import { translate } from "~/i18n";

// Enumerations live in the database as English codes and on screen, in files and in imports by
// the Chinese name of the catalog: one source, so an export's 厂房租赁 is what its import reads.

/** "project.type", "building_lease" → 厂房租赁 */
export const zhLabel = (prefix: string, code: string) => translate("zh-CN", `${prefix}.${code}`);

/** 厂房租赁, "Building lease" or building_lease → building_lease; null when it is none of them. */
export function codeFromLabel<T extends string>(prefix: string, codes: readonly T[], text: string): T | null {
  const value = text.trim();
  return (
    codes.find((c) => c === value || zhLabel(prefix, c) === value || translate("en", `${prefix}.${c}`) === value) ??
    null
  );
}
