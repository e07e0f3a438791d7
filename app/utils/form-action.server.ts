import { json, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { SaveResult } from "~/models/shared.server";
import { parseForm, version as versionField } from "~/validation/form";
import { resolvePicks, type PickField } from "./pickers.server";

/**
 * The body of every create and edit action: parse the form with its schema, save, and either
 * redirect to the record or answer 400 (field errors) / 409 (stale) with what the user typed.
 */
export async function saveFromForm<S extends z.ZodType>({
  form,
  schema,
  arrays = [],
  picks = [],
  versioned = false,
  save,
  redirectTo,
}: {
  form: FormData;
  schema: S;
  arrays?: string[];
  /** Type-to-search pickers on the form, resolved to ids before the schema reads them. */
  picks?: PickField[];
  versioned?: boolean;
  save: (data: z.output<S>, version: number) => Promise<SaveResult<{ id: number }>>;
  redirectTo: (id: number) => string;
}) {
  const { errors: pickErrors, picked } = await resolvePicks(form, picks);
  const parsed = parseForm(schema, form, arrays);
  const stale = () =>
    json({ ok: false as const, stale: true as const, values: parsed.values, picked }, { status: 409 });
  if (!parsed.ok || Object.keys(pickErrors).length) {
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...pickErrors };
    return json({ ok: false as const, errors, values: parsed.values, picked }, { status: 400 });
  }
  let seen = 0;
  if (versioned) {
    const v = versionField().safeParse(form.get("version"));
    if (!v.success) return stale();
    seen = v.data;
  }
  const saved = await save(parsed.data, seen);
  if (saved.ok) return redirect(redirectTo(saved.record.id));
  if ("stale" in saved) return stale();
  return json({ ok: false as const, errors: saved.errors, values: parsed.values, picked }, { status: 400 });
}

/** Reads an uploaded file field into a text field of the same form (a village's GeoJSON boundary). */
export async function fileToText(form: FormData, fileField: string, textField: string) {
  const out = new FormData();
  for (const [key, value] of form.entries()) {
    if (key === fileField) continue;
    if (typeof value === "string") out.append(key, value);
  }
  const file = form.get(fileField);
  if (file && typeof file !== "string" && file.size > 0) {
    // a boundary of a few thousand points is well under this; anything bigger is not a village
    out.set(textField, file.size > 5_000_000 ? "{}" : await file.text());
  }
  return out;
}
