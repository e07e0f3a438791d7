import { NAME_SEPARATORS, textFieldOf, type Choice, type PickKind } from "~/lib/pick";
import { picksByIds, picksNamed, type PickScope } from "~/models/pick.server";
import { idOf, type FieldErrors } from "~/validation/form";

/**
 * A picker on a form or a filter: the id field's name, what it picks, whether it holds several,
 * and the field whose choice narrows it (an income record's project, within its village).
 */
export type PickField = { name: string; kind: PickKind; multiple?: boolean; within?: string; scope?: PickScope };

/** What a form or query holds: FormData and URLSearchParams both answer these. */
type Fields = {
  get(name: string): unknown;
  getAll(name: string): unknown[];
  set(name: string, value: string): void;
  delete(name: string): void;
  append(name: string, value: string): void;
};

export type Picked = Record<string, Choice[]>;

type Resolved = { id: number; pick: Choice } | { error: string };

async function resolveText(kind: PickKind, text: string, scope: PickScope): Promise<Resolved> {
  const found = await picksNamed(kind, text, scope);
  if (found.length === 1) return { id: found[0].id, pick: found[0] };
  return { error: found.length ? "error.pick.ambiguous" : "error.pick.notFound" };
}

/**
 * Turns what a picker sent into ids, in place: the chosen id when the text still names it, else the
 * record the typed text names exactly (name, code, or "name（township）"), else an error on the field.
 * A field sent without its text (a script posting ids) is left as it is. Answers the chosen
 * records by field, so that a form shown again names them.
 */
export async function resolvePicks(fields: Fields, pickers: PickField[]) {
  const errors: FieldErrors = {};
  const picked: Picked = {};
  for (const p of pickers) {
    const textName = textFieldOf(p.name);
    const raw = fields.get(textName);
    const text = typeof raw === "string" ? raw.trim().slice(0, 500) : null;
    const ids = fields
      .getAll(p.name)
      .map(idOf)
      .filter((id): id is number => id !== undefined);
    const withinId = p.within ? idOf(fields.get(p.within)) : undefined;
    const scope: PickScope = { ...p.scope, ...(withinId !== undefined ? { villageId: withinId } : {}) };
    let chosen = ids;
    if (p.multiple && text) {
      for (const part of text
        .split(NAME_SEPARATORS)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const r = await resolveText(p.kind, part, scope);
        if ("error" in r) errors[p.name] = [...new Set([...(errors[p.name] ?? []), r.error])];
        else if (!chosen.includes(r.id)) chosen = [...chosen, r.id];
      }
    } else if (!p.multiple && text !== null) {
      const [current] = ids.length ? await picksByIds(p.kind, ids.slice(0, 1)) : [];
      if (!text) chosen = [];
      else if (!current || current.name !== text) {
        const r = await resolveText(p.kind, text, scope);
        if ("error" in r) errors[p.name] = [r.error];
        chosen = "error" in r ? [] : [r.id];
      }
    }
    if (text !== null) {
      fields.delete(p.name);
      for (const id of chosen) fields.append(p.name, String(id));
      if (!chosen.length && !p.multiple) fields.set(p.name, "");
    }
    fields.delete(textName);
    picked[p.name] = await picksByIds(p.kind, chosen);
    if (errors[p.name]) fields.set(textName, text ?? "");
  }
  return { errors, picked };
}

/**
 * A list's query with its pickers resolved: the URL to parse, the chosen records by parameter,
 * and an error key per parameter whose text named nothing (that filter is then left out).
 */
export async function resolveQueryPicks(request: Request, pickers: Record<string, PickKind>) {
  const url = new URL(request.url);
  const fields = Object.entries(pickers).map(([name, kind]) => ({ name, kind }));
  const { errors, picked } = await resolvePicks(url.searchParams, fields);
  for (const name of Object.keys(errors)) url.searchParams.delete(textFieldOf(name));
  const single = Object.fromEntries(Object.entries(picked).map(([name, picks]) => [name, picks[0] ?? null]));
  return { url: url.toString(), picked: single, pickErrors: errors };
}

/** A project form's pickers. */
export const PROJECT_PICKS: PickField[] = [
  { name: "villageIds", kind: "village", multiple: true },
  { name: "enterpriseIds", kind: "enterprise", multiple: true },
  { name: "organizationId", kind: "organization" },
];

/** A joint organization's member villages and enterprises. */
export const ORGANIZATION_PICKS: PickField[] = [
  { name: "villageIds", kind: "village", multiple: true },
  { name: "enterpriseIds", kind: "enterprise", multiple: true },
];

/** The income form's pickers: the project is looked for among its village's projects. */
export const INCOME_PICKS: PickField[] = [
  { name: "villageId", kind: "village" },
  { name: "projectId", kind: "project", within: "villageId" },
  { name: "enterpriseId", kind: "enterprise" },
];
