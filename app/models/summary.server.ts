import { inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import { INCOME_CATEGORIES, townships, type IncomeCategory } from "../../db/schema";
import { currentYear } from "~/lib/dates";
import { changeRatio } from "~/lib/money";
import { BANDS, bandOf, DEFAULT_RULES, operatingIncome, parseCategories, type Band, type YearRules } from "~/lib/rules";
import type { SummarySort } from "~/validation/params";
import { operatingSql, yearRules } from "./settings.server";
import { inJson, jsonTuples } from "./shared.server";
import { countVillages } from "./village.server";

// The per-village income summary (村集体收入汇总): one SQL statement over village_year_income, the
// per-village-per-year sums the database keeps in step with the ledger (see db/schema.ts), so its
// cost grows with the villages, not with the records. Voided records count nowhere.

export type SummaryRow = {
  villageId: number;
  villageName: string;
  villageCode: string | null;
  townshipId: number;
  townshipName: string;
  byCategory: Record<IncomeCategory, number>;
  totalFen: number;
  /** 经营性收入: the categories the year's rules count (经营收入 + 发包及上交收入 + 投资收益 by default) */
  operatingIncomeFen: number;
  lastYearFen: number;
  /** 同比 as a fraction (0.125 for 12.5%), null when last year had nothing */
  change: number | null;
  rank: number;
  weak: boolean;
  /** 空壳村 / 薄弱村 / 一般村 / 富裕村 by the year's bounds */
  band: Band;
};

type Comparable = string | number | null;
/** How each sort orders two rows; ties fall to rank, township code, village code and name. */
const SORT_KEYS: Record<SummarySort, (r: SummaryRow, townshipCode: string | null) => Comparable[]> = {
  rank: (r) => [r.rank],
  township: (r, townshipCode) => [townshipCode, r.townshipName],
  village: (r) => [r.villageName],
  code: (r) => [r.villageCode],
  total: (r) => [r.totalFen],
  operatingIncome: (r) => [r.operatingIncomeFen],
  lastYear: (r) => [r.lastYearFen],
  change: (r) => [r.change],
  operating: (r) => [r.byCategory.operating],
  contracting: (r) => [r.byCategory.contracting],
  investment: (r) => [r.byCategory.investment],
  subsidy: (r) => [r.byCategory.subsidy],
  other: (r) => [r.byCategory.other],
};

/** Ascending, empty values first (SQLite's order); `nullsLast` for the chosen column. */
function compare(a: Comparable, b: Comparable, nullsLast = false): number {
  if (a === b) return 0;
  if (a === null) return nullsLast ? 1 : -1;
  if (b === null) return nullsLast ? -1 : 1;
  return a < b ? -1 : 1;
}

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
  const rules = await yearRules(year);
  const thresholdFen = rules.weakThresholdFen;
  // SQLite hands over only what it must: each village's categories this year and its total last
  // year. Sums, rank, flags and order are worked out here, which costs less than asking SQLite
  // for them through the driver (measured by npm run bench).
  const tuples = (await jsonTuples(
    ["villageId", "villageName", "villageCode", "townshipId", ...INCOME_CATEGORIES, "lastYearFen"],
    sql`
    SELECT v.id AS villageId, v.name AS villageName, v.code AS villageCode, v.township_id AS townshipId,
      ${sql.raw(INCOME_CATEGORIES.map((c) => `COALESCE(cur.${c}, 0) AS ${c}`).join(", "))},
      COALESCE(prev.total_fen, 0) AS lastYearFen
    FROM villages v
    LEFT JOIN village_year_income cur ON cur.year = ${year} AND cur.village_id = v.id
    LEFT JOIN village_year_income prev ON prev.year = ${year - 1} AND prev.village_id = v.id
    ${townshipId ? sql`WHERE v.township_id = ${townshipId}` : sql``}`
  )) as [number, string, string | null, number, number, number, number, number, number, number][];
  const db = await getDb();
  // the townships of these villages only (one, when the page is filtered to a township)
  const townshipIds = [...new Set(tuples.map((t) => t[3]))];
  const townshipById = new Map(
    (
      await db
        .select({ id: townships.id, name: townships.name, code: townships.code })
        .from(townships)
        .where(inArray(townships.id, inJson(townshipIds)))
    ).map((t) => [t.id, t])
  );
  // rows and their townships' codes side by side, ordered through an array of positions: a
  // province's 10,000 villages make no more objects than their rows (garbage was a third of the time)
  const rows: SummaryRow[] = new Array(tuples.length);
  const townshipCode: (string | null)[] = new Array(tuples.length);
  tuples.forEach(
    (
      [
        villageId,
        villageName,
        villageCode,
        townshipId,
        operating,
        contracting,
        investment,
        subsidy,
        other,
        lastYearFen,
      ],
      i
    ) => {
      const totalFen = operating + contracting + investment + subsidy + other;
      const byCategory = { operating, contracting, investment, subsidy, other };
      const operatingIncomeFen = operatingIncome(byCategory, rules);
      const township = townshipById.get(townshipId);
      rows[i] = {
        villageId,
        villageName,
        villageCode,
        townshipId,
        townshipName: township?.name ?? "",
        byCategory,
        totalFen,
        operatingIncomeFen,
        lastYearFen,
        change: changeRatio(totalFen, lastYearFen),
        rank: 0,
        weak: operatingIncomeFen < thresholdFen,
        band: bandOf(operatingIncomeFen, rules),
      };
      townshipCode[i] = township?.code ?? null;
    }
  );
  // ties fall to rank, township code, village code and name
  const tie = (a: number, b: number) =>
    rows[a].rank - rows[b].rank ||
    compare(townshipCode[a], townshipCode[b]) ||
    compare(rows[a].villageCode, rows[b].villageCode) ||
    compare(rows[a].villageName, rows[b].villageName);
  // 排名 by operating income, largest first; equal incomes share a rank (1, 2, 2, 4). That order,
  // ties broken as above, is also the page's default order.
  const byRank = rows.map((_, i) => i);
  byRank.sort((a, b) => rows[b].operatingIncomeFen - rows[a].operatingIncomeFen || tie(a, b));
  byRank.forEach((at, i) => {
    const before = i > 0 ? rows[byRank[i - 1]] : null;
    rows[at].rank = before && before.operatingIncomeFen === rows[at].operatingIncomeFen ? before.rank : i + 1;
  });
  let order = byRank;
  if (sort !== "rank" || dir !== "asc") {
    // each row's sort key worked out once, not at every comparison
    const sign = dir === "desc" ? -1 : 1;
    const keys = rows.map((r, i) => SORT_KEYS[sort](r, townshipCode[i]));
    order = rows.map((_, i) => i);
    order.sort((a, b) => {
      const ka = keys[a];
      const kb = keys[b];
      for (let i = 0; i < ka.length; i++) {
        const nullish = ka[i] === null || kb[i] === null;
        const c = nullish ? compare(ka[i], kb[i], true) : sign * compare(ka[i], kb[i]);
        if (c) return c;
      }
      return tie(a, b);
    });
  }
  const summaryRows = order.map((i) => rows[i]);
  return { year, thresholdFen, rules, rows: summaryRows, ...subtotals(summaryRows) };
}

