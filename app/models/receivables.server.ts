import { sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import { addDays, todayIso } from "~/lib/dates";
import { PAGE_SIZE, type ReceivableFilters } from "~/validation/params";
import { likePattern } from "./shared.server";

// 应收款 (DESIGN, "What is owed"): what the terms' expected payments add up to by enterprise, by
// village or by project — due by today, received, outstanding, the longest overdue, and the
// outstanding by age (未到期 this year, ≤ 30 days, 31–90, > 90).

export type ReceivableRow = {
  id: number;
  name: string;
  /** the township, for a village; the village count, for others */
  detail: string | null;
  dueFen: number;
  receivedFen: number;
  outstandingFen: number;
  /** open this year and not yet due (due today counts here: it is not late yet) */
  notDueFen: number;
  upTo30Fen: number;
  upTo90Fen: number;
  over90Fen: number;
  daysOverdue: number;
};

/** How each grouping names its rows: the terms' column it groups by, its table, and what a row shows beside its name. */
const GROUPS: Record<ReceivableFilters["by"], { key: SQL; join: SQL; name: SQL; detail: SQL }> = {
  enterprise: {
    key: sql.raw("enterprise_id"),
    join: sql`JOIN enterprises g ON g.id = s.gid`,
    name: sql`g.name`,
    detail: sql`NULL`,
  },
  village: {
    key: sql.raw("village_id"),
    join: sql`JOIN villages g ON g.id = s.gid JOIN townships tw ON tw.id = g.township_id`,
    name: sql`g.name`,
    detail: sql`tw.name`,
  },
  project: {
    key: sql.raw("project_id"),
    join: sql`JOIN projects g ON g.id = s.gid`,
    name: sql`g.name`,
    detail: sql`NULL`,
  },
};

const SORTS: Record<ReceivableFilters["sort"], string> = {
  outstanding: "outstandingFen",
  name: "name",
  due: "dueFen",
  received: "receivedFen",
  days: "daysOverdue",
};

const MONEY = ["dueFen", "receivedFen", "outstandingFen", "notDueFen", "upTo30Fen", "upTo90Fen", "over90Fen"] as const;
type Totals = Omit<ReceivableRow, "id" | "name" | "detail">;

/**
 * Moves term_balances on (or back) to the given day, in one write transaction: forward, only the terms
 * a due fell to since (along balances_next_idx); back — a test's fixed day — every term afresh.
 */
export async function rollBalances(day: string) {
  const db = await getDb();
  const [{ asOf }] = await db.all<{ asOf: string }>(sql`SELECT as_of AS asOf FROM balances_as_of WHERE id = 1`);
  if (asOf === day) return;
  await db.transaction(async (tx) => {
    const [now] = await tx.all<{ asOf: string }>(sql`SELECT as_of AS asOf FROM balances_as_of WHERE id = 1`);
    if (now.asOf === day) return; // another request moved it meanwhile
    const dues = (what: SQL, from: SQL) => sql`(SELECT ${what} FROM expected_payments e
      WHERE e.term_id = term_balances.term_id AND ${from} AND e.due_on <= ${day})`;
    if (day > now.asOf) {
      const since = sql`e.due_on > ${now.asOf}`;
      await tx.run(sql`UPDATE term_balances SET due_count = due_count + ${dues(sql`COUNT(*)`, since)},
          due_fen = due_fen + ${dues(sql`COALESCE(SUM(e.amount_fen), 0)`, since)},
          open_fen = open_fen + ${dues(sql`COALESCE(SUM(e.amount_fen - e.received_fen), 0)`, since)},
          next_due = (SELECT MIN(e.due_on) FROM expected_payments e WHERE e.term_id = term_balances.term_id AND e.due_on > ${day})
        WHERE next_due <= ${day}`);
    } else {
      const all = sql`1`;
      await tx.run(sql`UPDATE term_balances SET due_count = ${dues(sql`COUNT(*)`, all)},
          due_fen = ${dues(sql`COALESCE(SUM(e.amount_fen), 0)`, all)},
          open_fen = ${dues(sql`COALESCE(SUM(e.amount_fen - e.received_fen), 0)`, all)},
          next_due = (SELECT MIN(e.due_on) FROM expected_payments e WHERE e.term_id = term_balances.term_id AND e.due_on > ${day})`);
    }
    await tx.run(sql`UPDATE balances_as_of SET as_of = ${day} WHERE id = 1`);
  });
}

/**
 * The receivables of one page of enterprises, villages or projects, and the totals of all of them.
 * What fell due by today, and what of it is open, is each term's balance (term_balances, moved on to
 * today); only the open dues of the last 90 days and the rest of the year are read, for the ageing:
 * what is older than 90 days is the open balance less the younger buckets.
 */
export async function listReceivables(
  f: ReceivableFilters,
  {
    pageSize = PAGE_SIZE,
    totals = true,
    today = todayIso(),
  }: { pageSize?: number; totals?: boolean; today?: string } = {}
) {
  const db = await getDb();
  await rollBalances(today);
  const group = GROUPS[f.by];
  const yearEnd = `${today.slice(0, 4)}-12-31`;
  const [d30, d90] = [addDays(today, -30), addDays(today, -90)];
  const inTownship = (village: SQL) =>
    f.townshipId ? sql`AND ${village} IN (SELECT id FROM villages WHERE township_id = ${f.townshipId})` : sql``;
  const open = sql`(e.amount_fen - e.received_fen)`;
  const shown = sql`
    WITH b AS (
      SELECT ${group.key} AS gid, SUM(due_fen) AS dueFen, SUM(open_fen) AS openFen, MIN(oldest_open) AS oldest
      FROM term_balances WHERE (due_count > 0 OR next_due <= ${yearEnd}) ${inTownship(sql`village_id`)}
      GROUP BY gid
    ), r AS MATERIALIZED (
      SELECT t.${group.key} AS gid,
        SUM(CASE WHEN e.due_on >= ${today} THEN ${open} END) AS notDueFen,
        SUM(CASE WHEN e.due_on = ${today} THEN ${open} END) AS todayFen,
        SUM(CASE WHEN e.due_on < ${today} AND e.due_on >= ${d30} THEN ${open} END) AS upTo30Fen,
        SUM(CASE WHEN e.due_on < ${d30} THEN ${open} END) AS upTo90Fen
      FROM expected_payments e INDEXED BY expected_open_idx JOIN contract_terms t ON t.id = e.term_id
      WHERE e.received_fen < e.amount_fen AND e.due_on >= ${d90} AND e.due_on <= ${yearEnd}
        ${inTownship(sql`t.village_id`)}
      GROUP BY gid
    ), s AS (
      SELECT b.gid, b.dueFen, b.dueFen - b.openFen AS receivedFen, b.openFen AS outstandingFen,
        COALESCE(r.notDueFen, 0) AS notDueFen, COALESCE(r.upTo30Fen, 0) AS upTo30Fen,
        COALESCE(r.upTo90Fen, 0) AS upTo90Fen,
        b.openFen - COALESCE(r.todayFen, 0) - COALESCE(r.upTo30Fen, 0) - COALESCE(r.upTo90Fen, 0) AS over90Fen,
        CASE WHEN b.oldest < ${today} THEN CAST(julianday(${today}) - julianday(b.oldest) AS INTEGER) ELSE 0 END
          AS daysOverdue
      FROM b LEFT JOIN r ON r.gid = b.gid
    )
    SELECT s.gid AS id, ${group.name} AS name, ${group.detail} AS detail, s.dueFen, s.receivedFen,
      s.outstandingFen, s.notDueFen, s.upTo30Fen, s.upTo90Fen, s.over90Fen, s.daysOverdue
    FROM s ${group.join}
    WHERE 1 ${f.q ? sql`AND ${group.name} LIKE ${likePattern(f.q)} ESCAPE '\\'` : sql``}
      ${f.overdue ? sql`AND s.upTo30Fen + s.upTo90Fen + s.over90Fen > 0` : sql``}`;
  const order = sql.raw(`${SORTS[f.sort]} ${f.dir === "desc" ? "DESC" : "ASC"}, name, id`);
  // the page and, on each of its rows, the count and sums of every row shown: one pass over the terms
  const sums = sql.raw(
    `json_object('count', COUNT(*) OVER (), ${[
      ...MONEY.map((m) => `'${m}', SUM(${m}) OVER ()`),
      `'daysOverdue', MAX(daysOverdue) OVER ()`,
    ].join(", ")})`
  );
  const page = (limit: number, offset: number) =>
    db.all<ReceivableRow & { sums?: string }>(
      sql`SELECT * ${totals ? sql`, ${sums} AS sums` : sql``} FROM (${shown})
        ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`
    );
  const found = await page(pageSize, (f.page - 1) * pageSize);
  const rows: ReceivableRow[] = found.map(({ sums, ...row }) => row);
  if (!totals) return { rows, count: rows.length, total: null };
  // past the last page, the totals are read from the first row
  const [first] = found.length === 0 && f.page > 1 ? await page(1, 0) : found;
  const total: Totals & { count: number } = first?.sums
    ? JSON.parse(first.sums)
    : { count: 0, daysOverdue: 0, ...Object.fromEntries(MONEY.map((m) => [m, 0])) };
  return { rows, count: total.count, total };
}
