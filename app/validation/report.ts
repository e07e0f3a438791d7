import { z } from "zod";
import { idList, optionalText, year } from "./form";

/** 上报: a year's summary of the chosen townships. */
export const ReportSchema = z.object({
  year: year(),
  townshipIds: idList().refine((ids) => ids.length > 0, "error.chooseTownship"),
  note: optionalText(200),
});

export const REPORT_ARRAYS = ["townshipIds"];
