import { z } from "zod";
import { ACTIVITY_KINDS, ORG_LEVELS } from "../../db/schema";
import {
  choice,
  idList,
  optionalCount,
  optionalDate,
  optionalText,
  requiredDate,
  requiredText,
  whenValid,
} from "./form";

export const OrganizationSchema = z
  .object({
    name: requiredText(100),
    level: choice(ORG_LEVELS),
    establishedOn: optionalDate(),
    firstSecretary: optionalText(40),
    firstSecretaryPost: optionalText(60),
    instructor: optionalText(40),
    villageIds: idList().refine((ids) => ids.length > 0, "error.atLeastOneVillage"),
    enterpriseIds: idList().refine((ids) => ids.length > 0, "error.atLeastOneEnterprise"),
    partyMembers: optionalCount(),
    dissolvedOn: optionalDate(),
  })
  .superRefine((o, ctx) => {
    if (o.dissolvedOn && o.establishedOn && o.dissolvedOn < o.establishedOn) {
      ctx.addIssue({ code: "custom", path: ["dissolvedOn"], message: "error.dissolvedBeforeEstablished" });
    }
  }, whenValid("dissolvedOn", "establishedOn"));

export type OrganizationInput = z.output<typeof OrganizationSchema>;

export const ActivitySchema = z.object({
  heldOn: requiredDate(),
  kind: choice(ACTIVITY_KINDS),
  title: requiredText(100),
  summary: optionalText(2000),
  attendance: optionalCount(100_000),
});

export type ActivityInput = z.output<typeof ActivitySchema>;
