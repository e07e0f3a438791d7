import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { PROJECT_STATUSES, type ProjectStatus } from "../../db/schema";
import { todayIso } from "~/lib/dates";
import { weakForecast } from "./forecast.server";
import { getOrganization } from "./organization.server";
import { operatingSql, yearRules } from "./settings.server";
import { inJson } from "./shared.server";

// 联建成效表 (DESIGN, "What is owed"): one A4 page per joint organization and year — its members,
// quarterly reviews held against due, its projects by status, what its projects paid each member
// village this year and last, what is still owed, and its member villages under the threshold.

/** Quarterly reviews due in a year: four for a past year, the quarters ended so far for this one. */
export function reviewsDue(year: number, today: string) {
  const thisYear = Number(today.slice(0, 4));
  if (year < thisYear) return 4;
  if (year > thisYear) return 0;
  return Math.floor((Number(today.slice(5, 7)) - 1) / 3);
}

export async function organizationScorecard(id: number, year: number, today = todayIso()) {
  const org = await getOrganization(id);
  if (!org) return null;
  const db = await getDb();
  const [{ held }] = await db.all<{ held: number }>(sql`
    SELECT COUNT(*) AS held FROM activities WHERE organization_id = ${id} AND kind = 'quarterly_review'
      AND held_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}`);
  const statusRows = await db.all<{ status: ProjectStatus; n: number }>(
    sql`SELECT status, COUNT(*) AS n FROM projects WHERE organization_id = ${id} GROUP BY status`
  );
  const ids = org.villageIds;
  // what the organization's projects paid each member village, this year and last (voided excepted)
  const paid = await db.all<{ villageId: number; year: number; totalFen: number }>(sql`
    SELECT i.village_id AS villageId, CAST(substr(i.received_on, 1, 4) AS INTEGER) AS year, SUM(i.amount_fen) AS totalFen
    FROM income_records i JOIN projects p ON p.id = i.project_id
    WHERE p.organization_id = ${id} AND i.voided_at IS NULL
      AND i.received_on BETWEEN ${`${year - 1}-01-01`} AND ${`${year}-12-31`}
    GROUP BY i.village_id, year`);
  // what the organization's projects' terms still owe each village: fallen due by the year's end (or today)
  const asOf = `${year}-12-31` < today ? `${year}-12-31` : today;
  const owed = await db.all<{ villageId: number; outstandingFen: number }>(sql`
    SELECT t.village_id AS villageId, SUM(e.amount_fen - e.received_fen) AS outstandingFen
    FROM contract_terms t JOIN projects p ON p.id = t.project_id JOIN expected_payments e ON e.term_id = t.id
    WHERE p.organization_id = ${id} AND e.due_on <= ${asOf} GROUP BY t.village_id`);
  const rules = await yearRules(year);
  const operating = await db.all<{ villageId: number; operatingFen: number }>(sql`
    SELECT v.id AS villageId, ${operatingSql(rules, "y")} AS operatingFen FROM villages v
    LEFT JOIN village_year_income y ON y.year = ${year} AND y.village_id = v.id WHERE v.id IN ${inJson(ids)}`);
  const forecast =
    year === Number(today.slice(0, 4)) ? await weakForecast({ villageIds: ids, limit: ids.length, today }) : null;
  const fen = <R extends { villageId: number }>(rows: R[], v: number, pick: (r: R) => number) =>
    rows.filter((r) => r.villageId === v).reduce((n, r) => n + pick(r), 0);
  return {
    organization: org,
    year,
    asOf,
    thresholdFen: rules.weakThresholdFen,
    reviews: { held, due: reviewsDue(year, today) },
    projectsByStatus: PROJECT_STATUSES.map((status) => ({
      status,
      count: statusRows.find((r) => r.status === status)?.n ?? 0,
    })),
    villages: org.villages.map((v) => ({
      id: v.id,
      name: v.name,
      paidFen: fen(
        paid.filter((p) => p.year === year),
        v.id,
        (r) => r.totalFen
      ),
      paidLastYearFen: fen(
        paid.filter((p) => p.year === year - 1),
        v.id,
        (r) => r.totalFen
      ),
      outstandingFen: fen(owed, v.id, (r) => r.outstandingFen),
      operatingFen: fen(operating, v.id, (r) => r.operatingFen),
      weak: fen(operating, v.id, (r) => r.operatingFen) < rules.weakThresholdFen,
      forecast: forecast?.villages.find((f) => f.villageId === v.id) ?? null,
    })),
  };
}
