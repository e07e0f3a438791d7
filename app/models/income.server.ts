import { and, count, desc, eq, gt, gte, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, type DbOrTx, type Tx } from "../../db/client";
import {
  enterprises,
  INCOME_CATEGORIES,
  incomeRecords,
  projects,
  projectVillages,
  townships,
  users,
  villages,
  type IncomeRecord,
} from "../../db/schema";
import { PAGE_SIZE, type IncomeFilters } from "~/validation/params";
import type { IncomeInput } from "~/validation/income";
import { allocate, tripleOf, unmatch } from "./terms.server";
import { writeAudit, type Actor } from "./audit.server";
import { inTransaction, writeRecord, type RecordWriter } from "./crud.server";
import {
  auditable,
  contains,
  fieldError,
  inJson,
  insertRows,
  jsonTuples,
  nowIso,
  orderBy,
  type SaveResult,
} from "./shared.server";
import { lockedMessage, lockOf, locksOf, MonthsLocked } from "./closing.server";

/** One ledger row as an import writes it. */
export type IncomeRow = Pick<
  IncomeRecord,
  "villageId" | "receivedOn" | "category" | "amountFen" | "projectId" | "enterpriseId" | "voucher" | "note"
>;

const voider = alias(users, "voider");

/**
 * The ledger's filters and order, shared by a list page and an export's id pass. `after` (an
 * export's next page in date order) replaces the date range's bound on that side: given both,
 * SQLite walked the date index from the year's end to the last page's record, every page.
 */
function incomeFilter(f: IncomeFilters, after?: { receivedOn: string; id: number }) {
  const where: SQL[] = [];
  if (f.q) where.push(contains(incomeRecords.voucher, f.q));
  if (f.villageId) where.push(eq(incomeRecords.villageId, f.villageId));
  if (f.townshipId) where.push(eq(villages.townshipId, f.townshipId));
  if (f.year) {
    const from = f.month ? `${f.year}-${String(f.month).padStart(2, "0")}-01` : `${f.year}-01-01`;
    const to = f.month
      ? f.month === 12
        ? `${f.year + 1}-01-01`
        : `${f.year}-${String(f.month + 1).padStart(2, "0")}-01`
      : `${f.year + 1}-01-01`;
    if (!after || f.dir === "desc") where.push(gte(incomeRecords.receivedOn, from));
    if (!after || f.dir === "asc") where.push(lt(incomeRecords.receivedOn, to));
  } else if (f.month) {
    where.push(eq(sql`substr(${incomeRecords.receivedOn}, 6, 2)`, String(f.month).padStart(2, "0")));
  }
  if (after) where.push(afterInDateOrder(after, f.dir));
  if (f.category) where.push(eq(incomeRecords.category, f.category));
  if (f.projectId) where.push(eq(incomeRecords.projectId, f.projectId));
  if (f.enterpriseId) where.push(eq(incomeRecords.enterpriseId, f.enterpriseId));
  if (f.voided === "yes") where.push(isNotNull(incomeRecords.voidedAt));
  if (f.voided === "no") where.push(isNull(incomeRecords.voidedAt));
  const sortColumn = {
    receivedOn: incomeRecords.receivedOn,
    village: villages.code,
    category: incomeRecords.category,
    amount: incomeRecords.amountFen,
    voucher: incomeRecords.voucher,
    project: projects.name,
    enterprise: enterprises.name,
  }[f.sort];
  return {
    filter: where.length ? and(...where) : undefined,
    // by date, a day's records in entry order the same way round: the date index holds each day's
    // ids in order, so any page of a big day is a walk of it (id DESC under ascending dates sorted
    // the whole day for every page of an export)
    order: [
      orderBy(sortColumn, f.dir),
      f.sort === "receivedOn" ? orderBy(incomeRecords.id, f.dir) : desc(incomeRecords.id),
    ],
  };
}

/**
 * The ids of every filtered record, in the list's order: an export then reads its rows by these
 * ids a page at a time, each page as quick as the first (an OFFSET deep into a province's year
 * re-sorts everything before it: the hundredth page took a second).
 */
