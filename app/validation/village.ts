import { z } from "zod";
import { VILLAGE_KINDS } from "../../db/schema";
import { checkCreditCode } from "~/lib/credit-code";
import { checkVillageCode } from "~/lib/division-code";
import { parseBoundary } from "~/lib/geojson";
import {
  bothOrNeither,
  checkbox,
  choice,
  optionalCount,
  optionalLat,
  optionalLng,
  optionalText,
  requiredId,
  requiredText,
  whenValid,
  LAT_LNG,
} from "./form";

/** An optional code checked by a function that returns an i18n error key. */
export const optionalCode = (check: (code: string) => { ok: true; value: string } | { ok: false; error: string }) =>
  optionalText(30).transform((v, ctx) => {
    if (v === null) return null;
    const result = check(v);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.error });
      return z.NEVER;
    }
    return result.value;
  });

export const VillageSchema = z
  .object({
    name: requiredText(40),
    townshipId: requiredId(),
    kind: choice(VILLAGE_KINDS),
    // whether it starts with the township's code is checked in the model, which knows the township
    code: optionalCode((code) => checkVillageCode(code)),
    collectiveCreditCode: optionalCode(checkCreditCode),
    lat: optionalLat(),
    lng: optionalLng(),
    households: optionalCount(),
    population: optionalCount(),
    partyMembers: optionalCount(),
    secretary: optionalText(40),
    notes: optionalText(1000),
    // the uploaded file's text (the action reads the file); empty keeps the current boundary
    boundary: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (!text || !text.trim()) return undefined;
        const parsed = parseBoundary(text);
        if (!parsed.ok) {
          ctx.addIssue({ code: "custom", message: parsed.error });
          return z.NEVER;
        }
        return JSON.stringify(parsed.value);
      }),
    clearBoundary: checkbox(),
  })
  .superRefine(bothOrNeither, whenValid(...LAT_LNG));

export type VillageInput = z.output<typeof VillageSchema>;
