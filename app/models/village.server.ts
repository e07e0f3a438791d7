import { and, asc, count, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import { incomeRecords, townships, villages } from "../../db/schema";

export const PAGE_SIZE = 50;

export async function listTownships() {
  const db = await getDb();
  return db.select().from(townships).orderBy(asc(townships.code), asc(townships.name));
}

export async function listVillages({
  q,
  townshipId,
  year,
  page = 1,
}: {
  q?: string;
  townshipId?: number;
  year: number;
  page?: number;
}) {
  const db = await getDb();
  const where: SQL[] = [];
  if (q) where.push(or(like(villages.name, `%${q}%`), like(villages.code, `${q}%`))!);
  if (townshipId) where.push(eq(villages.townshipId, townshipId));
  const filter = where.length ? and(...where) : undefined;
  const incomeFen = sql<number>`COALESCE((
    SELECT SUM(${incomeRecords.amountFen}) FROM ${incomeRecords}
    WHERE ${incomeRecords.villageId} = ${villages.id} AND ${incomeRecords.voidedAt} IS NULL
      AND ${incomeRecords.receivedOn} >= ${`${year}-01-01`} AND ${incomeRecords.receivedOn} < ${`${year + 1}-01-01`}
  ), 0)`;
  const rows = await db
    .select({
      id: villages.id,
      name: villages.name,
      kind: villages.kind,
      code: villages.code,
      townshipName: townships.name,
      population: villages.population,
      secretary: villages.secretary,
      incomeFen,
    })
    .from(villages)
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .where(filter)
    .orderBy(asc(townships.code), asc(villages.code), asc(villages.name))
    .limit(PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * PAGE_SIZE);
  const [{ total }] = await db.select({ total: count() }).from(villages).where(filter);
  return { rows, total, page, pageSize: PAGE_SIZE };
}

export async function getVillage(id: number) {
  const db = await getDb();
  const [row] = await db
    .select({ village: villages, townshipName: townships.name })
    .from(villages)
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .where(eq(villages.id, id));
  return row ? { ...row.village, townshipName: row.townshipName } : null;
}

export async function listVillageOptions(ids?: number[]) {
  const db = await getDb();
  return db
    .select({ id: villages.id, name: villages.name, townshipName: townships.name })
    .from(villages)
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .where(ids ? inArray(villages.id, ids) : undefined)
    .orderBy(asc(townships.code), asc(villages.code));
}
