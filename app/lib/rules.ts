import { INCOME_CATEGORIES, OPERATING_CATEGORIES } from "../../db/enums";
import { formatFen } from "./money";

type IncomeCategory = (typeof INCOME_CATEGORIES)[number];

// The year's rules (口径, DESIGN "Closing the books"): which categories make up 经营性收入, the
// weak-village threshold, and the bounds of the income bands. Each year has its own; a report keeps
// the ones it was made with. Plain functions, for the server's sums and the pages that state them.

export const BANDS = ["shell", "weak", "middle", "rich"] as const;
export type Band = (typeof BANDS)[number];

export type YearRules = {
  /** 集体经济薄弱村 below this operating income; also the top of the 薄弱村 band */
  weakThresholdFen: number;
  /** the categories 经营性收入 adds up, in INCOME_CATEGORIES order */
  operatingCategories: IncomeCategory[];
  /** 空壳村 below this */
  shellBelowFen: number;
  /** 富裕村 from this */
  richFromFen: number;
};

export const DEFAULT_RULES: YearRules = {
  weakThresholdFen: 100_000 * 100,
  operatingCategories: [...OPERATING_CATEGORIES],
  shellBelowFen: 50_000 * 100,
  richFromFen: 500_000 * 100,
};

/** 经营性收入 of one village's (or township's) categories under the rules. */
export function operatingIncome(byCategory: Record<IncomeCategory, number>, rules: YearRules): number {
  let sum = 0;
  for (const c of rules.operatingCategories) sum += byCategory[c];
  return sum;
}

/** Which band an operating income falls in: 空壳村 < shell ≤ 薄弱村 < threshold ≤ 一般村 < rich ≤ 富裕村. */
export function bandOf(operatingFen: number, rules: YearRules): Band {
  if (operatingFen < rules.shellBelowFen) return "shell";
  if (operatingFen < rules.weakThresholdFen) return "weak";
  if (operatingFen < rules.richFromFen) return "middle";
  return "rich";
}

/** The stored comma list of categories, in the ledger's order, unknown names dropped. */
export function parseCategories(stored: string): IncomeCategory[] {
  const names = stored.split(",");
  return INCOME_CATEGORIES.filter((c) => names.includes(c));
}

/** Whether the rules are the default ones (the pages then say so). */
export function isDefaultRules(rules: YearRules): boolean {
  return (
    rules.weakThresholdFen === DEFAULT_RULES.weakThresholdFen &&
    rules.shellBelowFen === DEFAULT_RULES.shellBelowFen &&
    rules.richFromFen === DEFAULT_RULES.richFromFen &&
    rules.operatingCategories.join() === DEFAULT_RULES.operatingCategories.join()
  );
}

/** The rules in one sentence, as every summary page, file and print states them. */
export function rulesText(
  t: (key: "rules.text" | `income.category.${IncomeCategory}`, params?: Record<string, string>) => string,
  rules: YearRules
): string {
  return t("rules.text", {
    categories: rules.operatingCategories.map((c) => t(`income.category.${c}`)).join(" + "),
    threshold: formatFen(rules.weakThresholdFen),
    shell: formatFen(rules.shellBelowFen),
    rich: formatFen(rules.richFromFen),
  });
}
