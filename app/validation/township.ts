import { z } from "zod";
import { checkTownshipCode } from "~/lib/division-code";
import { requiredText } from "./form";
import { optionalCode } from "./village";

export const TownshipSchema = z.object({
  name: requiredText(40),
  code: optionalCode(checkTownshipCode),
});

export type TownshipInput = z.output<typeof TownshipSchema>;
