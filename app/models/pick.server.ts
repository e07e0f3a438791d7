import { sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import type { Choice, PickKind } from "~/lib/pick";

// What a type-to-search picker finds: villages, enterprises, projects and joint organizations by
// the start of their name or code (an index range), then by any part of the name (a scan that
// stops at the limit). A province's 50,000 projects answer in a few milliseconds.

/** Narrows a search: only these villages (a clerk's own), or only one village's projects. */
export type PickScope = { villageIds?: number[]; villageId?: number };

export const PICK_LIMIT = 20;

type Source = {
  from: SQL;
  name: SQL;
  code: SQL | null;
  note: SQL;
  inactive?: SQL;
  where: (scope: PickScope) => SQL | null;
};

const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `
  );

const SOURCES: Record<PickKind, Source> = {
  village: {
    from: sql`villages r JOIN townships t ON t.id = r.township_id`,
    name: sql`r.name`,
    code: sql`r.code`,
    note: sql`t.name || COALESCE(' · ' || r.code, '')`,
    where: (s) => (s.villageIds ? sql`r.id IN (${idList(s.villageIds)})` : null),
  },
  enterprise: {
    from: sql`enterprises r`,
    name: sql`r.name`,
    code: sql`r.credit_code`,
    note: sql`r.credit_code`,
    where: () => null,
  },
  project: {
    from: sql`projects r`,
    name: sql`r.name`,
    code: null,
    note: sql`(SELECT GROUP_CONCAT(name, '、') FROM (SELECT v.name FROM project_villages pv
      JOIN villages v ON v.id = pv.village_id WHERE pv.project_id = r.id LIMIT 3))`,
    where: (s) =>
      s.villageId !== undefined
        ? sql`r.id IN (SELECT project_id FROM project_villages WHERE village_id = ${s.villageId})`
        : null,
  },
  organization: {
    from: sql`organizations r`,
    name: sql`r.name`,
    code: null,
    note: sql`r.established_on`,
    inactive: sql`r.dissolved_on IS NOT NULL`,
    where: () => null,
  },
};

// U+10FFFF sorts after every character that may follow a prefix, so [q, q || max) is "starts with q"
const AFTER_PREFIX = String.fromCodePoint(0x10ffff);

async function select(kind: PickKind, condition: SQL | null, scope: PickScope, limit: number, exclude: number[]) {
  const s = SOURCES[kind];
  if (scope.villageIds && !scope.villageIds.length) return [];
  const parts = [condition, s.where(scope), exclude.length ? sql`r.id NOT IN (${idList(exclude)})` : null].filter(
    (x): x is SQL => x !== null
  );
  const where = parts.length ? sql`WHERE ${sql.join(parts, sql` AND `)}` : sql``;
  const db = await getDb();
  return db.all<Choice>(
    sql`SELECT r.id AS id, ${s.name} AS name, ${s.note} AS note, ${s.inactive ?? sql`0`} AS inactive FROM ${
      s.from
    } ${where} ORDER BY ${s.name}, r.id LIMIT ${limit}`
  );
}

/** Up to `limit` records whose name or code starts with q, then those whose name contains it. */
export async function searchPicks(kind: PickKind, query: string, scope: PickScope = {}, limit = PICK_LIMIT) {
  const q = query.trim().slice(0, 50);
  const s = SOURCES[kind];
  if (!q) return select(kind, null, scope, limit, []);
  const found: Choice[] = [];
  const add = (rows: Choice[]) => found.push(...rows.filter((r) => !found.some((f) => f.id === r.id)));
  const starts = (column: SQL) => sql`${column} >= ${q} AND ${column} < ${q + AFTER_PREFIX}`;
  add(await select(kind, starts(s.name), scope, limit, []));
  if (s.code && found.length < limit && /^[0-9A-Za-z]+$/.test(q))
    add(await select(kind, starts(s.code), scope, limit - found.length, []));
  if (found.length < limit)
    add(
      await select(
        kind,
        sql`instr(${s.name}, ${q}) > 1`,
        scope,
        limit - found.length,
        found.map((f) => f.id)
      )
    );
  return found;
}

/** The names of chosen records, for a form or filter that shows its choice again. */
export async function picksByIds(kind: PickKind, ids: number[]): Promise<Choice[]> {
  if (!ids.length) return [];
  const rows = await select(kind, sql`r.id IN (${idList(ids)})`, {}, ids.length, []);
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is Choice => r !== undefined);
}

/**
 * What a typed name means, for a form sent without JavaScript: the records whose name or code is
 * exactly the text, or "name（note）" as the picker shows it. Two at most: one is an answer, two
 * say the text is ambiguous.
 */
export async function picksNamed(kind: PickKind, text: string, scope: PickScope = {}): Promise<Choice[]> {
  const s = SOURCES[kind];
  const bracketed = /^(.+?)[（(](.+)[）)]$/.exec(text);
  const name = bracketed ? bracketed[1].trim() : text;
  const exact = sql`(${s.name} IN (${text}, ${name})${s.code ? sql` OR ${s.code} = ${text}` : sql``})`;
  const rows = await select(kind, exact, scope, 10, []);
  const whole = rows.filter((r) => r.name === text);
  if (whole.length) return whole.slice(0, 2);
  if (rows.length > 1 && bracketed) {
    const note = bracketed[2].trim();
    const narrowed = rows.filter((r) => r.note !== null && (r.note === note || r.note.startsWith(note)));
    if (narrowed.length) return narrowed.slice(0, 2);
  }
  return rows.slice(0, 2);
}
