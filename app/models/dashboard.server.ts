import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { PROJECT_STATUSES, type ProjectStatus } from "../../db/schema";
import { lastFullQuarterStart } from "~/lib/dates";
import { operatingSql, yearRules } from "./settings.server";

// the year's sums come from village_year_income, which the database keeps in step with the ledger

/** How many weak villages the dashboard names; the summary lists them all. */
export const WEAK_SHOWN = 30;

/** The township's figures for one year, each a single aggregate query. */
export async function dashboardFigures(year: number) {
  const db = await getDb();
  const rules = await yearRules(year);
  const thresholdFen = rules.weakThresholdFen;
  // 经营性收入 by the year's rules (口径)
  const OPERATING_SUM = operatingSql(rules, "village_year_income");
  const OPERATING_SUM_Y = operatingSql(rules, "y");

  const [totals] = await db.all<{ totalFen: number; operatingFen: number; records: number; lastYearFen: number }>(sql`
    SELECT
      COALESCE(SUM(CASE WHEN year = ${year} THEN total_fen END), 0) AS totalFen,
      COALESCE(SUM(CASE WHEN year = ${year} THEN ${OPERATING_SUM} END), 0) AS operatingFen,
      COALESCE(SUM(CASE WHEN year = ${year} THEN records END), 0) AS records,
      COALESCE(SUM(CASE WHEN year = ${year - 1} THEN total_fen END), 0) AS lastYearFen
    FROM village_year_income
    WHERE year IN (${year - 1}, ${year})`);

  const [counts] = await db.all<{
    villages: number;
    enterprises: number;
    organizations: number;
    activeOrganizations: number;
  }>(sql`
    SELECT
      (SELECT COUNT(*) FROM villages) AS villages,
      (SELECT COUNT(*) FROM enterprises) AS enterprises,
      (SELECT COUNT(*) FROM organizations) AS organizations,
      (SELECT COUNT(*) FROM organizations WHERE dissolved_on IS NULL) AS activeOrganizations`);

  const [{ overdueOrganizations }] = await db.all<{ overdueOrganizations: number }>(sql`
    SELECT COUNT(*) AS overdueOrganizations FROM organizations o
    WHERE o.dissolved_on IS NULL AND COALESCE((
      SELECT MAX(held_on) FROM activities a WHERE a.organization_id = o.id AND a.kind = 'quarterly_review'
    ), '') < ${lastFullQuarterStart()}`);

  const statusRows = await db.all<{ status: ProjectStatus; n: number }>(
    sql`SELECT status, COUNT(*) AS n FROM projects GROUP BY status`
  );
  const projectsByStatus = PROJECT_STATUSES.map((status) => ({
    status,
    count: statusRows.find((r) => r.status === status)?.n ?? 0,
  }));

  // the five largest and the weakest few, picked in SQL: a province has thousands of villages
  const villageIncome = sql`
    SELECT v.id, v.name, COALESCE(y.total_fen, 0) AS totalFen, COALESCE(${OPERATING_SUM_Y}, 0) AS operatingFen
    FROM villages v
    LEFT JOIN village_year_income y ON y.year = ${year} AND y.village_id = v.id`;
  type VillageIncome = { id: number; name: string; totalFen: number; operatingFen: number };
  const topVillages = await db.all<VillageIncome>(
    sql`SELECT * FROM (${villageIncome}) ORDER BY totalFen DESC, name LIMIT 5`
  );
  // the weakest few, and how many there are in all, in one pass
  const weakRows = await db.all<VillageIncome & { weakCount: number }>(sql`
    SELECT *, COUNT(*) OVER () AS weakCount FROM (${villageIncome})
    WHERE operatingFen < ${thresholdFen} ORDER BY operatingFen, name LIMIT ${WEAK_SHOWN}`);
  const weakVillages = weakRows.map(({ weakCount: _, ...v }) => v);
  const weakCount = weakRows[0]?.weakCount ?? 0;

  return {
    year,
    thresholdFen,
    totalFen: totals.totalFen,
    operatingFen: totals.operatingFen,
    records: totals.records,
    lastYearFen: totals.lastYearFen,
    ...counts,
    overdueOrganizations,
    projects: projectsByStatus.reduce((n, s) => n + s.count, 0),
    projectsByStatus,
    topVillages,
    weakVillages,
    weakCount,
  };
}
