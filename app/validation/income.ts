import { z } from "zod";
import { INCOME_CATEGORIES } from "../../db/schema";
import { todayIso } from "~/lib/dates";
import { choice, optionalId, optionalText, requiredDate, requiredId, requiredText, requiredYuan } from "./form";

export const IncomeSchema = z.object({
  villageId: requiredId(),
  // income is recorded when received: never dated in the future
  receivedOn: requiredDate().refine((d) => d <= todayIso(), "error.futureDate"),
  category: choice(INCOME_CATEGORIES),
  amountFen: requiredYuan(),
  projectId: optionalId(),
  enterpriseId: optionalId(),
  voucher: optionalText(40),
  note: optionalText(500),
});

export type IncomeInput = z.output<typeof IncomeSchema>;

export const IncomeNoteSchema = z.object({ note: optionalText(500) });

export const VoidSchema = z.object({ reason: requiredText(200) });
