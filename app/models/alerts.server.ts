import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import type { ProjectStatus } from "../../db/schema";
import { lastFullQuarterStart, todayIso } from "~/lib/dates";
import { reportDeadlineDay } from "./settings.server";

// 预警 (DESIGN, "What is owed"): what needs someone's attention, each with the page where it is
// done — contracts ending within 90 days (30 the most urgent), payments overdue, projects stuck
// in 洽谈 / 签约 / 在建 for 180 days, joint organizations overdue for their quarterly review,
// months not reported after the deadline. Each kind counts all and names the first few.

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

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
  // a contract ends when its project's contract ends, or its last term does
  const ending = await db.all<Ending & { total: number }>(sql`
    SELECT p.id AS projectId, p.name AS projectName, e.endsOn,
      (SELECT COUNT(*) FROM contract_terms t WHERE t.project_id = p.id) AS terms, COUNT(*) OVER () AS total
    FROM (
      SELECT id, contract_end AS endsOn FROM projects
      WHERE contract_end BETWEEN ${today} AND ${addDays(today, 90)} AND status <> 'ended'
      UNION
      SELECT project_id, MAX(ends_on) FROM contract_terms GROUP BY project_id
      HAVING MAX(ends_on) BETWEEN ${today} AND ${addDays(today, 90)}
    ) e JOIN projects p ON p.id = e.id
    GROUP BY p.id ORDER BY MIN(e.endsOn), p.name LIMIT ${limit}`);
  // overdue payments, a term at a time (its oldest open due and all it owes), along the open-dues index
  const overdue = await db.all<Overdue & { total: number }>(sql`
    SELECT o.termId, p.id AS projectId, p.name AS projectName, v.name AS villageName, en.name AS enterpriseName,
      o.oldestDue, o.outstandingFen, COUNT(*) OVER () AS total
    FROM (
      SELECT e.term_id AS termId, MIN(e.due_on) AS oldestDue, SUM(e.amount_fen - e.received_fen) AS outstandingFen
      FROM expected_payments e WHERE e.due_on < ${today} AND e.received_fen < e.amount_fen GROUP BY e.term_id
    ) o JOIN contract_terms t ON t.id = o.termId JOIN projects p ON p.id = t.project_id
    JOIN villages v ON v.id = t.village_id JOIN enterprises en ON en.id = t.enterprise_id
    ORDER BY o.oldestDue, o.outstandingFen DESC LIMIT ${limit}`);
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
  const strip = <T extends { total: number }>(rows: T[]) => ({
    total: rows[0]?.total ?? 0,
    items: rows.map(({ total: _, ...r }) => r),
  });
  return {
    today,
    year,
    ending: {
      ...strip(ending),
      items: strip(ending).items.map((e) => ({ ...e, daysLeft: daysBetween(today, e.endsOn) })),
    },
    overdue: {
      ...strip(overdue),
      items: strip(overdue).items.map((o) => ({ ...o, daysOverdue: daysBetween(o.oldestDue, today) })),
    },
    stalled: {
      ...strip(stalled),
      items: strip(stalled).items.map((p) => ({ ...p, days: daysBetween(p.since, today) })),
    },
    unreviewed: strip(unreviewed),
    lateMonths: { ...strip(late), lastLate },
  };
}

export type Alerts = Awaited<ReturnType<typeof alerts>>;