export async function incomeIdsInOrder(f: IncomeFilters) {
  const db = await getDb();
  const { filter, order } = incomeFilter(f);
  const ranked = db
    .select({
      id: incomeRecords.id,
      pos: sql<number>`row_number() OVER (ORDER BY ${sql.join(order, sql`, `)})`.as("pos"),
    })
    .from(incomeRecords)
    .innerJoin(villages, eq(villages.id, incomeRecords.villageId))
    .leftJoin(projects, eq(projects.id, incomeRecords.projectId))
    .leftJoin(enterprises, eq(enterprises.id, incomeRecords.enterpriseId))
    .where(filter);
  // one JSON array rather than a row object per record (a province's year: 200,000 of them)
  return (await jsonTuples(["id"], ranked.getSQL(), sql`pos`)).map(([id]) => Number(id));
}

/**
 * Records after `last` in date order (a day's records by id the same way round). The bound on the
 * date alone comes first, so SQLite starts the date index there rather than at the year's first day.
 */
function afterInDateOrder(last: { receivedOn: string; id: number }, dir: "asc" | "desc") {
  const [from, beyond, next] =
    dir === "desc"
      ? [
          lte(incomeRecords.receivedOn, last.receivedOn),
          lt(incomeRecords.receivedOn, last.receivedOn),
          lt(incomeRecords.id, last.id),
        ]
      : [
          gte(incomeRecords.receivedOn, last.receivedOn),
          gt(incomeRecords.receivedOn, last.receivedOn),
          gt(incomeRecords.id, last.id),
        ];
  return and(from, or(beyond, next))!;
}

/** A record as the income file writes it. */
export type IncomeFileRow = {
  id: number;
  villageName: string;
  villageCode: string | null;
  receivedOn: string;
  category: IncomeRecord["category"];
  amountFen: number;
  projectName: string | null;
  enterpriseName: string | null;
  voucher: string | null;
  note: string | null;
  voidedAt: string | null;
  voidReason: string | null;
};

/**
 * Names of the villages, projects and enterprises one export has met, each read once: looking
 * them up by join for every record was most of a province-year export's time (a random B-tree
 * walk a record a table). One export's, so a rename between two exports shows in the second.
 */
export class IncomeFileNames {
  readonly villages = new Map<number, { name: string; code: string | null }>();
  readonly projects = new Map<number, string>();
  readonly enterprises = new Map<number, string>();

  /** Reads the names of those ids not met before. */
  async learn(villageIds: Iterable<number>, projectIds: Iterable<number>, enterpriseIds: Iterable<number>) {
    const unknown = (ids: Iterable<number>, known: Map<number, unknown>) =>
      [...new Set(ids)].filter((id) => !known.has(id));
    const newVillages = unknown(villageIds, this.villages);
    const newProjects = unknown(projectIds, this.projects);
    const newEnterprises = unknown(enterpriseIds, this.enterprises);
    const named = (table: "villages" | "projects" | "enterprises", ids: number[]) =>
      ids.length
        ? (jsonTuples(
            ["id", "name", "code"],
            sql`SELECT id, name, ${table === "villages" ? sql`code` : sql`NULL`} AS code
              FROM ${sql.identifier(table)} WHERE id IN ${inJson(ids)}`
          ) as Promise<[number, string, string | null][]>)
        : Promise.resolve([]);
    const [v, p, e] = await Promise.all([
      named("villages", newVillages),
      named("projects", newProjects),
      named("enterprises", newEnterprises),
    ]);
    for (const [id, name, code] of v) this.villages.set(id, { name, code });
    for (const [id, name] of p) this.projects.set(id, name);
    for (const [id, name] of e) this.enterprises.set(id, name);
  }
}

type LedgerTuple = [
  id: number,
  villageId: number,
  receivedOn: string,
  category: IncomeRecord["category"],
  amountFen: number,
  projectId: number | null,
  enterpriseId: number | null,
  voucher: string | null,
  note: string | null,
  voidedAt: string | null,
  voidReason: string | null
];
const LEDGER_COLUMNS = [
  "id",
  "villageId",
  "receivedOn",
  "category",
  "amountFen",
  "projectId",
  "enterpriseId",
  "voucher",
  "note",
  "voidedAt",
  "voidReason",
] as const;

