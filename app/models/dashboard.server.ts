import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { OPERATING_CATEGORIES, PROJECT_STATUSES, type ProjectStatus } from "../../db/schema";
import { lastFullQuarterStart } from "~/lib/dates";
import { weakThresholdFen } from "./settings.server";

const OPERATING = sql.raw(OPERATING_CATEGORIES.map((c) => `'${c}'`).join(","));

function yearRange(year: number) {
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/** The township's figures for one year, each a single aggregate query. */
export async function dashboardFigures(year: number) {
  const db = await getDb();
  const thisYear = yearRange(year);
  const lastYear = yearRange(year - 1);
  const thresholdFen = await weakThresholdFen(year);

  const [totals] = await db.all<{ totalFen: number; operatingFen: number; records: number; lastYearFen: number }>(sql`
    SELECT
      COALESCE(SUM(CASE WHEN received_on >= ${thisYear.from} THEN amount_fen END), 0) AS totalFen,
      COALESCE(SUM(CASE WHEN received_on >= ${thisYear.from} AND category IN (${OPERATING}) THEN amount_fen END), 0) AS operatingFen,
      COUNT(CASE WHEN received_on >= ${thisYear.from} THEN 1 END) AS records,
      COALESCE(SUM(CASE WHEN received_on < ${thisYear.from} THEN amount_fen END), 0) AS lastYearFen
    FROM income_records
    WHERE received_on >= ${lastYear.from} AND received_on < ${thisYear.to} AND voided_at IS NULL`);

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

  const villageRows = await db.all<{ id: number; name: string; totalFen: number; operatingFen: number }>(sql`
    SELECT v.id, v.name,
      COALESCE(SUM(i.amount_fen), 0) AS totalFen,
      COALESCE(SUM(CASE WHEN i.category IN (${OPERATING}) THEN i.amount_fen END), 0) AS operatingFen
    FROM villages v
    LEFT JOIN income_records i ON i.village_id = v.id AND i.voided_at IS NULL
      AND i.received_on >= ${thisYear.from} AND i.received_on < ${thisYear.to}
    GROUP BY v.id
    ORDER BY totalFen DESC, v.name`);

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
    topVillages: villageRows.slice(0, 5),
    weakVillages: villageRows
      .filter((v) => v.operatingFen < thresholdFen)
      .sort((a, b) => a.operatingFen - b.operatingFen),
  };
}
