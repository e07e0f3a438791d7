import { z } from "zod";
import { INCOME_CATEGORIES } from "../../db/enums";
import { DEFAULT_RULES } from "~/lib/rules";
import { optionalYuan, requiredYuan, whenValid, year } from "./form";

/** A band's bound: blank keeps the default of DESIGN.md. */
const bound = (fallback: number) => optionalYuan().transform((v) => v ?? fallback);

/** The year's settings (口径 and deadline): what /settings saves. Bounds must rise band by band. */
export const YearSettingsSchema = z
  .object({
    year: year(),
    weakThresholdFen: requiredYuan(),
    operatingCategories: z
      .array(z.enum(INCOME_CATEGORIES, { error: "error.invalid" }))
      .min(1, "error.operatingCategories")
      .transform((list) => INCOME_CATEGORIES.filter((c) => list.includes(c))),
    shellBelowFen: bound(DEFAULT_RULES.shellBelowFen),
    richFromFen: bound(DEFAULT_RULES.richFromFen),
    // the day of the next month a month's income is due by (1–28: every month has it)
    reportDeadlineDay: z.preprocess(
      (v) => (v === undefined || v === "" ? "10" : v),
      z.coerce
        .number({ error: "error.deadlineDay" })
        .int("error.deadlineDay")
        .min(1, "error.deadlineDay")
        .max(28, "error.deadlineDay")
    ),
  })
  .superRefine((v, ctx) => {
    if (v.shellBelowFen > v.weakThresholdFen)
      ctx.addIssue({ code: "custom", path: ["shellBelowFen"], message: "error.bands.shell" });
    if (v.richFromFen <= v.weakThresholdFen)
      ctx.addIssue({ code: "custom", path: ["richFromFen"], message: "error.bands.rich" });
  }, whenValid("weakThresholdFen", "shellBelowFen", "richFromFen"));

/** The form's checkboxes of categories arrive as a list. */
export const YEAR_SETTINGS_ARRAYS = ["operatingCategories"];
