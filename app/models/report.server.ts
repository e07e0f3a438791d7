import { sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import { INCOME_CATEGORIES, type IncomeCategory } from "../../db/schema";
import { changeRatio } from "~/lib/money";
import { bandOf, operatingIncome, parseCategories, type YearRules } from "~/lib/rules";
import { writeAudit, type Actor } from "./audit.server";
import { operatingSql, yearRules } from "./settings.server";
import { inJson, jsonTuples } from "./shared.server";
import { subtotals, townshipSums, type SummaryRow } from "./summary.server";

// 上报版本 (DESIGN, "Closing the books"): a year's summary for chosen townships, as township staff
// reported it upward — numbered within the year, dated, with who made it and the rules in force,
// and never changed (db triggers refuse it). Later figures are compared with the latest report.

export type Report = {
  id: number;
  year: number;
  number: number;
  townshipIds: number[];
  townshipNames: string[];
  rules: YearRules;
  villages: number;
  totalFen: number;
  operatingIncomeFen: number;
  maxIncomeId: number;
  madeBy: string;
  madeAt: string;
  note: string | null;
};

/** Up to this many records changed since a report are listed by the difference view. */
export const CHANGES_SHOWN = 200;

const CATEGORY_COLUMNS = sql.raw(INCOME_CATEGORIES.join(", "));

type ReportRecord = {
  id: number;
  year: number;
  number: number;
  townshipIds: string;
  rules: string;
  villages: number;
  totalFen: number;
  operatingIncomeFen: number;
  maxIncomeId: number;
  madeBy: string;
  madeAt: string;
  note: string | null;
};

const reportSelect = sql`
  SELECT r.id, r.year, r.number, r.township_ids AS townshipIds, r.rules, r.villages, r.total_fen AS totalFen,
    r.operating_income_fen AS operatingIncomeFen, r.max_income_id AS maxIncomeId,
    COALESCE(u.display_name, u.username) AS madeBy, r.made_at AS madeAt, r.note
  FROM reports r JOIN users u ON u.id = r.made_by`;

async function withNames(rows: ReportRecord[]): Promise<Report[]> {
  if (!rows.length) return [];
  const db = await getDb();
  const ids = [...new Set(rows.flatMap((r) => JSON.parse(r.townshipIds) as number[]))];
  const names = new Map(
    (
      await db.all<{ id: number; name: string }>(
        sql`SELECT id, name FROM townships WHERE id IN ${inJson(ids)} ORDER BY code, name`
      )
    ).map((t) => [t.id, t.name])
  );
  return rows.map((r) => {
    const townshipIds = JSON.parse(r.townshipIds) as number[];
    const stored = JSON.parse(r.rules) as YearRules;
    return {
      ...r,
      townshipIds,
      townshipNames: townshipIds.map((id) => names.get(id) ?? `#${id}`),
      rules: { ...stored, operatingCategories: parseCategories(stored.operatingCategories.join(",")) },
    };
  });
}

/**
 * Reports a year's summary of the chosen townships: the report and its rows in one transaction,
 * opened by the write that numbers it, so what it counts is what the ledger held at that moment.
 */
export async function makeReport(
  actor: NonNullable<Actor>,
  { year, townshipIds, note }: { year: number; townshipIds: number[]; note: string | null }
): Promise<Report> {
  const rules = await yearRules(year);
  const db = await getDb();
  const scope = inJson(townshipIds);
  const op = operatingSql(rules, "cur");
  const id = await db.transaction(async (tx) => {
    const [made] = await tx.all<{ id: number }>(sql`
      INSERT INTO reports (year, number, township_ids, rules, villages, total_fen, operating_income_fen, max_income_id, made_by, note)
      SELECT ${year}, (SELECT COALESCE(MAX(number), 0) + 1 FROM reports WHERE year = ${year}),
        (SELECT json_group_array(id) FROM (SELECT id FROM townships WHERE id IN ${scope} ORDER BY code, name)),
        ${JSON.stringify(rules)}, COUNT(v.id), COALESCE(SUM(cur.total_fen), 0), COALESCE(SUM(${op}), 0),
        (SELECT COALESCE(MAX(id), 0) FROM income_records), ${actor.id}, ${note}
      FROM villages v LEFT JOIN village_year_income cur ON cur.year = ${year} AND cur.village_id = v.id
      WHERE v.township_id IN ${scope}
      RETURNING id`);
    // rank by operating income, ties sharing a rank; rows in the summary's order (ties by
    // township code, village code and name)
    await tx.run(sql`
      INSERT INTO report_rows (report_id, village_id, position, township_id, township_name, village_name, village_code,
        ${CATEGORY_COLUMNS}, last_year_fen, rank)
      SELECT ${made.id}, v.id, ROW_NUMBER() OVER (ORDER BY ${op} DESC, t.code, v.code, v.name), v.township_id, t.name,
        v.name, v.code, ${sql.raw(INCOME_CATEGORIES.map((c) => `COALESCE(cur.${c}, 0)`).join(", "))},
        COALESCE(prev.total_fen, 0), RANK() OVER (ORDER BY ${op} DESC)
      FROM villages v JOIN townships t ON t.id = v.township_id
      LEFT JOIN village_year_income cur ON cur.year = ${year} AND cur.village_id = v.id
      LEFT JOIN village_year_income prev ON prev.year = ${year - 1} AND prev.village_id = v.id
      WHERE v.township_id IN ${scope}`);
    const [row] = await tx.all<ReportRecord>(sql`${reportSelect} WHERE r.id = ${made.id}`);
    await writeAudit(tx, { actor, action: "report", entity: "report", entityId: made.id, after: row });
    return made.id;
  });
  return (await getReport(id))!;
}

export async function getReport(id: number): Promise<Report | null> {
  const db = await getDb();
  return (await withNames(await db.all<ReportRecord>(sql`${reportSelect} WHERE r.id = ${id}`)))[0] ?? null;
}

/** A year's reports, newest first. */
export async function listReports(year: number): Promise<Report[]> {
  const db = await getDb();
  return withNames(await db.all<ReportRecord>(sql`${reportSelect} WHERE r.year = ${year} ORDER BY r.number DESC`));
}

/** The latest report of the year that covers the township (any township when none is given). */
export async function latestReport(year: number, townshipId?: number | null): Promise<Report | null> {
  const db = await getDb();
  const covers = townshipId
    ? sql`AND EXISTS (SELECT 1 FROM json_each(r.township_ids) WHERE value = ${townshipId})`
    : sql``;
  const rows = await db.all<ReportRecord>(
    sql`${reportSelect} WHERE r.year = ${year} ${covers} ORDER BY r.number DESC LIMIT 1`
  );
  return (await withNames(rows))[0] ?? null;
}

const ROW_COLUMNS = [
  "villageId",
  "villageName",
  "villageCode",
  "townshipId",
  "townshipName",
  ...INCOME_CATEGORIES,
  "lastYearFen",
  "rank",
] as const;
type RowTuple = [number, string, string | null, number, string, number, number, number, number, number, number, number];

/** Summary rows of stored figures, added up by the rules that came with them. */
function summaryRows(tuples: RowTuple[], rules: YearRules): SummaryRow[] {
  return tuples.map(
    ([
      villageId,
      villageName,
      villageCode,
      townshipId,
      townshipName,
      operating,
      contracting,
      investment,
      subsidy,
      other,
      lastYearFen,
      rank,
    ]) => {
      const byCategory = { operating, contracting, investment, subsidy, other };
      const totalFen = operating + contracting + investment + subsidy + other;
      const operatingIncomeFen = operatingIncome(byCategory, rules);
      return {
        villageId,
        villageName,
        villageCode,
        townshipId,
        townshipName,
        byCategory,
        totalFen,
        operatingIncomeFen,
        lastYearFen,
        change: changeRatio(totalFen, lastYearFen),
        rank,
        weak: operatingIncomeFen < rules.weakThresholdFen,
        band: bandOf(operatingIncomeFen, rules),
      };
    }
  );
}

/**
 * A report's summary as it was made: its rows (of one township, when given) in their order, the
 * township subtotals and the total, by the report's own rules.
 */
export async function reportSummary(
  report: Report,
  townshipId?: number | null,
  { villages = true }: { villages?: boolean } = {}
) {
  if (!villages) {
    // a province's report: its townships added up in SQL, no village rows read
    const sums = await townshipSums(
      sql`SELECT r.township_id AS townshipId, r.township_name AS townshipName, t.code AS townshipCode,
        ${sql.raw(INCOME_CATEGORIES.map((c) => `r.${c}`).join(", "))}, r.last_year_fen AS lastYearFen
      FROM report_rows r LEFT JOIN townships t ON t.id = r.township_id WHERE r.report_id = ${report.id}`,
      report.rules
    );
    return { rows: [] as SummaryRow[], ...sums };
  }
  const tuples = (await jsonTuples(
    ROW_COLUMNS,
    sql`SELECT village_id AS villageId, village_name AS villageName, village_code AS villageCode,
      township_id AS townshipId, township_name AS townshipName, ${CATEGORY_COLUMNS}, last_year_fen AS lastYearFen, rank, position
      FROM report_rows WHERE report_id = ${report.id} ${townshipId ? sql`AND township_id = ${townshipId}` : sql``}`,
    sql`position`
  )) as RowTuple[];
  const rows = summaryRows(tuples, report.rules);
  return { rows, ...subtotals(rows) };
}

export type Difference = {
  villageId: number;
  villageName: string;
  townshipName: string;
  reported: Record<IncomeCategory, number>;
  now: Record<IncomeCategory, number>;
};

/** Villages of the report's townships (or of one of them) whose figures now differ from the report's. */
function differencesQuery(report: Report, townshipId?: number | null): SQL {
  const scope = townshipId && report.townshipIds.includes(townshipId) ? [townshipId] : report.townshipIds;
  const reported = (c: string) => `COALESCE(r.${c}, 0)`;
  const now = (c: string) => `COALESCE(cur.${c}, 0)`;
  const differs = sql.raw(INCOME_CATEGORIES.map((c) => `${reported(c)} <> ${now(c)}`).join(" OR "));
  const pairs = sql.raw(INCOME_CATEGORIES.map((c) => `${reported(c)} AS r_${c}, ${now(c)} AS n_${c}`).join(", "));
  // villages there now, and villages reported that are there no more (moved or deleted)
  return sql`
    SELECT v.id AS villageId, v.name AS villageName, t.name AS townshipName, ${pairs}
    FROM villages v JOIN townships t ON t.id = v.township_id
    LEFT JOIN report_rows r ON r.report_id = ${report.id} AND r.village_id = v.id
    LEFT JOIN village_year_income cur ON cur.year = ${report.year} AND cur.village_id = v.id
    WHERE v.township_id IN ${inJson(scope)} AND (${differs})
    UNION ALL
    SELECT r.village_id, r.village_name, r.township_name, ${sql.raw(
      INCOME_CATEGORIES.map((c) => `r.${c} AS r_${c}, 0 AS n_${c}`).join(", ")
    )}
    FROM report_rows r
    WHERE r.report_id = ${report.id} AND r.township_id IN ${inJson(scope)}
      AND NOT EXISTS (SELECT 1 FROM villages v WHERE v.id = r.village_id AND v.township_id IN ${inJson(scope)})
      AND (${sql.raw(INCOME_CATEGORIES.map((c) => `r.${c} <> 0`).join(" OR "))})`;
}

/** How many villages' figures differ from the report's now: what the summary's warning says. */
export async function countDifferences(report: Report, townshipId?: number | null): Promise<number> {
  const db = await getDb();
  const [{ n }] = await db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM (${differencesQuery(report, townshipId)})`);
  return n;
}

/** Each village whose figures differ, reported and now, by category. */
export async function reportDifferences(report: Report, townshipId?: number | null): Promise<Difference[]> {
  const columns = [
    "villageId",
    "villageName",
    "townshipName",
    ...INCOME_CATEGORIES.flatMap((c) => [`r_${c}`, `n_${c}`]),
  ];
  const tuples = await jsonTuples(columns, differencesQuery(report, townshipId), sql`townshipName, villageName`);
  return tuples.map((t) => {
    const at = (i: number) => t[3 + i] as number;
    return {
      villageId: t[0] as number,
      villageName: t[1] as string,
      townshipName: t[2] as string,
      reported: Object.fromEntries(INCOME_CATEGORIES.map((c, i) => [c, at(2 * i)])) as Record<IncomeCategory, number>,
      now: Object.fromEntries(INCOME_CATEGORIES.map((c, i) => [c, at(2 * i + 1)])) as Record<IncomeCategory, number>,
    };
  });
}

export type ChangedRecord = {
  id: number;
  villageName: string;
  receivedOn: string;
  category: IncomeCategory;
  amountFen: number;
  /** registered after the report */
  created: boolean;
  voidedAt: string | null;
  voidReason: string | null;
};

/**
 * The year's records of the report's townships (or one of them) registered or voided since the
 * report: why its figures moved. The newest CHANGES_SHOWN, and how many there are in all.
 */
export async function changesSince(report: Report, townshipId?: number | null) {
  const db = await getDb();
  const scope = townshipId && report.townshipIds.includes(townshipId) ? [townshipId] : report.townshipIds;
  // registered since (ids after the report's last, along the key) and voided since (along the
  // index of voided records): one OR over both would read the whole year
  // (the unary + keeps SQLite off the date and village indexes: a year is most of the ledger)
  const ofReport = sql`+i.received_on BETWEEN ${`${report.year}-01-01`} AND ${`${report.year}-12-31`}
    AND +i.village_id IN (SELECT id FROM villages WHERE township_id IN ${inJson(scope)})`;
  const since = sql`
    SELECT i.id FROM income_records i WHERE i.id > ${report.maxIncomeId} AND ${ofReport}
    UNION ALL
    SELECT i.id FROM income_records i WHERE i.voided_at > ${report.madeAt} AND i.id <= ${report.maxIncomeId} AND ${ofReport}`;
  const [{ n }] = await db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM (${since})`);
  // the ids first, as they are (ordered inside, SQLite would walk the whole ledger backwards)
  const rows = n
    ? await db.all<Omit<ChangedRecord, "created"> & { created: number }>(sql`
    WITH c AS MATERIALIZED (${since})
    SELECT i.id, v.name AS villageName, i.received_on AS receivedOn, i.category, i.amount_fen AS amountFen,
      i.id > ${report.maxIncomeId} AS created, i.voided_at AS voidedAt, i.void_reason AS voidReason
    FROM c JOIN income_records i ON i.id = c.id JOIN villages v ON v.id = i.village_id
    ORDER BY i.id DESC LIMIT ${CHANGES_SHOWN}`)
    : [];
  return { total: n, records: rows.map((r) => ({ ...r, created: Boolean(r.created) })) };
}

