import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import type { IncomeCategory } from "../../db/schema";
import { todayIso } from "~/lib/dates";
import { inJson } from "./shared.server";
import { operatingSql, yearRules } from "./settings.server";

// 摘帽预测 (DESIGN, "What is owed"): for each village under this year's threshold, its operating
// income received so far plus the operating payments its terms still expect this year — "预计可达标"
// or "缺口 X 元" — with the payments that decide it.

export type ExpectedPayment = {
  termId: number;
  projectId: number;
  projectName: string;
  enterpriseName: string;
  dueOn: string;
  openFen: number;
};

export type Forecast = {
  villageId: number;
  villageName: string;
  townshipName: string;
  operatingFen: number;
  expectedFen: number;
  thresholdFen: number;
  /** what it still lacks after the expected payments; 0 when they lift it */
  gapFen: number;
  payments: ExpectedPayment[];
};

/** The weak villages of this year (or these villages, if weak), lifted first, then by the smallest gap. */
export async function weakForecast({
  villageIds,
  townshipId,
  limit = 50,
  today = todayIso(),
}: { villageIds?: number[]; townshipId?: number | null; limit?: number; today?: string } = {}) {
  const db = await getDb();
  const year = Number(today.slice(0, 4));
  const rules = await yearRules(year);
  const counted = JSON.stringify(rules.operatingCategories);
  const thisYear = sql`e.due_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`} AND e.received_fen < e.amount_fen`;
  const only = (column: string) => (villageIds ? sql`AND ${sql.raw(column)} IN ${inJson(villageIds)}` : sql``);
  const operating = operatingSql(rules, "y");
  // what each village's operating terms still expect this year, in one pass along the open dues; the
  // villages under the threshold counted, and those lifted, in the same statement as the ones shown
  const found = await db.all<Omit<Forecast, "payments" | "thresholdFen"> & { weak: number; lifted: number }>(sql`
    WITH expected AS (
      SELECT ct.village_id AS villageId, SUM(e.amount_fen - e.received_fen) AS fen
      FROM expected_payments e JOIN contract_terms ct ON ct.id = e.term_id
      WHERE ${thisYear} AND ct.category IN (SELECT value FROM json_each(${counted})) ${only("ct.village_id")}
      GROUP BY ct.village_id
    ), weak AS (
      SELECT v.id AS villageId, v.name AS villageName, t.name AS townshipName,
        ${operating} AS operatingFen, COALESCE(x.fen, 0) AS expectedFen,
        MAX(0, ${rules.weakThresholdFen} - ${operating} - COALESCE(x.fen, 0)) AS gapFen
      FROM villages v JOIN townships t ON t.id = v.township_id
      LEFT JOIN village_year_income y ON y.year = ${year} AND y.village_id = v.id
      LEFT JOIN expected x ON x.villageId = v.id
      WHERE ${operating} < ${rules.weakThresholdFen} ${only("v.id")}
        ${townshipId ? sql`AND v.township_id = ${townshipId}` : sql``}
    )
    SELECT *, COUNT(*) OVER () AS weak, SUM(gapFen = 0) OVER () AS lifted FROM weak
    ORDER BY gapFen, expectedFen DESC, villageName, villageId LIMIT ${Math.max(limit, 1)}`);
  const shown = found
    .slice(0, limit)
    .map(({ weak: _, lifted: __, ...r }) => ({ ...r, thresholdFen: rules.weakThresholdFen }));
  const payments = shown.length
    ? await db.all<ExpectedPayment & { villageId: number; category: IncomeCategory }>(sql`
      SELECT ct.village_id AS villageId, ct.id AS termId, p.id AS projectId, p.name AS projectName,
        en.name AS enterpriseName, e.due_on AS dueOn, e.amount_fen - e.received_fen AS openFen
      FROM contract_terms ct JOIN expected_payments e ON e.term_id = ct.id
      JOIN projects p ON p.id = ct.project_id JOIN enterprises en ON en.id = ct.enterprise_id
      WHERE ct.village_id IN ${inJson(shown.map((r) => r.villageId))}
        AND ct.category IN (SELECT value FROM json_each(${counted}))
        AND e.due_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`} AND e.received_fen < e.amount_fen
      ORDER BY e.due_on, e.id`)
    : [];
  return {
    year,
    thresholdFen: rules.weakThresholdFen,
    weak: found[0]?.weak ?? 0,
    lifted: found[0]?.lifted ?? 0,
    villages: shown.map((r) => ({
      ...r,
      payments: payments.filter((p) => p.villageId === r.villageId).map(({ villageId: _, category: __, ...p }) => p),
    })),
  };
}