/**
 * A page of the ledger for a file: in date order after `after`, or exactly `ids` in their order.
 * The records come as one JSON array of the ledger's own columns (the driver's object per row and
 * cell made most of an export's time and garbage); names come from `names`.
 */
export async function incomeFilePage(
  f: IncomeFilters,
  page: { after: { receivedOn: string; id: number } | null; size: number } | { ids: number[] },
  names: IncomeFileNames
): Promise<IncomeFileRow[]> {
  const columns = sql`${incomeRecords.id} AS id, ${incomeRecords.villageId} AS villageId,
    ${incomeRecords.receivedOn} AS receivedOn, ${incomeRecords.category} AS category,
    ${incomeRecords.amountFen} AS amountFen, ${incomeRecords.projectId} AS projectId,
    ${incomeRecords.enterpriseId} AS enterpriseId, ${incomeRecords.voucher} AS voucher, ${incomeRecords.note} AS note,
    ${incomeRecords.voidedAt} AS voidedAt, ${incomeRecords.voidReason} AS voidReason`;
  let records: LedgerTuple[];
  if ("ids" in page) {
    // the ids are filtered and ordered already (incomeIdsInOrder)
    records = (await jsonTuples(
      LEDGER_COLUMNS,
      sql`SELECT ${columns}, j.key AS pos FROM json_each(${JSON.stringify(page.ids)}) j
        JOIN ${incomeRecords} ON ${incomeRecords.id} = j.value`,
      sql`pos`
    )) as LedgerTuple[];
  } else {
    // in date order (the list's default), the date index's: the page is put back in that order
    // here (a JSON array's order is SQLite's choice; sorting 2,000 rows in SQL cost more)
    const { filter, order } = incomeFilter(f, page.after ?? undefined);
    records = (await jsonTuples(
      LEDGER_COLUMNS,
      sql`SELECT ${columns} FROM ${incomeRecords}
        ${f.townshipId ? sql`JOIN ${villages} ON ${villages.id} = ${incomeRecords.villageId}` : sql``}
        WHERE ${filter ?? sql`1`}
        ORDER BY ${sql.join(order, sql`, `)} LIMIT ${page.size}`
    )) as LedgerTuple[];
    const way = f.dir === "desc" ? -1 : 1;
    records.sort((a, b) => way * (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[0] - b[0]));
  }
  await names.learn(
    records.map((r) => r[1]),
    records.flatMap((r) => (r[5] === null ? [] : [r[5]])),
    records.flatMap((r) => (r[6] === null ? [] : [r[6]]))
  );
  return records.map(
    ([
      id,
      villageId,
      receivedOn,
      category,
      amountFen,
      projectId,
      enterpriseId,
      voucher,
      note,
      voidedAt,
      voidReason,
    ]) => {
      const village = names.villages.get(villageId);
      return {
        id,
        villageName: village?.name ?? "",
        villageCode: village?.code ?? null,
        receivedOn,
        category,
        amountFen,
        projectName: projectId === null ? null : names.projects.get(projectId) ?? null,
        enterpriseName: enterpriseId === null ? null : names.enterprises.get(enterpriseId) ?? null,
        voucher,
        note,
        voidedAt,
        voidReason,
      };
    }
  );
}