/**
 * The village months of the chosen townships not yet approved up to `lastMonth`: a report may be
 * made without them, but the page names them. Counts per township, and the first villages named,
 * added up in SQL (a province has 10,000 villages).
 */
export async function unapprovedMonths(year: number, lastMonth: number, townshipIds: number[] | null, limit = 100) {
  const db = await getDb();
  if (lastMonth < 1) return { townships: [], villages: [], villageCount: 0 };
  const scope = townshipIds ? sql`WHERE v.township_id IN ${inJson(townshipIds)}` : sql``;
  const approved = (what: SQL) => sql`(SELECT ${what} FROM village_months m
    WHERE m.village_id = v.id AND m.year = ${year} AND m.month <= ${lastMonth} AND m.state = 'approved')`;
  const perVillage = sql`SELECT v.id, v.name, v.code, v.township_id, ${approved(sql`COUNT(*)`)} AS approved
    FROM villages v ${scope}`;
  const townships = await db.all<{
    townshipId: number;
    townshipName: string;
    villages: number;
    months: number;
    short: number;
  }>(sql`
    SELECT t.id AS townshipId, t.name AS townshipName, COUNT(*) AS villages,
      SUM(${lastMonth} - pv.approved) AS months, SUM(pv.approved < ${lastMonth}) AS short
    FROM (${perVillage}) pv JOIN townships t ON t.id = pv.township_id
    GROUP BY t.id ORDER BY t.code, t.name`);
  const named = await db.all<{ id: number; name: string; townshipName: string; approved: string | null }>(sql`
    SELECT v.id, v.name, t.name AS townshipName, ${approved(sql`group_concat(m.month)`)} AS approved
    FROM villages v JOIN townships t ON t.id = v.township_id
    ${townshipIds ? sql`WHERE v.township_id IN ${inJson(townshipIds)} AND` : sql`WHERE`}
      ${approved(sql`COUNT(*)`)} < ${lastMonth}
    ORDER BY t.code, t.name, v.code, v.name LIMIT ${limit}`);
  const villages = named.map((r) => {
    const done = new Set((r.approved ?? "").split(",").filter(Boolean).map(Number));
    const months = Array.from({ length: lastMonth }, (_, i) => i + 1).filter((m) => !done.has(m));
    return { id: r.id, name: r.name, townshipName: r.townshipName, months };
  });
  const villageCount = townships.reduce((n, t) => n + t.short, 0);
  return {
    townships: townships.map(({ townshipId, townshipName, villages, months }) => ({
      townshipId,
      townshipName,
      villages,
      months,
    })),
    villages,
    villageCount,
  };
}

/**
 * How the summary of a year (of one township) stands against its latest report: the report's
 * number and date, and how many villages' figures differ — none when nothing was reported.
 */
export async function reportStatus(year: number, townshipId?: number | null) {
  const report = await latestReport(year, townshipId);
  if (!report) return null;
  return {
    id: report.id,
    number: report.number,
    madeAt: report.madeAt,
    differences: await countDifferences(report, townshipId),
  };
}
