import { z } from "zod";
import { INCOME_CATEGORIES, TERM_KINDS, TERM_PERIODS } from "../../db/enums";
import { toHalfWidth } from "~/lib/money";
import { choice, optionalDate, optionalText, requiredDate, requiredId, requiredYuan, whenValid } from "./form";

/** An increase typed in percent (5, 2.5, "3%"), kept in basis points; none when blank. */
const increasePct = () =>
  z
    .preprocess((v) => (typeof v === "string" ? toHalfWidth(v).replace(/%$/, "").trim() : v), z.string().optional())
    .transform((v, ctx) => {
      if (v === undefined || v === "") return null;
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(v) || Number(v) > 100 || Number(v) <= 0) {
        ctx.addIssue({ code: "custom", message: "error.term.increase" });
        return z.NEVER;
      }
      return Math.round(Number(v) * 100);
    });

const everyYears = () =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? null : Number(toHalfWidth(String(v)).trim())),
    z
      .number({ error: "error.term.everyYears" })
      .int("error.term.everyYears")
      .min(1, "error.term.everyYears")
      .max(50, "error.term.everyYears")
      .nullable()
  );

/** A term runs at most this long from its first due (a 50-year land lease is the longest). */
export const TERM_MAX_YEARS = 50;

/**
 * 合同收益条款 as the project page's form sends it. The end may be left blank when the project has
 * a contract end (the model fills it in); an increase needs its years.
 */
export const TermSchema = z
  .object({
    villageId: requiredId(),
    enterpriseId: requiredId(),
    kind: choice(TERM_KINDS),
    category: choice(INCOME_CATEGORIES),
    amountFen: requiredYuan(),
    period: choice(TERM_PERIODS),
    firstDue: requiredDate(),
    increaseBp: increasePct(),
    increaseEveryYears: everyYears(),
    endsOn: optionalDate(),
    notes: optionalText(500),
  })
  .superRefine((t, ctx) => {
    if (t.increaseBp !== null && t.increaseEveryYears === null)
      ctx.addIssue({ code: "custom", path: ["increaseEveryYears"], message: "error.term.everyYearsNeeded" });
  }, whenValid("increaseBp", "increaseEveryYears"))
  .superRefine((t, ctx) => {
    if (!t.endsOn) return;
    if (t.endsOn < t.firstDue) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "error.term.endBeforeFirst" });
    else if (Number(t.endsOn.slice(0, 4)) - Number(t.firstDue.slice(0, 4)) > TERM_MAX_YEARS)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "error.term.tooLong" });
  }, whenValid("firstDue", "endsOn"));

export type TermInput = z.output<typeof TermSchema>;
