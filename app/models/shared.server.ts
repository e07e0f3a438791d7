import { asc, desc, getTableColumns, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { getDb, sqliteMessage, type DbOrTx, type Tx } from "../../db/client";
import { incomeRecords } from "../../db/schema";
import type { FieldErrors } from "~/validation/form";

export type SaveResult<T> =
  | { ok: true; record: T }
  | { ok: false; errors: FieldErrors }
  /** Someone saved the record since this form was opened: nothing was written. */
  | { ok: false; stale: true };

export type DeleteResult = { ok: true } | { ok: false; references: Reference[] } | { ok: false; missing: true };

/** What points at a record and keeps it from being deleted: a kind and the first few names. */
export type Reference = {
  kind: "village" | "enterprise" | "organization" | "project" | "income" | "user" | "activity" | "term";
  count: number;
  names: string[];
};

// Correlated subqueries name the outer table's id as "table"."id" by hand: drizzle leaves a column
// unqualified in a single-table query, and inside the subquery "id" would mean the inner table's.

export const nowIso = () => new Date().toISOString();

export const fieldError = (field: string, message: string): { ok: false; errors: FieldErrors } => ({
  ok: false,
  errors: { [field]: [message] },
});

/**
 * Turns a UNIQUE violation (a race the pre-check missed) into the field error the user reads.
 * Returns null for any other error, which the caller rethrows.
 */
export function uniqueViolationErrors(error: unknown, columns: Record<string, [string, string]>): FieldErrors | null {
  const match = /UNIQUE constraint failed: ([\w.]+)/.exec(sqliteMessage(error));
  if (!match) return null;
  const hit = columns[match[1]];
  return hit ? { [hit[0]]: [hit[1]] } : { name: ["error.duplicate"] };
}

/** Lists references that exist, from (kind, count, names) triples. */
export function references(...found: [Reference["kind"], { name: string }[]][]): Reference[] {
  return found
    .filter(([, rows]) => rows.length > 0)
    .map(([kind, rows]) => ({ kind, count: rows.length, names: rows.slice(0, 5).map((r) => r.name) }));
}

/** Picks the fields of a row the audit log keeps (all but timestamps). */
export function auditable<T extends Record<string, unknown>>(row: T | undefined | null) {
  if (!row) return null;
  const { createdAt: _c, updatedAt: _u, ...rest } = row as T & { createdAt?: unknown; updatedAt?: unknown };
  return rest;
}

/** Escapes LIKE wildcards in what a user typed. */
export function likePattern(text: string, { prefix = false } = {}) {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return prefix ? `${escaped}%` : `%${escaped}%`;
}

/** `column LIKE '%text%'` with the user's % and _ taken literally. */
export function contains(column: AnyColumn | SQL, text: string, { prefix = false } = {}): SQL {
  return sql`${column} LIKE ${likePattern(text, { prefix })} ESCAPE '\\'`;
}

export function orderBy(expression: AnyColumn | SQL, dir: "asc" | "desc") {
  return dir === "desc" ? desc(expression) : asc(expression);
}

/** Ids in order, as audit entries keep member lists. */
/** A record's own columns, without the member id lists its form also carries. */
export function withoutMembers<T extends { villageIds: number[]; enterpriseIds: number[] }>(input: T) {
  const { villageIds: _villages, enterpriseIds: _enterprises, ...values } = input;
  return values;
}

/** Names per record, from (record id, name) rows: a page's members in one query. */
export function namesBy(rows: { key: number; name: string }[]) {
  const map = new Map<number, string[]>();
  for (const r of rows) map.set(r.key, [...(map.get(r.key) ?? []), r.name]);
  return map;
}

/** How a delete refusal names an income record: its date and voucher. */
export const incomeRefName = sql<string>`${incomeRecords.receivedOn} || ' ' || COALESCE(${incomeRecords.voucher}, '')`;

/**
 * Non-voided income per year, newest first, for one record's page: `filter` names the record
 * (`i.village_id = …`, `i.enterprise_id = …`, `i.project_id = …`, `p.organization_id = …`).
 */
export async function incomeByYear(filter: SQL) {
  const db = await getDb();
  return db.all<{ year: string; totalFen: number }>(sql`
    SELECT substr(i.received_on, 1, 4) AS year, SUM(i.amount_fen) AS totalFen
    FROM income_records i LEFT JOIN projects p ON p.id = i.project_id
    WHERE ${filter} AND i.voided_at IS NULL GROUP BY year ORDER BY year DESC`);
}

/**
 * Many rows in one piece: SQLite writes them as a single JSON array of arrays, which costs a
 * fraction of what the driver spends building one object per row and cell (10,000 summary rows:
 * about 40 ms against 170 ms). Each row holds `columns` of `query` in that order; rows come in
 * `order` (any order without it). Numbers and text survive JSON unchanged (fen stay below 2^53).
 */
export async function jsonTuples(
  columns: readonly string[],
  query: SQL,
  order?: SQL,
  /** a transaction to read in (its own writes included); else the database */
  executor?: DbOrTx
): Promise<unknown[][]> {
  const db = executor ?? (await getDb());
  const list = sql.raw(columns.map((c) => `"${c}"`).join(", "));
  const orderBy = order ? sql` ORDER BY ${order}` : sql``;
  const [row] = await db.all<{ rows: string }>(
    sql`SELECT json_group_array(json_array(${list})${orderBy}) AS rows FROM (${query})`
  );
  return JSON.parse(row.rows) as unknown[][];
}

/** jsonTuples as objects keyed by column. */
export async function jsonRows<T extends Record<string, unknown>>(
  columns: readonly (keyof T & string)[],
  query: SQL,
  order?: SQL,
  executor?: DbOrTx
): Promise<T[]> {
  return (await jsonTuples(columns, query, order, executor)).map((values) => {
    const out: Record<string, unknown> = {};
    columns.forEach((c, i) => (out[c] = values[i]));
    return out as T;
  });
}

/**
 * `IN` over any number of values as one bound parameter: `column IN ${inJson(values)}`. No
 * variable limit, and one statement however long the list.
 */
export const inJson = (values: readonly (string | number)[]) =>
  sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;

/**
 * Inserts many rows, each chunk as one JSON parameter that SQLite unpacks itself: about twice
 * as fast as multi-row VALUES with a bound variable per cell. Plain values only (numbers, text,
 * null): no drizzle conversions; columns left out of the rows get their defaults.
 */
export async function insertRows(
  tx: DbOrTx,
  table: SQLiteTable,
  rows: Record<string, unknown>[],
  /** values the same for every row (who imported them) */
  same: Record<string, unknown> = {},
  size = 10_000
) {
  if (!rows.length) return;
  const keys = [...Object.keys(rows[0]), ...Object.keys(same)];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size).map((r) => keys.map((k) => (k in same ? same[k] : r[k]) ?? null));
    await tx.run(insertFromJson(table, keys, chunk));
  }
}

