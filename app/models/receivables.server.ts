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

/** How each grouping names its rows: the key of a term, the table, and what a row shows beside its name. */
const GROUPS: Record<ReceivableFilters["by"], { key: SQL; join: SQL; name: SQL; detail: SQL }> = {
  enterprise: {
    key: sql`t.enterprise_id`,
    join: sql`JOIN enterprises g ON g.id = t.enterprise_id`,
    name: sql`g.name`,
    detail: sql`NULL`,
  },
  village: {
    key: sql`t.village_id`,
    join: sql`JOIN villages g ON g.id = t.village_id JOIN townships tw ON tw.id = g.township_id`,
    name: sql`g.name`,
    detail: sql`tw.name`,
  },
  project: {
    key: sql`t.project_id`,
    join: sql`JOIN projects g ON g.id = t.project_id`,
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

/** The receivables of one page of enterprises, villages or projects, and the totals of all of them. */
export async function listReceivables(
  f: ReceivableFilters,
  {
    pageSize = PAGE_SIZE,
    totals = true,
    today = todayIso(),
  }: { pageSize?: number; totals?: boolean; today?: string } = {}
) {
  const db = await getDb();
  const group = GROUPS[f.by];
  const yearEnd = `${today.slice(0, 4)}-12-31`;
  const [d30, d90] = [addDays(today, -30), addDays(today, -90)];
  const where: SQL[] = [sql`e.due_on <= ${yearEnd}`];
  if (f.townshipId) where.push(sql`t.village_id IN (SELECT id FROM villages WHERE township_id = ${f.townshipId})`);
  if (f.q) where.push(sql`${group.name} LIKE ${likePattern(f.q)} ESCAPE '\\'`);
  const open = sql`(e.amount_fen - e.received_fen)`;
  const grouped = sql`
    SELECT ${group.key} AS id, ${group.name} AS name, ${group.detail} AS detail,
      COALESCE(SUM(CASE WHEN e.due_on <= ${today} THEN e.amount_fen END), 0) AS dueFen,
      COALESCE(SUM(CASE WHEN e.due_on <= ${today} THEN e.received_fen END), 0) AS receivedFen,
      COALESCE(SUM(CASE WHEN e.due_on >= ${today} THEN ${open} END), 0) AS notDueFen,
      COALESCE(SUM(CASE WHEN e.due_on < ${today} AND e.due_on >= ${d30} THEN ${open} END), 0) AS upTo30Fen,
      COALESCE(SUM(CASE WHEN e.due_on < ${d30} AND e.due_on >= ${d90} THEN ${open} END), 0) AS upTo90Fen,
      COALESCE(SUM(CASE WHEN e.due_on < ${d90} THEN ${open} END), 0) AS over90Fen,
      COALESCE(MAX(CASE WHEN e.due_on < ${today} AND ${open} > 0
        THEN CAST(julianday(${today}) - julianday(e.due_on) AS INTEGER) END), 0) AS daysOverdue
    FROM expected_payments e JOIN contract_terms t ON t.id = e.term_id ${group.join}
    WHERE ${sql.join(where, sql` AND `)}
    GROUP BY ${group.key}`;
  const shown = sql`SELECT *, dueFen - receivedFen AS outstandingFen FROM (${grouped})
    ${f.overdue ? sql`WHERE upTo30Fen + upTo90Fen + over90Fen > 0` : sql``}`;
  const order = sql.raw(`${SORTS[f.sort]} ${f.dir === "desc" ? "DESC" : "ASC"}, name, id`);
  const rows = await db.all<ReceivableRow>(
    sql`${shown} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(f.page - 1) * pageSize}`
  );
  if (!totals) return { rows, count: rows.length, total: null };
  const [total] = await db.all<Omit<ReceivableRow, "id" | "name" | "detail"> & { count: number }>(sql`
    SELECT COUNT(*) AS count, COALESCE(SUM(dueFen), 0) AS dueFen, COALESCE(SUM(receivedFen), 0) AS receivedFen,
      COALESCE(SUM(outstandingFen), 0) AS outstandingFen, COALESCE(SUM(notDueFen), 0) AS notDueFen,
      COALESCE(SUM(upTo30Fen), 0) AS upTo30Fen, COALESCE(SUM(upTo90Fen), 0) AS upTo90Fen,
      COALESCE(SUM(over90Fen), 0) AS over90Fen, COALESCE(MAX(daysOverdue), 0) AS daysOverdue
    FROM (${shown})`);
  return { rows, count: total.count, total };
}
