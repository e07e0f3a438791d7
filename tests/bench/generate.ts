import type { Client, Transaction } from "@libsql/client";
import { INCOME_CATEGORIES, PROJECT_STATUSES, PROJECT_TYPES } from "../../db/enums";
import { seededRandom as random } from "~/lib/random";
import { creditCodeCheckChar } from "~/lib/credit-code";

// A province from a fixed seed: 500 townships, 10,000 villages, 20,000 enterprises, 2,000 joint
// organizations, 50,000 projects with sites (most with a paying enterprise), 2,000,000 income
// records over 10 years, 1.5 % of them voided — one village with 50,000 of them, 25,000 in the
// last year, to catch skew where it is timed. The ledger is written year by year in date order, as
// it is entered. Written in one transaction.

export const SIZES = {
  townships: 500,
  villages: 10_000,
  enterprises: 20_000,
  organizations: 2_000,
  projects: 50_000,
  /** contract terms: every project with an enterprise has a rent, most a dividend, many a service fee */
  terms: 80_000,
  income: 2_000_000,
  skewed: 50_000,
  /** of the skewed village's records, those in the last year (the year the benchmark times) */
  skewedLastYear: 25_000,
};
export const YEARS = 10;

async function insertMany(client: Transaction, table: string, columns: string[], rows: unknown[][], batch = 400) {
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch);
    const placeholders = part.map(() => `(${columns.map(() => "?").join(",")})`).join(",");
    await client.execute({
      sql: `INSERT INTO ${table} (${columns.join(",")}) VALUES ${placeholders}`,
      args: part.flat() as never,
    });
  }
}

