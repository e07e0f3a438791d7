import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { INCOME_CATEGORIES, OPERATING_CATEGORIES, type IncomeCategory } from "../../db/schema";
import { currentYear } from "~/lib/dates";
import { weakThresholdFen } from "./settings.server";

// The per-village income summary (村集体收入汇总): one SQL aggregate over the ledger, whatever the
// number of villages. Voided records count nowhere.

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
const categorySum = (category: string) => sql.raw(`SUM(CASE WHEN category = '${category}' THEN amount_fen ELSE 0 END)`);
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
  const db = await getDb();
  const thresholdFen = await weakThresholdFen(year);
  const current = yearBounds(year);
  const previous = yearBounds(year - 1);
  const rows = await db.all<
    Record<IncomeCategory, number> & {
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
    }
  >(sql`
    WITH cur AS (
      SELECT village_id,
        ${categorySum("operating")} AS operating,
        ${categorySum("contracting")} AS contracting,
        ${categorySum("investment")} AS investment,
        ${categorySum("subsidy")} AS subsidy,
        ${categorySum("other")} AS other,
        SUM(amount_fen) AS total
      FROM income_records
      WHERE received_on >= ${current.from} AND received_on < ${current.to} AND voided_at IS NULL
      GROUP BY village_id
    ), prev AS (
      SELECT village_id, SUM(amount_fen) AS total
      FROM income_records
      WHERE received_on >= ${previous.from} AND received_on < ${previous.to} AND voided_at IS NULL
      GROUP BY village_id
    ), summary AS (
      SELECT v.id AS villageId, v.name AS villageName, v.code AS villageCode,
        t.id AS townshipId, t.name AS townshipName, t.code AS townshipCode,
        COALESCE(cur.operating, 0) AS operating, COALESCE(cur.contracting, 0) AS contracting,
        COALESCE(cur.investment, 0) AS investment, COALESCE(cur.subsidy, 0) AS subsidy, COALESCE(cur.other, 0) AS other,
        COALESCE(cur.total, 0) AS totalFen,
        ${OPERATING_SUM} AS operatingIncomeFen,
        COALESCE(prev.total, 0) AS lastYearFen
      FROM villages v
      JOIN townships t ON t.id = v.township_id
      LEFT JOIN cur ON cur.village_id = v.id
      LEFT JOIN prev ON prev.village_id = v.id
      WHERE ${townshipId ?? null} IS NULL OR v.township_id = ${townshipId ?? null}
    )
    SELECT *,
      RANK() OVER (ORDER BY operatingIncomeFen DESC) AS rank,
      operatingIncomeFen < ${thresholdFen} AS weak,
      CASE WHEN lastYearFen = 0 THEN NULL ELSE (totalFen - lastYearFen) * 1.0 / lastYearFen END AS changeRatio
    FROM summary
    ORDER BY ${sql.raw(ORDER[sort])} ${sql.raw(
    dir === "desc" ? "DESC" : "ASC"
  )} NULLS LAST, rank, townshipCode, villageCode, villageName`);

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
  const [row] = await db.all<{ year: string | null }>(
    sql`SELECT MAX(substr(received_on, 1, 4)) AS year FROM income_records WHERE voided_at IS NULL`
  );
  return row?.year ? Number(row.year) : null;
}

/** One village's year: by month, category, project and paying enterprise, and five years of trend. */
export async function villageIncomeDetail(villageId: number, year: number) {
  const db = await getDb();
  const { from, to } = yearBounds(year);
  const inYear = sql`village_id = ${villageId} AND voided_at IS NULL AND received_on >= ${from} AND received_on < ${to}`;
  const byMonthRows = await db.all<{ month: string; totalFen: number }>(
    sql`SELECT substr(received_on, 6, 2) AS month, SUM(amount_fen) AS totalFen FROM income_records WHERE ${inYear} GROUP BY month`
  );
  const byCategoryRows = await db.all<{ category: IncomeCategory; totalFen: number; records: number }>(
    sql`SELECT category, SUM(amount_fen) AS totalFen, COUNT(*) AS records FROM income_records WHERE ${inYear} GROUP BY category`
  );
  const byProject = await db.all<{ projectId: number | null; name: string | null; totalFen: number }>(sql`
    SELECT i.project_id AS projectId, p.name, SUM(i.amount_fen) AS totalFen
    FROM income_records i LEFT JOIN projects p ON p.id = i.project_id
    WHERE i.village_id = ${villageId} AND i.voided_at IS NULL AND i.received_on >= ${from} AND i.received_on < ${to}
    GROUP BY i.project_id ORDER BY totalFen DESC`);
  const byEnterprise = await db.all<{ enterpriseId: number | null; name: string | null; totalFen: number }>(sql`
    SELECT i.enterprise_id AS enterpriseId, e.name, SUM(i.amount_fen) AS totalFen
    FROM income_records i LEFT JOIN enterprises e ON e.id = i.enterprise_id
    WHERE i.village_id = ${villageId} AND i.voided_at IS NULL AND i.received_on >= ${from} AND i.received_on < ${to}
    GROUP BY i.enterprise_id ORDER BY totalFen DESC`);
  const trendRows = await db.all<{ year: string; totalFen: number; operatingIncomeFen: number }>(sql`
    SELECT substr(received_on, 1, 4) AS year, SUM(amount_fen) AS totalFen,
      SUM(CASE WHEN category IN (${sql.raw(
        OPERATING_CATEGORIES.map((c) => `'${c}'`).join(",")
      )}) THEN amount_fen ELSE 0 END) AS operatingIncomeFen
    FROM income_records
    WHERE village_id = ${villageId} AND voided_at IS NULL AND received_on >= ${`${
    year - 4
  }-01-01`} AND received_on < ${to}
    GROUP BY year`);
  const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));
  return {
    year,
    byMonth: months.map((m) => ({ month: Number(m), totalFen: byMonthRows.find((r) => r.month === m)?.totalFen ?? 0 })),
    byCategory: INCOME_CATEGORIES.map((c) => {
      const row = byCategoryRows.find((r) => r.category === c);
      return { category: c, totalFen: row?.totalFen ?? 0, records: row?.records ?? 0 };
    }),
    byProject,
    byEnterprise,
    trend: Array.from({ length: 5 }, (_, i) => year - 4 + i).map((y) => {
      const row = trendRows.find((r) => Number(r.year) === y);
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
