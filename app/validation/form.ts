import { z } from "zod";
import { parseDate, YEAR_MAX, YEAR_MIN } from "~/lib/dates";
import { parseYuan, toHalfWidth } from "~/lib/money";

// Building blocks for form schemas. Every message is an i18n key, shown next to its field.

export type FieldErrors = Record<string, string[] | undefined>;
export type FormValues = Record<string, unknown>;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const blankToNull = (v: unknown) => (blank(v) ? null : v);

export const requiredText = (max = 100) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ error: "error.required" }).min(1, "error.required").max(max, "error.tooLong")
  );

export const optionalText = (max = 200) =>
  z.preprocess((v) => (blank(v) ? null : String(v).trim()), z.string().max(max, "error.tooLong").nullable());

export const optionalCount = (max = 10_000_000) =>
  z.preprocess(
    (v) => (blank(v) ? null : Number(toHalfWidth(String(v)).replace(/,/g, "").trim())),
    z
      .number({ error: "error.integer" })
      .int("error.integer")
      .min(0, "error.nonNegative")
      .max(max, "error.tooLarge")
      .nullable()
  );

function dateField(required: boolean) {
  return z.preprocess(blankToNull, z.string().nullable()).transform((v, ctx) => {
    if (v === null) {
      if (required) ctx.addIssue({ code: "custom", message: "error.required" });
      return null;
    }
    const iso = parseDate(v);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: "error.date" });
      return z.NEVER;
    }
    return iso;
  });
}
export const optionalDate = () => dateField(false);
export const requiredDate = () => dateField(true).transform((v) => v as string);

/** An amount typed in yuan, stored in fen; empty means none. */
export const optionalYuan = () =>
  z.preprocess(blankToNull, z.string().nullable()).transform((v, ctx) => {
    if (v === null) return null;
    const parsed = parseYuan(v, { allowZero: true });
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed.value;
  });

// China's extent, generously: coordinates outside it are a typo (or latitude and longitude swapped).
export const CHINA_EXTENT = { minLat: 3.5, maxLat: 54, minLng: 73, maxLng: 135.5 };

const coordinate = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (blank(v) ? null : Number(toHalfWidth(String(v)).trim())),
    z.number({ error: message }).min(min, message).max(max, message).nullable()
  );
export const optionalLat = () => coordinate(CHINA_EXTENT.minLat, CHINA_EXTENT.maxLat, "error.lat");
export const optionalLng = () => coordinate(CHINA_EXTENT.minLng, CHINA_EXTENT.maxLng, "error.lng");

/** Latitude and longitude come as a pair: one without the other is an error on the missing one. */
/**
 * When a rule across fields runs: as soon as the fields it reads are valid, whatever else is wrong,
 * so a form shows every error on its first save (zod skips such rules after any field's error).
 */
export const whenValid = (...fields: string[]) => ({
  when: (payload: z.core.ParsePayload) =>
    // not when the whole value is wrong (not an object): the rule would read fields of nothing
    !payload.issues.some((issue) => !issue.path?.length || fields.includes(String(issue.path[0]))),
});

/** Latitude and longitude come together or not at all. */
export const LAT_LNG = ["lat", "lng"];

export function bothOrNeither(value: { lat: number | null; lng: number | null }, ctx: z.RefinementCtx) {
  if (value.lat === null && value.lng !== null)
    ctx.addIssue({ code: "custom", path: ["lat"], message: "error.required" });
  if (value.lng === null && value.lat !== null)
    ctx.addIssue({ code: "custom", path: ["lng"], message: "error.required" });
}

export const checkbox = () => z.preprocess((v) => v === "on" || v === "true" || v === "1" || v === "是", z.boolean());

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: "error.choose" });

// Ids are positive safe integers: "abc", 1.5, 1e400 or 2^53 name no record, and never reach a query.
const id = (error: string) => z.coerce.number({ error }).int(error).positive(error).max(Number.MAX_SAFE_INTEGER, error);

export const optionalId = () => z.preprocess(blankToNull, id("error.invalid").nullable());

export const requiredId = () => z.preprocess(blankToNull, id("error.required"));

export const idList = () => z.array(id("error.invalid")).transform((ids) => [...new Set(ids)]);

/** The one way a route reads an id from a form field outside a schema: the id, or undefined for anything else. */
export function idOf(value: unknown): number | undefined {
  const parsed = optionalId().safeParse(value);
  return parsed.success ? parsed.data ?? undefined : undefined;
}

/** A year, by the one rule of lib/dates (settings, summary and map years). */
export const year = () =>
  z.coerce.number({ error: "error.year" }).int("error.year").min(YEAR_MIN, "error.year").max(YEAR_MAX, "error.year");

export const version = () => z.coerce.number({ error: "error.invalid" }).int().positive();

/** FormData to a plain object, with repeated fields (checkboxes of ids) as arrays. */
export function formToObject(form: FormData, arrays: string[] = []): FormValues {
  const out: FormValues = {};
  for (const key of new Set(form.keys())) {
    out[key] = arrays.includes(key) ? form.getAll(key).map(String) : form.get(key);
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}

export type Parsed<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; errors: FieldErrors; values: FormValues };

/** Parses a form with a schema: the data, or every field's errors at once with what was typed. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData, arrays: string[] = []): Parsed<z.output<S>> {
  const values = formToObject(form, arrays);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, errors: z.flattenError(result.error).fieldErrors as FieldErrors, values };
}

/** An amount in yuan that must be there and above zero, stored in fen. */
export const requiredYuan = () =>
  z
    .preprocess((v) => (v === undefined || v === null ? "" : v), z.string())
    .transform((v, ctx) => {
      const parsed = parseYuan(v);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.value;
    });
