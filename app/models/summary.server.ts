import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { INCOME_CATEGORIES, OPERATING_CATEGORIES, type IncomeCategory } from "../../db/schema";
import { currentYear } from "~/lib/dates";
import { weakThresholdFen } from "./settings.server";
import { jsonRows } from "./shared.server";

// The per-village income summary (村集体收入汇总): one SQL statement over village_year_income, the
// per-village-per-year sums the database keeps in step with the ledger (see db/schema.ts), so its
// cost grows with the villages, not with the records. Voided records count nowhere.

export const SUMMARY_SORTS = [
  "rank",
  "township",
  "village",
  "code",
  "total",
  "operatingIncome",
  "lastYear",
  "change",
  ...INCOME_CATEGORIES,
] as const;
export type SummarySort = (typeof SUMMARY_SORTS)[number];

export type SummaryRow = {
  villageId: number;
  villageName: string;
  villageCode: string | null;
  townshipId: number;
  townshipName: string;
  byCategory: Record<IncomeCategory, number>;
  totalFen: number;
  /** 经营性收入 = 经营收入 + 发包及上交收入 + 投资收益 */
  operatingIncomeFen: number;
  lastYearFen: number;
  /** 同比 as a fraction (0.125 for 12.5%), null when last year had nothing */
  change: number | null;
  rank: number;
  weak: boolean;
};

const yearBounds = (year: number) => ({ from: `${year}-01-01`, to: `${year + 1}-01-01` });
const OPERATING_SUM = sql.raw(OPERATING_CATEGORIES.map((c) => `COALESCE(cur.${c}, 0)`).join(" + "));

const ORDER: Record<SummarySort, string> = {
  rank: "rank",
  township: "townshipCode, townshipName",
  village: "villageName",
  code: "villageCode",
  total: "totalFen",
  operatingIncome: "operatingIncomeFen",
  lastYear: "lastYearFen",
  change: "changeRatio",
  operating: "operating",
  contracting: "contracting",
  investment: "investment",
  subsidy: "subsidy",
  other: "other",
};

export async function villageIncomeSummary({
  year,
  townshipId,
  sort = "rank",
  dir = "asc",
}: {
  year: number;
  townshipId?: number;
  sort?: SummarySort;
  dir?: "asc" | "desc";
}) {
  const thresholdFen = await weakThresholdFen(year);
  type Row = Record<IncomeCategory, number> & {
    villageId: number;
    villageName: string;
    villageCode: string | null;
    townshipId: number;
    townshipName: string;
    totalFen: number;
    operatingIncomeFen: number;
    lastYearFen: number;
    rank: number;
    weak: number;
  };
  const rows = await jsonRows<Row>(
    [
      "villageId",
      "villageName",
      "villageCode",
      "townshipId",
      "townshipName",
      ...INCOME_CATEGORIES,
      "totalFen",
      "operatingIncomeFen",
      "lastYearFen",
      "rank",
      "weak",
    ],
    sql`
    WITH summary AS (
      SELECT v.id AS villageId, v.name AS villageName, v.code AS villageCode,
        t.id AS townshipId, t.name AS townshipName, t.code AS townshipCode,
        COALESCE(cur.operating, 0) AS operating, COALESCE(cur.contracting, 0) AS contracting,
        COALESCE(cur.investment, 0) AS investment, COALESCE(cur.subsidy, 0) AS subsidy, COALESCE(cur.other, 0) AS other,
        COALESCE(cur.total_fen, 0) AS totalFen,
        ${OPERATING_SUM} AS operatingIncomeFen,
        COALESCE(prev.total_fen, 0) AS lastYearFen
      FROM villages v
      JOIN townships t ON t.id = v.township_id
      LEFT JOIN village_year_income cur ON cur.year = ${year} AND cur.village_id = v.id
      LEFT JOIN village_year_income prev ON prev.year = ${year - 1} AND prev.village_id = v.id
      WHERE ${townshipId ?? null} IS NULL OR v.township_id = ${townshipId ?? null}
    )
    SELECT *,
      RANK() OVER (ORDER BY operatingIncomeFen DESC) AS rank,
      operatingIncomeFen < ${thresholdFen} AS weak,
      CASE WHEN lastYearFen = 0 THEN NULL ELSE (totalFen - lastYearFen) * 1.0 / lastYearFen END AS changeRatio
    FROM summary`,
    sql`${sql.raw(ORDER[sort])} ${sql.raw(dir === "desc" ? "DESC" : "ASC")} NULLS LAST, rank, townshipCode, villageCode, villageName`
  );

  const summaryRows: SummaryRow[] = rows.map((r) => ({
    villageId: r.villageId,
    villageName: r.villageName,
    villageCode: r.villageCode,
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    byCategory: Object.fromEntries(INCOME_CATEGORIES.map((c) => [c, r[c]])) as Record<IncomeCategory, number>,
    totalFen: r.totalFen,
    operatingIncomeFen: r.operatingIncomeFen,
    lastYearFen: r.lastYearFen,
    change: r.lastYearFen === 0 ? null : (r.totalFen - r.lastYearFen) / r.lastYearFen,
    rank: r.rank,
    weak: Boolean(r.weak),
  }));
  return { year, thresholdFen, rows: summaryRows, townships: subtotals(summaryRows), total: subtotal(summaryRows) };
}