/** INSERT of `keys` (property names) from rows given as one JSON array of arrays, in that order. */
function insertFromJson(table: SQLiteTable, keys: string[], rows: unknown[][]) {
  const columns = getTableColumns(table);
  const names = sql.raw(keys.map((k) => `"${columns[k].name}"`).join(", "));
  const values = sql.raw(keys.map((_, i) => `value ->> ${i}`).join(", "));
  return sql`INSERT INTO ${table} (${names}) SELECT ${values} FROM json_each(${JSON.stringify(rows)})`;
}

/**
 * insertRows for a batch that needs its rows back, in a transaction: one statement for the whole
 * chunk, the new rows read back as one JSON text (the driver's object per row and cell, and a
 * parameter per cell, were most of an import's write time) and mapped as drizzle maps a select
 * (booleans). Returned in the values' order: SQLite numbers a statement's rows in the order
 * json_each gives.
 */
export async function insertReturning<Row>(
  tx: Tx,
  table: SQLiteTable,
  rows: Record<string, unknown>[]
): Promise<Row[]> {
  if (!rows.length) return [];
  const columns = Object.entries(getTableColumns(table));
  // only the table's own columns (a form's input may carry member ids)
  const keys = Object.keys(rows[0]).filter((k) => columns.some(([key]) => key === k));
  const all = sql.raw(columns.map(([, c]) => `"${c.name}"`).join(", "));
  const insert = insertFromJson(
    table,
    keys,
    rows.map((r) => keys.map((k) => r[k] ?? null))
  );
  // the new rows read back as one JSON text: they are the ids after the largest before (the
  // statement is the transaction's only writer; ids only grow), where RETURNING gave the driver a
  // row to build for each (a 20,000-project import spent a quarter of a second there)
  const [{ last }] = await tx.all<{ last: number }>(sql`SELECT COALESCE(MAX(id), 0) AS last FROM ${table}`);
  await tx.run(insert);
  const [{ added }] = await tx.all<{ added: string }>(
    sql`SELECT json_group_array(json_array(${all}) ORDER BY id) AS added FROM ${table} WHERE id > ${last}`
  );
  return (JSON.parse(added) as unknown[][]).map((cells) =>
    Object.fromEntries(columns.map(([key, c], i) => [key, cells[i] === null ? null : c.mapFromDriverValue(cells[i])]))
  ) as Row[];
}

/**
 * Village and enterprise names of many organizations or projects, keyed by their id: two
 * queries whatever their number (an export or the province map asks for tens of thousands).
 */
export async function memberNames(owner: "organization" | "project", ids: number[]) {
  if (!ids.length) return { villages: new Map<number, string[]>(), enterprises: new Map<number, string[]>() };
  const [links, key] = [sql.raw(owner), sql.raw(`${owner}_id`)];
  const v = await jsonRows<{ key: number; name: string }>(
    ["key", "name"],
    sql`SELECT l.${key} AS key, v.name AS name, v.code AS code FROM ${links}_villages l
      JOIN villages v ON v.id = l.village_id WHERE l.${key} IN ${inJson(ids)}`,
    sql`code, name`
  );
  const e = await jsonRows<{ key: number; name: string }>(
    ["key", "name"],
    sql`SELECT l.${key} AS key, e.name AS name FROM ${links}_enterprises l
      JOIN enterprises e ON e.id = l.enterprise_id WHERE l.${key} IN ${inJson(ids)}`,
    sql`name`
  );
  return { villages: namesBy(v), enterprises: namesBy(e) };
}

