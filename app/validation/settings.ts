import { z } from "zod";
import { requiredYuan } from "./form";

export const ThresholdSchema = z.object({
  year: z.coerce.number({ error: "error.year" }).int("error.year").min(1900, "error.year").max(2999, "error.year"),
  weakThresholdFen: requiredYuan(),
});
