import { z } from "zod";
import { INDUSTRY_SECTIONS } from "../../db/schema";
import { checkCreditCode } from "~/lib/credit-code";
import {
  bothOrNeither,
  checkbox,
  LAT_LNG,
  optionalCount,
  optionalLat,
  optionalLng,
  optionalText,
  requiredText,
  whenValid,
} from "./form";
import { optionalCode } from "./village";

export const EnterpriseSchema = z
  .object({
    name: requiredText(100),
    creditCode: optionalCode(checkCreditCode),
    industry: optionalText(1).refine((v) => v === null || INDUSTRY_SECTIONS.includes(v), "error.choose"),
    aboveSize: checkbox(),
    legalRep: optionalText(40),
    contact: optionalText(40),
    phone: optionalText(40).refine((v) => v === null || /^[0-9+\-()\s转]{5,30}$/.test(v), "error.phone"),
    address: optionalText(200),
    lat: optionalLat(),
    lng: optionalLng(),
    hasPartyOrg: checkbox(),
    partyMembers: optionalCount(),
  })
  .superRefine(bothOrNeither, whenValid(...LAT_LNG));

export type EnterpriseInput = z.output<typeof EnterpriseSchema>;