/** Fills a migrated, empty database; returns the year range and the skewed village's id. */
export async function generateProvince(client: Client, lastYear: number, log: (line: string) => void) {
  const rand = random(4242);
  const firstYear = lastYear - YEARS + 1;
  // one write transaction (the client's pool rolls back a bare BEGIN when the statement returns)
  const tx = await client.transaction("write");
  const townships = Array.from({ length: SIZES.townships }, (_, i) => [
    `乡镇${i + 1}`,
    String(330000000 + i * 1000).slice(0, 9),
  ]);
  await insertMany(tx, "townships", ["name", "code"], townships);
  // townships sit on a 25 × 20 grid over the province; villages around their township
  const villages: unknown[][] = [];
  for (let i = 0; i < SIZES.villages; i++) {
    const t = i % SIZES.townships;
    const lat = 28 + Math.floor(t / 25) * 0.15 + rand() * 0.12;
    const lng = 118 + (t % 25) * 0.15 + rand() * 0.12;
    villages.push([
      t + 1,
      `村${i + 1}`,
      `${townships[t][1]}${String(200 + Math.floor(i / SIZES.townships)).padStart(3, "0")}`,
      lat,
      lng,
      300 + Math.floor(rand() * 900),
    ]);
  }
  await insertMany(tx, "villages", ["township_id", "name", "code", "lat", "lng", "households"], villages);
  log(`villages ${SIZES.villages}`);
  // four in five with a 统一社会信用代码, as registered companies have (the statistics ANALYZE
  // keeps would otherwise say the code's index finds nothing, and lookups by code would scan)
  const enterprises = Array.from({ length: SIZES.enterprises }, (_, i) => {
    const first17 = `91330000${String(i + 1).padStart(9, "0")}`;
    return [
      `企业${i + 1}有限公司`,
      i % 5 === 4 ? null : first17 + creditCodeCheckChar(first17),
      "C",
      28 + rand() * 3,
      118 + rand() * 3.75,
    ];
  });
  await insertMany(tx, "enterprises", ["name", "credit_code", "industry", "lat", "lng"], enterprises);
  const orgs = Array.from({ length: SIZES.organizations }, (_, i) => [`联合党支部${i + 1}`, "branch"]);
  await insertMany(tx, "organizations", ["name", "level"], orgs);
  await insertMany(
    tx,
    "organization_villages",
    ["organization_id", "village_id"],
    orgs.map((_, i) => [i + 1, ((i * 5) % SIZES.villages) + 1])
  );
  await insertMany(
    tx,
    "organization_enterprises",
    ["organization_id", "enterprise_id"],
    orgs.map((_, i) => [i + 1, ((i * 7) % SIZES.enterprises) + 1])
  );
  const types = PROJECT_TYPES;
  const statuses = PROJECT_STATUSES;
  const projects: unknown[][] = [];
  const projectVillage: unknown[][] = [];
  const projectEnterprise: unknown[][] = [];
  const projectsOf = new Map<number, number[]>();
  for (let i = 0; i < SIZES.projects; i++) {
    const v = Math.floor(rand() * SIZES.villages);
    projectsOf.set(v + 1, [...(projectsOf.get(v + 1) ?? []), i + 1]);
    const [, , , lat, lng] = villages[v] as number[];
    projects.push([
      `项目${i + 1}`,
      types[i % types.length],
      statuses[Math.floor(rand() * statuses.length)],
      lat + (rand() - 0.5) * 0.02,
      lng + (rand() - 0.5) * 0.02,
      1_000_000 + Math.floor(rand() * 50_000_000),
    ]);
    projectVillage.push([i + 1, v + 1]);
    if (rand() < 0.7) projectEnterprise.push([i + 1, 1 + Math.floor(rand() * SIZES.enterprises)]);
  }
  await insertMany(tx, "projects", ["name", "type", "status", "lat", "lng", "expected_income_fen"], projects);
  await insertMany(tx, "project_villages", ["project_id", "village_id"], projectVillage);
  await insertMany(tx, "project_enterprises", ["project_id", "enterprise_id"], projectEnterprise);
  log(`projects ${SIZES.projects}`);
  const categories = INCOME_CATEGORIES;
  const skewedVillage = 1;
  // income: 60 % from one of the village's projects, 40 % paid by an enterprise; written as JSON
  // that SQLite unpacks (the triggers keep village_year_income as they would for the app)
  const writeIncome = (rows: unknown[][]) =>
    tx.execute({
      sql: `INSERT INTO income_records (village_id, received_on, category, amount_fen, voucher, project_id, enterprise_id,
          voided_at, void_reason)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7,
          value ->> 8 FROM json_each(?)`,
      args: [JSON.stringify(rows)],
    });
  // the ledger as it comes: each year's records entered in that year, in date order (a clerk
  // enters the month's receipts as they arrive), so a year's records lie together in the table as
  // in a real one; the skewed village's share of each year among the others
  const spread = SIZES.income - SIZES.skewedLastYear;
  let written = 0;
  for (let year = firstYear; year <= lastYear; year++) {
    const count =
      Math.round((spread * (year - firstYear + 1)) / YEARS) - Math.round((spread * (year - firstYear)) / YEARS);
    const skewedOthers = (SIZES.skewed - SIZES.skewedLastYear) / YEARS;
    const records: unknown[][] = [];
    for (let i = 0; i < count + (year === lastYear ? SIZES.skewedLastYear : 0); i++) {
      const village = i < skewedOthers || i >= count ? skewedVillage : 2 + Math.floor(rand() * (SIZES.villages - 1));
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      const own = projectsOf.get(village) ?? [];
      records.push([
        village,
        `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
        categories[Math.floor(rand() * 5)],
        1000 + Math.floor(rand() * 5_000_000),
        `V${written + i}`,
        own.length && rand() < 0.6 ? own[Math.floor(rand() * own.length)] : null,
        rand() < 0.4 ? 1 + Math.floor(rand() * SIZES.enterprises) : null,
        ...(rand() < 0.015 ? [`${year}-12-31T10:00:00.000Z`, "录入错误"] : [null, null]),
      ]);
    }
    records.sort((a, b) => (a[1] as string).localeCompare(b[1] as string));
    for (let at = 0; at < records.length; at += 20_000) await writeIncome(records.slice(at, at + 20_000));
    written += records.length;
    log(`income ${year}: ${records.length}`);
  }
  await generateTerms(tx, projectVillage, projectEnterprise, firstYear, rand);
  log(`terms ${SIZES.terms}`);
  await tx.commit();
  await client.execute("ANALYZE");
  return { firstYear, lastYear, skewedVillage };
}

/**
 * Contract terms for the projects with an enterprise — a half-yearly rent each, a yearly dividend
 * for most, a quarterly service fee for many — to SIZES.terms, from the first year for ten to
 * nineteen years;
 * their expected payments in one recursive INSERT. What fell due was received in full, but for a
 * few late payers (part paid or nothing): the arrears and ageing a province's 应收款 shows.
 */
async function generateTerms(
  tx: Transaction,
  projectVillage: unknown[][],
  projectEnterprise: unknown[][],
  firstYear: number,
  rand: () => number
) {
  const villageOf = new Map(projectVillage.map(([p, v]) => [p as number, v as number]));
  const kinds = [
    ["fixed_rent", "contracting", "half_year", 1.0],
    ["dividend", "investment", "year", 0.7],
    ["service_fee", "operating", "quarter", 0.6],
  ] as const;
  const terms: unknown[][] = [];
  for (const [kind, category, period, share] of kinds)
    for (const [project, enterprise] of projectEnterprise) {
      if (terms.length >= SIZES.terms) break;
      if (share < 1 && rand() >= share) continue;
      const month = 1 + Math.floor(rand() * 12);
      terms.push([
        project,
        villageOf.get(project as number),
        enterprise,
        kind,
        category,
        (50 + Math.floor(rand() * 950)) * 10_000,
        period,
        `${firstYear}-${String(month).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`,
        // contracts of ten to nineteen years: a tenth end this year
        `${firstYear + 10 + Math.floor(rand() * 10)}-12-31`,
      ]);
    }
  for (let at = 0; at < terms.length; at += 20_000)
    await tx.execute({
      sql: `INSERT INTO contract_terms (project_id, village_id, enterprise_id, kind, category, amount_fen, period, first_due, ends_on)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
        FROM json_each(?)`,
      args: [JSON.stringify(terms.slice(at, at + 20_000))],
    });
  // the dues (first dues fall on the 1st to the 28th: adding months needs no month-end care), each
  // past one received in full but for about one in twenty (nothing) and one in thirty (half), by
  // a fixed rule on the term and the due, so that every run has the same arrears
  const today = new Date().toISOString().slice(0, 10);
  await tx.execute({
    sql: `INSERT INTO expected_payments (term_id, seq, due_on, amount_fen, received_fen)
      WITH RECURSIVE d(term_id, seq, due_on, first_due, step, ends_on, amount) AS (
        SELECT id, 0, first_due, first_due,
          CASE period WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 WHEN 'half_year' THEN 6 ELSE 12 END, ends_on, amount_fen
        FROM contract_terms
        UNION ALL
        SELECT term_id, seq + 1, date(first_due, '+' || ((seq + 1) * step) || ' months'), first_due, step, ends_on, amount
        FROM d WHERE date(first_due, '+' || ((seq + 1) * step) || ' months') <= ends_on
      )
      SELECT term_id, seq, due_on, amount,
        CASE WHEN due_on >= ? THEN 0
          WHEN (term_id * 31 + seq * 17) % 20 = 0 THEN 0
          WHEN (term_id * 13 + seq * 7) % 30 = 0 THEN amount / 2
          ELSE amount END
      FROM d`,
    args: [today],
  });
}