export type Subtotal = {
  byCategory: Record<IncomeCategory, number>;
  totalFen: number;
  operatingIncomeFen: number;
  lastYearFen: number;
  change: number | null;
  villages: number;
  weakVillages: number;
};

/** Adds up already-aggregated village rows (one per village): the township and grand totals. */
function subtotal(rows: SummaryRow[]): Subtotal {
  const byCategory = Object.fromEntries(
    INCOME_CATEGORIES.map((c) => [c, rows.reduce((n, r) => n + r.byCategory[c], 0)])
  ) as Record<IncomeCategory, number>;
  const totalFen = rows.reduce((n, r) => n + r.totalFen, 0);
  const lastYearFen = rows.reduce((n, r) => n + r.lastYearFen, 0);
  return {
    byCategory,
    totalFen,
    operatingIncomeFen: rows.reduce((n, r) => n + r.operatingIncomeFen, 0),
    lastYearFen,
    change: lastYearFen === 0 ? null : (totalFen - lastYearFen) / lastYearFen,
    villages: rows.length,
    weakVillages: rows.filter((r) => r.weak).length,
  };
}

function subtotals(rows: SummaryRow[]) {
  const byTownship = new Map<number, { townshipId: number; townshipName: string; rows: SummaryRow[] }>();
  for (const r of rows) {
    const entry = byTownship.get(r.townshipId) ?? { townshipId: r.townshipId, townshipName: r.townshipName, rows: [] };
    entry.rows.push(r);
    byTownship.set(r.townshipId, entry);
  }
  return [...byTownship.values()].map((t) => ({
    townshipId: t.townshipId,
    townshipName: t.townshipName,
    ...subtotal(t.rows),
  }));
}

/** 同比 as people write it: "12.5%", "-3.0%", or "" when last year had nothing. */
export function formatChangeRatio(change: number | null): string {
  if (change === null) return "";
  return `${(Math.round(change * 1000) / 10).toFixed(1)}%`;
}

/** The latest year with any (non-voided) income, for the summary's default. */
export async function latestIncomeYear(): Promise<number | null> {
  const db = await getDb();
  const [row] = await db.all<{ year: number | null }>(
    sql`SELECT MAX(year) AS year FROM village_year_income WHERE records > 0`
  );
  return row?.year ?? null;
}

/**
 * One village's year: by month, category, project and paying enterprise, and five years of trend.
 * The year is one walk of the covering index (village, date, category, amount, project, enterprise),
 * grouped finely in SQL and added up here; the trend comes from village_year_income.
 */
