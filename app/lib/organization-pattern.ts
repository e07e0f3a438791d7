/** 一对一 / 一对多 / 多对一 / 多对多, from how many villages and enterprises are members: never typed in. */
export type Pattern = "one_one" | "one_many" | "many_one" | "many_many";
export const PATTERNS = ["one_one", "one_many", "many_one", "many_many"] as const satisfies readonly Pattern[];
export function derivePattern(villages: number, enterprises: number): Pattern {
  return `${villages > 1 ? "many" : "one"}_${enterprises > 1 ? "many" : "one"}` as Pattern;
}
