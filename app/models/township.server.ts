import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { townships, villages, type Township } from "../../db/schema";
import type { TownshipInput } from "~/validation/township";
import type { Actor } from "./audit.server";
import { deleteRecord, saveRecord } from "./crud.server";
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

export async function saveTownship(
  input: TownshipInput,
  actor: Actor,
  existing?: { id: number; version: number }
): Promise<SaveResult<Township>> {
  const db = await getDb();
  const [sameName] = await db.select({ id: townships.id }).from(townships).where(eq(townships.name, input.name));
  if (sameName && sameName.id !== existing?.id) return fieldError("name", "error.nameTaken");
  if (input.code) {
    const [sameCode] = await db.select({ id: townships.id }).from(townships).where(eq(townships.code, input.code));
    if (sameCode && sameCode.id !== existing?.id) return fieldError("code", "error.codeTaken");
  }
  return saveRecord<Township>({
    table: townships,
    entity: "township",
    id: existing?.id,
    version: existing?.version,
    values: input,
    actor,
    unique: UNIQUE,
  });
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
