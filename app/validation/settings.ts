import { z } from "zod";
import { requiredYuan, year } from "./form";

export const ThresholdSchema = z.object({
  year: year(),
  weakThresholdFen: requiredYuan(),
  // the day of the next month a month's income is due by (1–28: every month has it)
  reportDeadlineDay: z.preprocess(
    (v) => (v === undefined || v === "" ? "10" : v),
    z.coerce
      .number({ error: "error.deadlineDay" })
      .int("error.deadlineDay")
      .min(1, "error.deadlineDay")
      .max(28, "error.deadlineDay")
  ),
});