export async function villageIncomeDetail(villageId: number, year: number) {
  const db = await getDb();
  const { from, to } = yearBounds(year);
  const groups = await db.all<{
    month: string;
    category: IncomeCategory;
    projectId: number | null;
    enterpriseId: number | null;
    totalFen: number;
    records: number;
  }>(sql`
    SELECT substr(received_on, 6, 2) AS month, category, project_id AS projectId, enterprise_id AS enterpriseId,
      SUM(amount_fen) AS totalFen, COUNT(*) AS records
    FROM income_records INDEXED BY income_village_date_idx
    WHERE village_id = ${villageId} AND received_on >= ${from} AND received_on < ${to} AND voided_at IS NULL
    GROUP BY month, category, projectId, enterpriseId`);
  const add = <K>(map: Map<K, number>, key: K, fen: number) => map.set(key, (map.get(key) ?? 0) + fen);
  const byMonth = new Map<number, number>();
  const byCategory = new Map<IncomeCategory, { totalFen: number; records: number }>();
  const byProjectFen = new Map<number | null, number>();
  const byEnterpriseFen = new Map<number | null, number>();
  for (const g of groups) {
    add(byMonth, Number(g.month), g.totalFen);
    const c = byCategory.get(g.category) ?? { totalFen: 0, records: 0 };
    byCategory.set(g.category, { totalFen: c.totalFen + g.totalFen, records: c.records + g.records });
    add(byProjectFen, g.projectId, g.totalFen);
    add(byEnterpriseFen, g.enterpriseId, g.totalFen);
  }
  const named = async (table: "projects" | "enterprises", totals: Map<number | null, number>) => {
    const ids = [...totals.keys()].filter((id): id is number => id !== null);
    const names = new Map(
      ids.length
        ? (
            await db.all<{ id: number; name: string }>(
              sql`SELECT id, name FROM ${sql.identifier(table)} WHERE id IN ${ids}`
            )
          ).map((r) => [r.id, r.name])
        : []
    );
    return [...totals].map(([id, totalFen]) => ({ id, name: id === null ? null : names.get(id) ?? null, totalFen }))
      .sort((x, y) => y.totalFen - x.totalFen);
  };
  const byProject = (await named("projects", byProjectFen)).map(({ id, ...r }) => ({ projectId: id, ...r }));
  const byEnterprise = (await named("enterprises", byEnterpriseFen)).map(({ id, ...r }) => ({ enterpriseId: id, ...r }));
  const years = Array.from({ length: 5 }, (_, i) => year - 4 + i);
  const trendRows = await db.all<{ year: number; totalFen: number; operatingIncomeFen: number }>(sql`
    SELECT year, total_fen AS totalFen, ${sql.raw(OPERATING_CATEGORIES.join(" + "))} AS operatingIncomeFen
    FROM village_year_income WHERE village_id = ${villageId} AND year IN ${years}`);
  return {
    year,
    byMonth: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, totalFen: byMonth.get(i + 1) ?? 0 })),
    byCategory: INCOME_CATEGORIES.map((c) => ({
      category: c,
      totalFen: byCategory.get(c)?.totalFen ?? 0,
      records: byCategory.get(c)?.records ?? 0,
    })),
    byProject,
    byEnterprise,
    trend: years.map((y) => {
      const row = trendRows.find((r) => r.year === y);
      return { year: y, totalFen: row?.totalFen ?? 0, operatingIncomeFen: row?.operatingIncomeFen ?? 0 };
    }),
  };
}

/** The summary's year (latest with data by default), township and sort, as its URL carries them. */
export async function summaryParamsFrom(url: URL) {
  const yearText = url.searchParams.get("year");
  const yearParam = Number(yearText);
  // a year that makes no sense is a clear 400, not a guess
  if (yearText && !(Number.isInteger(yearParam) && yearParam >= 1900 && yearParam <= 2999)) {
    throw new Response("error.year", { status: 400 });
  }
  const year = yearText ? yearParam : (await latestIncomeYear()) ?? currentYear();
  const townshipId = Number(url.searchParams.get("township")) || undefined;
  const sortParam = url.searchParams.get("sort") as SummarySort | null;
  const sort = sortParam && SUMMARY_SORTS.includes(sortParam) ? sortParam : "rank";
  const dir: "asc" | "desc" = url.searchParams.get("dir") === "desc" ? "desc" : "asc";
  return { year, townshipId, sort, dir };
}
