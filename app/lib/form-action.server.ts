import { json, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { SaveResult } from "~/models/shared.server";
import { parseForm, version as versionField } from "~/validation/form";

/**
 * The body of every create and edit action: parse the form with its schema, save, and either
 * redirect to the record or answer 400 (field errors) / 409 (stale) with what the user typed.
 */
export async function saveFromForm<S extends z.ZodType>({
  form,
  schema,
  arrays = [],
  versioned = false,
  save,
  redirectTo,
}: {
  form: FormData;
  schema: S;
  arrays?: string[];
  versioned?: boolean;
  save: (data: z.output<S>, version: number) => Promise<SaveResult<{ id: number }>>;
  redirectTo: (id: number) => string;
}) {
  const parsed = parseForm(schema, form, arrays);
  if (!parsed.ok) return json(parsed, { status: 400 });
  let seen = 0;
  if (versioned) {
    const v = versionField().safeParse(form.get("version"));
    if (!v.success) return json({ ok: false as const, stale: true as const, values: parsed.values }, { status: 409 });
    seen = v.data;
  }
  const saved = await save(parsed.data, seen);
  if (saved.ok) return redirect(redirectTo(saved.record.id));
  if ("stale" in saved)
    return json({ ok: false as const, stale: true as const, values: parsed.values }, { status: 409 });
  return json({ ok: false as const, errors: saved.errors, values: parsed.values }, { status: 400 });
}
