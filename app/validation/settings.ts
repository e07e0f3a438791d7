import { z } from "zod";
import { requiredYuan, year } from "./form";

export const ThresholdSchema = z.object({
  year: year(),
  weakThresholdFen: requiredYuan(),
});
