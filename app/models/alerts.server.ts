import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import type { ProjectStatus } from "../../db/schema";
import { addDays, daysBetween, lastFullQuarterStart, todayIso } from "~/lib/dates";
import { reportDeadlineDay } from "./settings.server";

// 预警 (DESIGN, "What is owed"): what needs someone's attention, each with the page where it is
// done — contracts ending within 90 days (30 the most urgent), payments overdue (each a due of a
// term, the oldest first), projects stuck
// in 洽谈 / 签约 / 在建 for 180 days, joint organizations overdue for their quarterly review,
// months not reported after the deadline. Each kind counts all and names the first few.

export type Ending = { projectId: number; projectName: string; endsOn: string; daysLeft: number; terms: number };
export type Overdue = {
  termId: number;
  projectId: number;
  projectName: string;
  villageName: string;
  enterpriseName: string;
  oldestDue: string;
  daysOverdue: number;
  outstandingFen: number;
};
export type Stalled = { projectId: number; projectName: string; status: ProjectStatus; since: string; days: number };
export type Unreviewed = { organizationId: number; organizationName: string; lastReview: string | null };
export type LateMonths = { townshipId: number; townshipName: string; months: number };

/** Every kind of alert: how many in all, and the first `limit` of each, most urgent first. */
export async function alerts(limit = 10, today = todayIso()) {
  const db = await getDb();
  // a contract ends when its project's contract ends, or its last term does (the terms ending in
  // the window found along their index, then those of a project that has a later one left out)
  const windowEnd = addDays(today, 90);
  const ending = await db.all<Ending & { total: number }>(sql`
    SELECT p.id AS projectId, p.name AS projectName, e.endsOn,
      (SELECT COUNT(*) FROM contract_terms t WHERE t.project_id = p.id) AS terms, COUNT(*) OVER () AS total
    FROM (
      SELECT id, MIN(endsOn) AS endsOn FROM (
        SELECT id, contract_end AS endsOn FROM projects
        WHERE contract_end BETWEEN ${today} AND ${windowEnd} AND status <> 'ended'
        UNION ALL
        SELECT t.project_id, MAX(t.ends_on) FROM contract_terms t
        WHERE t.ends_on BETWEEN ${today} AND ${windowEnd}
          AND NOT EXISTS (SELECT 1 FROM contract_terms l WHERE l.project_id = t.project_id AND l.ends_on > ${windowEnd})
        GROUP BY t.project_id
      ) GROUP BY id
    ) e JOIN projects p ON p.id = e.id
    ORDER BY e.endsOn, p.name LIMIT ${limit}`);
  // overdue payments, the oldest first along the open-dues index (each a due of a term), and how many;
  // CROSS JOIN keeps the planner from reading every term to join the few dues
  const [{ overdueCount }] = await db.all<{ overdueCount: number }>(
    sql`SELECT COUNT(*) AS overdueCount FROM expected_payments WHERE due_on < ${today} AND received_fen < amount_fen`
  );
  const overdue = await db.all<Overdue>(sql`
    SELECT o.term_id AS termId, p.id AS projectId, p.name AS projectName, v.name AS villageName, en.name AS enterpriseName,
      o.due_on AS oldestDue, o.amount_fen - o.received_fen AS outstandingFen
    FROM (SELECT term_id, due_on, amount_fen, received_fen FROM expected_payments
      WHERE due_on < ${today} AND received_fen < amount_fen ORDER BY due_on LIMIT ${limit}) o
    CROSS JOIN contract_terms t ON t.id = o.term_id JOIN projects p ON p.id = t.project_id
    JOIN villages v ON v.id = t.village_id JOIN enterprises en ON en.id = t.enterprise_id
    ORDER BY o.due_on, o.term_id`);
  const stalled = await db.all<Stalled & { total: number }>(sql`
    SELECT p.id AS projectId, p.name AS projectName, p.status,
      COALESCE((SELECT MAX(h.changed_on) FROM project_status_history h WHERE h.project_id = p.id), substr(p.created_at, 1, 10)) AS since,
      COUNT(*) OVER () AS total
    FROM projects p WHERE p.status IN ('negotiating', 'signed', 'building') AND since < ${addDays(today, -180)}
    ORDER BY since, p.name LIMIT ${limit}`);
  const quarterStart = lastFullQuarterStart(today);
  const unreviewed = await db.all<Unreviewed & { total: number }>(sql`
    SELECT o.id AS organizationId, o.name AS organizationName, r.lastReview, COUNT(*) OVER () AS total
    FROM organizations o LEFT JOIN (
      SELECT organization_id, MAX(held_on) AS lastReview FROM activities WHERE kind = 'quarterly_review' GROUP BY organization_id
    ) r ON r.organization_id = o.id
    WHERE o.dissolved_on IS NULL AND COALESCE(r.lastReview, '') < ${quarterStart}
    ORDER BY r.lastReview, o.name LIMIT ${limit}`);
  // months of this year past their deadline (the Nth of the month after) and still not reported
  const year = Number(today.slice(0, 4));
  const deadlineDay = await reportDeadlineDay(year);
  let lastLate = 0;
  for (let m = 1; m <= 12; m++) {
    const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
    if (`${next}-${String(deadlineDay).padStart(2, "0")}` < today) lastLate = m;
  }
  const late = lastLate
    ? await db.all<LateMonths & { total: number }>(sql`
      SELECT t.id AS townshipId, t.name AS townshipName,
        COUNT(*) * ${lastLate} - COALESCE(SUM(done.n), 0) AS months, SUM(COUNT(*) * ${lastLate} - COALESCE(SUM(done.n), 0)) OVER () AS total
      FROM villages v JOIN townships t ON t.id = v.township_id
      LEFT JOIN (
        SELECT village_id, COUNT(*) AS n FROM village_months
        WHERE year = ${year} AND month <= ${lastLate} AND state IN ('submitted', 'approved') GROUP BY village_id
      ) done ON done.village_id = v.id
      GROUP BY t.id HAVING months > 0 ORDER BY months DESC, t.code LIMIT ${limit}`)
    : [];
  /** A kind's count (every row carries it) and its rows without it, each with what `more` adds. */
  const strip = <T extends { total: number }, M extends object>(rows: T[], more: (r: Omit<T, "total">) => M) => ({
    total: rows[0]?.total ?? 0,
    items: rows.map(({ total: _, ...r }) => ({ ...r, ...more(r) })),
  });
  const nothing = () => ({});
  return {
    today,
    year,
    ending: strip(ending, (e) => ({ daysLeft: daysBetween(today, e.endsOn) })),
    overdue: {
      total: overdueCount,
      items: overdue.map((o) => ({ ...o, daysOverdue: daysBetween(o.oldestDue, today) })),
    },
    stalled: strip(stalled, (p) => ({ days: daysBetween(p.since, today) })),
    unreviewed: strip(unreviewed, nothing),
    lateMonths: { ...strip(late, nothing), lastLate },
  };
}

export type Alerts = Awaited<ReturnType<typeof alerts>>;