export type Subtotal = {
  byCategory: Record<IncomeCategory, number>;
  totalFen: number;
  operatingIncomeFen: number;
  lastYearFen: number;
  change: number | null;
  villages: number;
  weakVillages: number;
  /** villages per income band */
  bands: Record<Band, number>;
};

/** A subtotal being added up: five categories, total, operating, last year, villages, weak villages, four bands. */
type Sums = number[];
const SUMS = 14;
const BAND_AT = 10;

function finish(s: Sums): Subtotal {
  return {
    byCategory: { operating: s[0], contracting: s[1], investment: s[2], subsidy: s[3], other: s[4] },
    totalFen: s[5],
    operatingIncomeFen: s[6],
    lastYearFen: s[7],
    change: changeRatio(s[5], s[7]),
    villages: s[8],
    weakVillages: s[9],
    bands: Object.fromEntries(BANDS.map((b, i) => [b, s[BAND_AT + i]])) as Record<Band, number>,
  };
}

/** The money of a village or a township into a subtotal being added up. */
function addAmounts(s: Sums, r: Pick<Subtotal, "byCategory" | "totalFen" | "operatingIncomeFen" | "lastYearFen">) {
  const c = r.byCategory;
  s[0] += c.operating;
  s[1] += c.contracting;
  s[2] += c.investment;
  s[3] += c.subsidy;
  s[4] += c.other;
  s[5] += r.totalFen;
  s[6] += r.operatingIncomeFen;
  s[7] += r.lastYearFen;
}