/** A page of the ledger, with the count and sums of everything filtered. */
export async function listIncome(f: IncomeFilters, { pageSize = PAGE_SIZE, totals = true } = {}) {
  const db = await getDb();
  const { filter, order } = incomeFilter(f);
  const query = db
    .select({
      record: incomeRecords,
      villageName: villages.name,
      villageCode: villages.code,
      townshipName: townships.name,
      projectName: projects.name,
      enterpriseName: enterprises.name,
      voidedByName: voider.displayName,
    })
    .from(incomeRecords)
    .innerJoin(villages, eq(villages.id, incomeRecords.villageId))
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .leftJoin(projects, eq(projects.id, incomeRecords.projectId))
    .leftJoin(enterprises, eq(enterprises.id, incomeRecords.enterpriseId))
    .leftJoin(voider, eq(voider.id, incomeRecords.voidedBy))
    .where(filter)
    .orderBy(...order);
  const rows = await query.limit(pageSize).offset((f.page - 1) * pageSize);
  // totals of everything filtered (not just this page); voided records count but add nothing
  // an export reads page after page and needs no sums
  const [sums] = totals
    ? await db
        .select({
          total: count(),
          sumFen: sql<number>`COALESCE(SUM(CASE WHEN ${incomeRecords.voidedAt} IS NULL THEN ${incomeRecords.amountFen} END), 0)`,
          voidedCount: sql<number>`COUNT(${incomeRecords.voidedAt})`,
        })
        .from(incomeRecords)
        .innerJoin(villages, eq(villages.id, incomeRecords.villageId))
        .where(filter)
    : [{ total: 0, sumFen: 0, voidedCount: 0 }];
  return {
    rows: rows.map((r) => ({
      ...r.record,
      villageName: r.villageName,
      villageCode: r.villageCode,
      townshipName: r.townshipName,
      projectName: r.projectName,
      enterpriseName: r.enterpriseName,
      voidedByName: r.voidedByName,
    })),
    total: sums.total,
    sumFen: sums.sumFen,
    voidedCount: sums.voidedCount,
    page: f.page,
    pageSize,
  };
}

export async function getIncome(id: number) {
  const result = await getDb();
  const [row] = await result
    .select({
      record: incomeRecords,
      villageName: villages.name,
      projectName: projects.name,
      enterpriseName: enterprises.name,
      voidedByName: voider.displayName,
    })
    .from(incomeRecords)
    .innerJoin(villages, eq(villages.id, incomeRecords.villageId))
    .leftJoin(projects, eq(projects.id, incomeRecords.projectId))
    .leftJoin(enterprises, eq(enterprises.id, incomeRecords.enterpriseId))
    .leftJoin(voider, eq(voider.id, incomeRecords.voidedBy))
    .where(eq(incomeRecords.id, id));
  return row
    ? {
        ...row.record,
        villageName: row.villageName,
        projectName: row.projectName,
        enterpriseName: row.enterpriseName,
        voidedByName: row.voidedByName,
      }
    : null;
}

/** Rules that need the database: the village exists, the project involves it, the voucher is new for it. */
async function checkIncome(tx: DbOrTx, input: IncomeInput) {
  const [village] = await tx.select({ id: villages.id }).from(villages).where(eq(villages.id, input.villageId));
  if (!village) return fieldError("villageId", "error.unknownVillage");
  if (input.projectId) {
    const [link] = await tx
      .select({ id: projectVillages.projectId })
      .from(projectVillages)
      .where(and(eq(projectVillages.projectId, input.projectId), eq(projectVillages.villageId, input.villageId)));
    if (!link) return fieldError("projectId", "error.projectVillage");
  }
  if (input.enterpriseId) {
    const [found] = await tx
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.id, input.enterpriseId));
    if (!found) return fieldError("enterpriseId", "error.unknownEnterprise");
  }
  if (input.voucher) {
    const [clash] = await tx
      .select({ id: incomeRecords.id })
      .from(incomeRecords)
      .where(and(eq(incomeRecords.villageId, input.villageId), eq(incomeRecords.voucher, input.voucher)));
    if (clash) return fieldError("voucher", "error.voucherTaken");
  }
  return null;
}

const UNIQUE_COLUMNS: Record<string, [string, string]> = {
  "income_records.village_id": ["voucher", "error.voucherTaken"],
};

/** A write into an approved month refused, on the field that says the month (or the one given). */
async function lockRefusal(tx: DbOrTx, record: { villageId: number; receivedOn: string }, field = "receivedOn") {
  const lock = await lockOf(tx, record);
  return lock ? fieldError(field, lockedMessage(lock)) : null;
}