/** Which of these ids a table holds: one statement for a whole batch. */
export async function existingIds(tx: DbOrTx, table: "villages" | "enterprises" | "organizations", ids: number[]) {
  if (!ids.length) return new Set<number>();
  const rows = await tx.all<{ id: number }>(
    sql`SELECT id FROM ${sql.identifier(table)} WHERE id IN ${inJson([...new Set(ids)])}`
  );
  return new Set(rows.map((r) => r.id));
}

/** Which record holds each of these names (organizations and projects have unique names). */
async function nameHolders(tx: DbOrTx, table: "organizations" | "projects", names: string[]) {
  if (!names.length) return new Map<string, number>();
  const rows = await tx.all<{ id: number; name: string }>(
    sql`SELECT id, name FROM ${sql.identifier(table)} WHERE name IN ${inJson(names)}`
  );
  return new Map(rows.map((r) => [r.name, r.id]));
}

type MemberOwner = "organization" | "project";
const memberTables = (owner: MemberOwner) => ({
  villages: sql.identifier(`${owner}_villages`),
  enterprises: sql.identifier(`${owner}_enterprises`),
  key: sql.identifier(`${owner}_id`),
});

/**
 * The member villages and enterprises of many organizations or projects, written in a few
 * statements: those of `replaced` owners (updates) first cleared.
 */
export async function writeMemberLinks(
  tx: DbOrTx,
  owner: MemberOwner,
  members: { id: number; villageIds: number[]; enterpriseIds: number[] }[],
  replaced: number[]
) {
  const t = memberTables(owner);
  if (replaced.length) {
    await tx.run(sql`DELETE FROM ${t.villages} WHERE ${t.key} IN ${inJson(replaced)}`);
    await tx.run(sql`DELETE FROM ${t.enterprises} WHERE ${t.key} IN ${inJson(replaced)}`);
  }
  const pairs = (pick: (m: (typeof members)[number]) => number[]) =>
    JSON.stringify(members.flatMap((m) => pick(m).map((other) => [m.id, other])));
  await tx.run(sql`INSERT INTO ${t.villages} (${t.key}, village_id)
    SELECT value ->> 0, value ->> 1 FROM json_each(${pairs((m) => m.villageIds)})`);
  await tx.run(sql`INSERT INTO ${t.enterprises} (${t.key}, enterprise_id)
    SELECT value ->> 0, value ->> 1 FROM json_each(${pairs((m) => m.enterpriseIds)})`);
}

/** Member ids of many organizations or projects, for their audit entries, by owner id. */
export async function memberIdsOf(tx: DbOrTx, owner: MemberOwner, ids: number[]) {
  const t = memberTables(owner);
  const out = new Map<number, { villageIds: number[]; enterpriseIds: number[] }>(
    ids.map((id) => [id, { villageIds: [], enterpriseIds: [] }])
  );
  // one JSON array each: a file of 20,000 projects has as many links
  const links = (table: typeof t.villages, column: string) =>
    jsonTuples(
      ["owner", "id"],
      sql`SELECT ${t.key} AS owner, ${sql.raw(column)} AS id FROM ${table} WHERE ${t.key} IN ${inJson(ids)}`,
      sql`id`,
      tx
    ) as Promise<[number, number][]>;
  for (const [owner, id] of await links(t.villages, "village_id")) out.get(owner)?.villageIds.push(id);
  for (const [owner, id] of await links(t.enterprises, "enterprise_id")) out.get(owner)?.enterpriseIds.push(id);
  return out;
}

/**
 * The checks organizations and projects share, for a batch: each name free (or the record's own),
 * each member village and enterprise registered. A refusal per item, or null.
 */
export async function checkNamedWithMembers(
  tx: DbOrTx,
  table: "organizations" | "projects",
  items: { input: { name: string; villageIds: number[]; enterpriseIds: number[] }; existing?: { id: number } }[]
) {
  const holders = await nameHolders(
    tx,
    table,
    items.map((i) => i.input.name)
  );
  const knownVillages = await existingIds(
    tx,
    "villages",
    items.flatMap((i) => i.input.villageIds)
  );
  const knownEnterprises = await existingIds(
    tx,
    "enterprises",
    items.flatMap((i) => i.input.enterpriseIds)
  );
  return items.map(({ input, existing }) => {
    const holder = holders.get(input.name);
    if (holder !== undefined && holder !== existing?.id) return fieldError("name", "error.nameTaken");
    if (input.villageIds.some((id) => !knownVillages.has(id))) return fieldError("villageIds", "error.unknownVillage");
    if (input.enterpriseIds.some((id) => !knownEnterprises.has(id)))
      return fieldError("enterpriseIds", "error.unknownEnterprise");
    return null;
  });
}