/** A township already added up, into a total. */
function addTo(s: Sums, r: Omit<Subtotal, "change">) {
  addAmounts(s, r);
  s[8] += r.villages;
  s[9] += r.weakVillages;
  for (let i = 0; i < BANDS.length; i++) s[BAND_AT + i] += r.bands[BANDS[i]];
}

const BAND_INDEX = Object.fromEntries(BANDS.map((b, i) => [b, i])) as Record<Band, number>;

/**
 * The township subtotals (in the rows' order of first appearance) and the grand total, in one pass
 * over the village rows with plain number arrays: no object per row (a profile of a province's
 * summary had the old per-row spreads at 60 % of the model's time).
 */
export function subtotals(rows: SummaryRow[]) {
  const byTownship = new Map<number, { townshipId: number; townshipName: string; sums: Sums }>();
  const all: Sums = new Array(SUMS).fill(0);
  for (const r of rows) {
    let township = byTownship.get(r.townshipId);
    if (!township) {
      township = { townshipId: r.townshipId, townshipName: r.townshipName, sums: new Array(SUMS).fill(0) };
      byTownship.set(r.townshipId, township);
    }
    const band = BAND_AT + BAND_INDEX[r.band];
    for (const s of [township.sums, all]) {
      addAmounts(s, r);
      s[8] += 1;
      s[9] += r.weak ? 1 : 0;
      s[band] += 1;
    }
  }
  const townshipTotals = [...byTownship.values()].map((t) => ({
    townshipId: t.townshipId,
    townshipName: t.townshipName,
    ...finish(t.sums),
  }));
  return { townships: townshipTotals, total: finish(all) };
}

/**
 * Township subtotals and their total, added up in SQL from `villageRows` — one row per village
 * with townshipId, townshipName, townshipCode, the five categories and lastYearFen — under the
 * rules: what a summary too big to list village by village shows.
 */
export async function townshipSums(villageRows: SQL, rules: YearRules) {
  const db = await getDb();
  const op = operatingSql(rules, "x");
  const rows = await db.all<
    Record<IncomeCategory, number> & {
      townshipId: number;
      townshipName: string;
      villages: number;
      lastYearFen: number;
      operatingIncomeFen: number;
      weakVillages: number;
      shell: number;
      rich: number;
    }
  >(sql`
    SELECT x.townshipId, x.townshipName, COUNT(*) AS villages,
      ${sql.raw(INCOME_CATEGORIES.map((c) => `SUM(x.${c}) AS ${c}`).join(", "))},
      SUM(x.lastYearFen) AS lastYearFen, SUM(${op}) AS operatingIncomeFen,
      SUM(${op} < ${rules.weakThresholdFen}) AS weakVillages,
      SUM(${op} < ${rules.shellBelowFen}) AS shell, SUM(${op} >= ${rules.richFromFen}) AS rich
    FROM (${villageRows}) x
    GROUP BY x.townshipId ORDER BY x.townshipCode, x.townshipName`);
  const townships = rows.map((r) => {
    const byCategory = Object.fromEntries(INCOME_CATEGORIES.map((c) => [c, r[c]])) as Record<IncomeCategory, number>;
    const totalFen = INCOME_CATEGORIES.reduce((n, c) => n + r[c], 0);
    return {
      townshipId: r.townshipId,
      townshipName: r.townshipName,
      byCategory,
      totalFen,
      operatingIncomeFen: r.operatingIncomeFen,
      lastYearFen: r.lastYearFen,
      change: changeRatio(totalFen, r.lastYearFen),
      villages: r.villages,
      weakVillages: r.weakVillages,
      bands: {
        shell: r.shell,
        weak: r.weakVillages - r.shell,
        middle: r.villages - r.weakVillages - r.rich,
        rich: r.rich,
      },
    };
  });
  const all: Sums = new Array(SUMS).fill(0);
  for (const t of townships) addTo(all, t);
  return { townships, total: finish(all) };
}

/**
 * Township subtotals and the grand total of one year, added up in SQL: the summary of a province
 * too big to list village by village. The same figures as villageIncomeSummary's subtotals.
 */