/** The one road for a single income record into the ledger, matched to what its payer owes. */
export const writeIncome: RecordWriter<IncomeInput, IncomeRecord> = async (tx, input, actor) =>
  (await lockRefusal(tx, input)) ??
  (await checkIncome(tx, input)) ??
  writeRecord<IncomeRecord>(tx, {
    table: incomeRecords,
    entity: "income",
    values: { ...input, createdBy: actor?.id ?? null },
    actor,
    afterWrite: (tx, row) => allocate(tx, tripleOf(row)),
  });

export async function createIncome(input: IncomeInput, actor: Actor): Promise<SaveResult<IncomeRecord>> {
  return inTransaction((tx) => writeIncome(tx, input, actor), UNIQUE_COLUMNS);
}

/** An import's records, checked by its plan: one set-based insert and one audit entry for the file. */
export async function writeIncomeRows(
  tx: Tx,
  rows: IncomeRow[],
  actor: Actor,
  file: { name: string | null; updated: number; skipped: number }
) {
  // the plan refused rows in approved months; one approved since is refused here, the whole file
  const locks = await locksOf(tx, rows);
  if (locks.size) throw new MonthsLocked([...locks.values()]);
  // the triggers would update three sums for every row; the marker leaves them to addToSums
  await tx.run(sql`INSERT INTO income_bulk_write (id) VALUES (1)`);
  // written village by village (a stable sort: each village's rows in the file's order, so its
  // receipts still pay oldest first): the village's index pages, and its rows of the sums (keyed
  // by village first), are then written once each, not once for every row of a file in another
  // order (100,000 receipts: 5.4 s → 3.3 s in SQLite)
  const byVillage = [...rows].sort((a, b) => a.villageId - b.villageId);
  await insertRows(tx, incomeRecords, byVillage, { createdBy: actor?.id ?? null });
  await tx.run(sql`DELETE FROM income_bulk_write`);
  await addToSums(tx, byVillage);
  // each receipt of a project and an enterprise paid what its term expects, oldest first
  await allocate(tx, rows.flatMap(tripleOf));
  await writeAudit(tx, {
    actor,
    action: "create",
    entity: "income",
    after: { import: file.name, created: rows.length, updated: file.updated, skipped: file.skipped },
  });
}

/**
 * Adds an import's rows (none voided) to the sums the triggers keep: village_year_income,
 * village_month_income and village_enterprise_income, added up here and written as a few hundred
 * grouped rows instead of three upserts a record (db/migrations/0006_income_bulk_write.sql).
 */
