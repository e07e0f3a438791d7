import { z } from "zod";
import { PROJECT_STATUSES, PROJECT_TYPES } from "../../db/schema";
import {
  bothOrNeither,
  choice,
  idList,
  optionalDate,
  optionalId,
  optionalLat,
  optionalLng,
  optionalText,
  optionalYuan,
  requiredText,
  whenValid,
  LAT_LNG,
} from "./form";

export const ProjectSchema = z
  .object({
    name: requiredText(100),
    type: choice(PROJECT_TYPES),
    status: choice(PROJECT_STATUSES),
    organizationId: optionalId(),
    villageIds: idList().refine((ids) => ids.length > 0, "error.atLeastOneVillage"),
    enterpriseIds: idList(),
    investmentFen: optionalYuan(),
    contractStart: optionalDate(),
    contractEnd: optionalDate(),
    expectedIncomeFen: optionalYuan(),
    lat: optionalLat(),
    lng: optionalLng(),
    notes: optionalText(2000),
  })
  .superRefine(bothOrNeither, whenValid(...LAT_LNG))
  .superRefine((p, ctx) => {
    if (p.contractStart && p.contractEnd && p.contractEnd < p.contractStart) {
      ctx.addIssue({ code: "custom", path: ["contractEnd"], message: "error.endBeforeStart" });
    }
  }, whenValid("contractStart", "contractEnd"));

export type ProjectInput = z.output<typeof ProjectSchema>;