export async function townshipIncomeSummary(year: number) {
  const rules = await yearRules(year);
  const sums = await townshipSums(
    sql`SELECT t.id AS townshipId, t.name AS townshipName, t.code AS townshipCode,
      ${sql.raw(INCOME_CATEGORIES.map((c) => `COALESCE(cur.${c}, 0) AS ${c}`).join(", "))},
      COALESCE(prev.total_fen, 0) AS lastYearFen
    FROM villages v
    JOIN townships t ON t.id = v.township_id
    LEFT JOIN village_year_income cur ON cur.year = ${year} AND cur.village_id = v.id
    LEFT JOIN village_year_income prev ON prev.year = ${year - 1} AND prev.village_id = v.id`,
    rules
  );
  return { year, thresholdFen: rules.weakThresholdFen, rules, ...sums };
}

/** The latest year with any (non-voided) income, for the summary's default. */
export async function latestIncomeYear(): Promise<number | null> {
  const db = await getDb();
  const [row] = await db.all<{ year: number | null }>(
    sql`SELECT MAX(year) AS year FROM village_year_income WHERE records > 0`
  );
  return row?.year ?? null;
}

/** Projects and enterprises listed by name on one village's page; the rest are summed in one line. */
const TOP_PAYERS = 20;

type Payer = { id: number | null; name: string | null; totalFen: number };
type PayerRest = { count: number; totalFen: number } | null;
type Named = [id: number, totalFen: number, name: string | null];

/**
 * One village's year: by month, category, project and paying enterprise, and five years of trend.
 * Read from village_month_income, village_enterprise_income and village_year_income, which triggers
 * keep in step with the ledger: a few hundred rows even for a village with 50,000 records a year,
 * in one statement whose parts come back as JSON arrays.
 */
export async function villageIncomeDetail(villageId: number, year: number) {
  const db = await getDb();
  const years = Array.from({ length: 5 }, (_, i) => year - 4 + i);
  const thisYear = sql`village_id = ${villageId} AND year = ${year} AND records > 0`;
  // a village may be paid by thousands of enterprises: the largest come from the top of an index
  // on their sums, the records with none by key; the rest are counted, and their sum is what the
  // year's total leaves
  const [row] = await db.all<{
    months: string;
    projects: string;
    trend: string;
    counted: string;
    payers: string;
    noneFen: number | null;
    payerCount: number;
  }>(sql`
    SELECT
      (SELECT json_group_array(json_array(month, category, totalFen, records)) FROM (
        SELECT month, category, SUM(total_fen) AS totalFen, SUM(records) AS records FROM village_month_income
        WHERE ${thisYear} GROUP BY month, category)) AS months,
      (SELECT json_group_array(json_array(s.id, s.totalFen, p.name)) FROM (
        SELECT project_id AS id, SUM(total_fen) AS totalFen FROM village_month_income
        WHERE ${thisYear} GROUP BY project_id) s LEFT JOIN projects p ON p.id = s.id) AS projects,
      (SELECT json_group_array(json_array(year, total_fen, ${sql.raw(INCOME_CATEGORIES.join(", "))}))
        FROM village_year_income WHERE village_id = ${villageId} AND year IN ${years}) AS trend,
      (SELECT json_group_object(year, json_array(operating_categories, weak_threshold_fen, shell_below_fen, rich_from_fen))
        FROM year_settings WHERE year IN ${years}) AS counted,
      (SELECT json_group_array(json_array(s.id, s.totalFen, e.name)) FROM (
        SELECT enterprise_id AS id, total_fen AS totalFen FROM village_enterprise_income
        WHERE ${thisYear} AND enterprise_id <> 0 ORDER BY total_fen DESC, enterprise_id DESC LIMIT ${TOP_PAYERS}
      ) s LEFT JOIN enterprises e ON e.id = s.id) AS payers,
      (SELECT total_fen FROM village_enterprise_income WHERE ${thisYear} AND enterprise_id = 0) AS noneFen,
      (SELECT COUNT(*) FROM village_enterprise_income WHERE ${thisYear} AND enterprise_id <> 0) AS payerCount
  `);
  const months = JSON.parse(row.months) as [
    month: number,
    category: IncomeCategory,
    totalFen: number,
    records: number
  ][];
  // each year's 经营性收入 by that year's rules (口径)
  const settings = JSON.parse(row.counted) as Record<string, [string, number, number, number]>;
  const rulesOf = (y: number): YearRules => {
    const set = settings[y];
    if (!set) return DEFAULT_RULES;
    const [categories, weakThresholdFen, shellBelowFen, richFromFen] = set;
    return { operatingCategories: parseCategories(categories), weakThresholdFen, shellBelowFen, richFromFen };
  };
  const trendRows = (JSON.parse(row.trend) as [number, number, ...number[]][]).map(([y, totalFen, ...amounts]) => {
    const categories = rulesOf(y).operatingCategories;
    const operatingFen = INCOME_CATEGORIES.reduce((sum, c, i) => (categories.includes(c) ? sum + amounts[i] : sum), 0);
    return [y, totalFen, operatingFen] as const;
  });
  const byMonth = new Map<number, number>();
  const byCategory = new Map<IncomeCategory, { totalFen: number; records: number }>();
  for (const [month, category, totalFen, records] of months) {
    byMonth.set(month, (byMonth.get(month) ?? 0) + totalFen);
    const c = byCategory.get(category) ?? { totalFen: 0, records: 0 };
    byCategory.set(category, { totalFen: c.totalFen + totalFen, records: c.records + records });
  }
  const projects = largestFirst(JSON.parse(row.projects));
  const yearFen = trendRows.find((r) => r[0] === year)?.[1] ?? 0;
  const noneFen = row.noneFen;
  const enterprises = largestFirst(
    [...(JSON.parse(row.payers) as Named[]), ...(noneFen === null ? [] : [[0, noneFen, null] as Named])],
    { count: row.payerCount, totalFen: yearFen - (noneFen ?? 0) }
  );
  return {
    year,
    rules: rulesOf(year),
    byMonth: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, totalFen: byMonth.get(i + 1) ?? 0 })),
    byCategory: INCOME_CATEGORIES.map((c) => ({
      category: c,
      totalFen: byCategory.get(c)?.totalFen ?? 0,
      records: byCategory.get(c)?.records ?? 0,
    })),
    byProject: projects.top.map(({ id, ...r }) => ({ projectId: id, ...r })),
    otherProjects: projects.rest,
    byEnterprise: enterprises.top.map(({ id, ...r }) => ({ enterpriseId: id, ...r })),
    otherEnterprises: enterprises.rest,
    trend: years.map((y) => {
      const r = trendRows.find(([ry]) => ry === y);
      return { year: y, totalFen: r?.[1] ?? 0, operatingIncomeFen: r?.[2] ?? 0 };
    }),
  };
}