async function addToSums(tx: Tx, rows: IncomeRow[]) {
  type Sum = { key: (string | number)[]; totalFen: number; records: number; byCategory?: Record<string, number> };
  const sums = [new Map<string, Sum>(), new Map<string, Sum>(), new Map<string, Sum>()];
  const add = (map: Map<string, Sum>, key: (string | number)[], r: IncomeRow, byCategory = false) => {
    const id = key.join("|");
    let sum = map.get(id);
    if (!sum) map.set(id, (sum = { key, totalFen: 0, records: 0, byCategory: byCategory ? {} : undefined }));
    sum.totalFen += r.amountFen;
    sum.records++;
    if (sum.byCategory) sum.byCategory[r.category] = (sum.byCategory[r.category] ?? 0) + r.amountFen;
  };
  for (const r of rows) {
    const year = Number(r.receivedOn.slice(0, 4));
    add(sums[0], [r.villageId, year], r, true);
    add(sums[1], [r.villageId, year, Number(r.receivedOn.slice(5, 7)), r.category, r.projectId ?? 0], r);
    add(sums[2], [r.villageId, year, r.enterpriseId ?? 0], r);
  }
  const json = (map: Map<string, Sum>, extra: (s: Sum) => number[] = () => []) =>
    JSON.stringify([...map.values()].map((s) => [...s.key, s.totalFen, s.records, ...extra(s)]));
  const byCategory = (s: Sum) => INCOME_CATEGORIES.map((c) => s.byCategory?.[c] ?? 0);
  const at = (i: number) => sql.raw(`value ->> ${i}`);
  await tx.run(sql`
    INSERT INTO village_year_income (village_id, year, total_fen, records, ${sql.raw(INCOME_CATEGORIES.join(", "))})
    SELECT ${at(0)}, ${at(1)}, ${at(2)}, ${at(3)}, ${sql.join(
    INCOME_CATEGORIES.map((_, i) => at(4 + i)),
    sql`, `
  )}
    FROM json_each(${json(sums[0], byCategory)}) WHERE true
    ON CONFLICT (year, village_id) DO UPDATE SET
      ${sql.raw(INCOME_CATEGORIES.map((c) => `${c} = ${c} + excluded.${c}`).join(", "))},
      total_fen = total_fen + excluded.total_fen, records = records + excluded.records`);
  await tx.run(sql`
    INSERT INTO village_month_income (village_id, year, month, category, project_id, total_fen, records)
    SELECT ${at(0)}, ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}, ${at(6)} FROM json_each(${json(
    sums[1]
  )}) WHERE true
    ON CONFLICT DO UPDATE SET total_fen = total_fen + excluded.total_fen, records = records + excluded.records`);
  await tx.run(sql`
    INSERT INTO village_enterprise_income (village_id, year, enterprise_id, total_fen, records)
    SELECT ${at(0)}, ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)} FROM json_each(${json(sums[2])}) WHERE true
    ON CONFLICT DO UPDATE SET total_fen = total_fen + excluded.total_fen, records = records + excluded.records`);
}

/** Only the note of a record changes; amounts are corrected by voiding and recording anew. */
export async function updateIncomeNote(id: number, version: number, note: string | null, actor: Actor) {
  return inTransaction(async (tx) => {
    const [record] = await tx
      .select({ villageId: incomeRecords.villageId, receivedOn: incomeRecords.receivedOn })
      .from(incomeRecords)
      .where(eq(incomeRecords.id, id));
    return (
      (record && (await lockRefusal(tx, record, "note"))) ??
      writeRecord<IncomeRecord>(tx, {
        table: incomeRecords,
        entity: "income",
        existing: { id, version },
        values: { note },
        actor,
      })
    );
  });
}

/** Voids a record: it stays, struck through, with who, when and why, and drops out of every sum. */
export async function voidIncome(
  id: number,
  version: number,
  reason: string,
  actor: Actor
): Promise<SaveResult<IncomeRecord>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(incomeRecords).where(eq(incomeRecords.id, id));
    if (!before || before.version !== version) return { ok: false as const, stale: true as const };
    if (before.voidedAt) return { ok: false as const, errors: { reason: ["error.alreadyVoided"] } };
    const locked = await lockRefusal(tx, before, "reason");
    if (locked) return locked;
    const [row] = await tx
      .update(incomeRecords)
      .set({
        voidedAt: nowIso(),
        voidedBy: actor?.id ?? null,
        voidReason: reason,
        version: version + 1,
        updatedAt: nowIso(),
      })
      .where(eq(incomeRecords.id, id))
      .returning();
    // what it paid is open again, for the payer's other receipts to pay
    await unmatch(tx, id);
    await allocate(tx, tripleOf(row));
    await writeAudit(tx, {
      actor,
      action: "void",
      entity: "income",
      entityId: id,
      before: auditable(before),
      after: auditable(row),
    });
    return { ok: true as const, record: row };
  });
}

/** The years that have income, newest first (for year pickers): from the per-village-year sums. */
export async function incomeYears() {
  const db = await getDb();
  // one index step per year (newest, then the next older, …) rather than a scan of every village-year
  const rows = await db.all<{ year: number }>(sql`
    WITH RECURSIVE y(year) AS (
      SELECT MAX(year) FROM village_year_income
      UNION ALL SELECT (SELECT MAX(year) FROM village_year_income WHERE year < y.year) FROM y WHERE y.year IS NOT NULL
    ) SELECT year FROM y WHERE year IS NOT NULL`);
  return rows.map((r) => Number(r.year));
}
