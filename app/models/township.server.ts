import { asc, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import { townships, villages, type Township } from "../../db/schema";
import type { TownshipInput } from "~/validation/township";
import type { Actor } from "./audit.server";
import { deleteRecord, inTransaction, writeRecord, type Existing, type RecordWriter } from "./crud.server";
import { fieldError, references, type DeleteResult, type SaveResult } from "./shared.server";

export async function listTownshipsWithCounts() {
  const db = await getDb();
  return db
    .select({
      id: townships.id,
      name: townships.name,
      code: townships.code,
      version: townships.version,
      villageCount: sql<number>`(SELECT COUNT(*) FROM ${villages} WHERE ${villages.townshipId} = "townships"."id")`,
    })
    .from(townships)
    .orderBy(asc(townships.code), asc(townships.name));
}

const UNIQUE: Record<string, [string, string]> = {
  "townships.name": ["name", "error.nameTaken"],
  "townships.code": ["code", "error.codeTaken"],
};

async function checkTownship(tx: DbOrTx, input: TownshipInput, exceptId?: number) {
  const [sameName] = await tx.select({ id: townships.id }).from(townships).where(eq(townships.name, input.name));
  if (sameName && sameName.id !== exceptId) return fieldError("name", "error.nameTaken");
  if (input.code) {
    const [sameCode] = await tx.select({ id: townships.id }).from(townships).where(eq(townships.code, input.code));
    if (sameCode && sameCode.id !== exceptId) return fieldError("code", "error.codeTaken");
  }
  return null;
}

/** The one road into the townships table (the page, and a villages import naming new townships). */
export const writeTownship: RecordWriter<TownshipInput, Township> = async (tx, input, actor, existing) =>
  (await checkTownship(tx, input, existing?.id)) ??
  writeRecord<Township>(tx, { table: townships, entity: "township", existing, values: input, actor });

export async function saveTownship(
  input: TownshipInput,
  actor: Actor,
  existing?: Existing
): Promise<SaveResult<Township>> {
  return inTransaction((tx) => writeTownship(tx, input, actor, existing), UNIQUE);
}

export async function deleteTownship(id: number, actor: Actor): Promise<DeleteResult> {
  const db = await getDb();
  return deleteRecord({
    table: townships,
    entity: "township",
    id,
    actor,
    references: async () =>
      references([
        "village",
        await db.select({ name: villages.name }).from(villages).where(eq(villages.townshipId, id)),
      ]),
  });
}