/**
 * Projects or paying enterprises with their names, largest first: the first TOP_PAYERS by name,
 * the records with none (id 0), and the rest as one count and sum. `all`, when given, counts and
 * sums every named one (the totals list only the largest); otherwise the totals are all of them.
 */
function largestFirst(totals: Named[], all?: { count: number; totalFen: number }): { top: Payer[]; rest: PayerRest } {
  const named = totals.filter(([id]) => id !== 0).sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  const shown = named.slice(0, TOP_PAYERS);
  const none = totals.find(([id]) => id === 0);
  const top = [...shown, ...(none ? [none] : [])]
    .map(([id, totalFen, name]) => (id === 0 ? { id: null, name: null, totalFen } : { id, name, totalFen }))
    .sort((x, y) => y.totalFen - x.totalFen);
  const count = (all?.count ?? named.length) - shown.length;
  const shownFen = shown.reduce((n, e) => n + e[1], 0);
  const restFen = (all?.totalFen ?? named.reduce((n, e) => n + e[1], 0)) - shownFen;
  return { top, rest: count > 0 ? { count, totalFen: restFen } : null };
}

/** The summary's year when none is asked for: the latest with data, else this year. */
export async function defaultSummaryYear() {
  return (await latestIncomeYear()) ?? currentYear();
}

/** Up to this many villages a summary page (and its print) lists every one; beyond, it lists townships. */
export const SUMMARY_PAGE_VILLAGES = 1000;

/**
 * What the summary page and its print show: every village of the township or of a small county, or
 * a province's townships, each a page (and a print) of its own (DESIGN, "From one township to a province").
 */
export async function summaryForPage(params: Parameters<typeof villageIncomeSummary>[0]) {
  const villageCount = await countVillages();
  const villagesShown = Boolean(params.townshipId) || villageCount <= SUMMARY_PAGE_VILLAGES;
  const summary = villagesShown
    ? await villageIncomeSummary(params)
    : { ...(await townshipIncomeSummary(params.year)), rows: [] };
  return { ...summary, villageCount, villagesShown };
}
