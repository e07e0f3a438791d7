import { eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { getDb, type DbOrTx, type Tx } from "../../db/client";
import { writeAudit, type Actor } from "./audit.server";
import {
  auditable,
  nowIso,
  uniqueViolationErrors,
  type DeleteResult,
  type Reference,
  type SaveResult,
} from "./shared.server";

// Create, update and delete for every editable record, the same way: the write and its audit
// entry in one transaction; an update only on the version its form (or import plan) read; UNIQUE
// races mapped to field errors; a delete refused while anything points at the record.
//
// Each model's write function is the one road into its table. It takes a transaction, so the
// import writes a whole file row by row inside one; forms call it through `inTransaction`.

type Editable = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn };

/** Which record a write updates, and the version the writer read; absent to create. */
export type Existing = { id: number; version: number };

/** A record's database checks, then its write: both on the caller's transaction. */
export type RecordWriter<Input, Row> = (
  tx: Tx,
  input: Input,
  actor: Actor,
  existing?: Existing
) => Promise<SaveResult<Row>>;

/** Runs a write in its own transaction, with UNIQUE races turned into the field errors the form shows. */
export async function inTransaction<Row>(
  write: (tx: Tx) => Promise<SaveResult<Row>>,
  unique: Record<string, [string, string]> = {}
): Promise<SaveResult<Row>> {
  const db = await getDb();
  try {
    return await db.transaction(write);
  } catch (error) {
    const errors = uniqueViolationErrors(error, unique);
    if (errors) return { ok: false, errors };
    throw error;
  }
}

// drizzle's generic insert/update types do not follow a table passed as a parameter: the core
// works on rows as records, and each model's typed function says what its rows are.
type LooseTable = Parameters<DbOrTx["insert"]>[0];

/** Inserts or updates one row with its audit entry, on the caller's transaction. */
export async function writeRecord<Row extends { id: number; version: number }>(
  tx: Tx,
  {
    table,
    entity,
    existing,
    values,
    actor,
    afterWrite,
    auditExtra,
  }: {
    table: Editable;
    entity: string;
    existing?: Existing;
    values: Record<string, unknown>;
    actor: Actor;
    /** member tables and history, written in the same transaction */
    afterWrite?: (tx: Tx, row: Row, before: Row | null) => Promise<void>;
    /** what the audit entry adds to the row (member ids) */
    auditExtra?: (tx: Tx, id: number) => Promise<Record<string, unknown>>;
  }
): Promise<SaveResult<Row>> {
  const t = table as LooseTable;
  let before: Row | null = null;
  let row: Row;
  if (!existing) {
    [row] = (await tx.insert(t).values(values).returning()) as Row[];
  } else {
    [before] = (await tx.select().from(table).where(eq(table.id, existing.id))) as Row[];
    if (!before || before.version !== existing.version) return { ok: false, stale: true };
    before = { ...before, ...(auditExtra ? await auditExtra(tx, existing.id) : {}) };
    [row] = (await tx
      .update(t)
      .set({ ...values, version: before.version + 1, updatedAt: nowIso() })
      .where(eq(table.id, existing.id))
      .returning()) as Row[];
  }
  if (afterWrite) await afterWrite(tx, row, before);
  const after = { ...row, ...(auditExtra ? await auditExtra(tx, row.id) : {}) };
  await writeAudit(tx, {
    actor,
    action: before ? "update" : "create",
    entity,
    entityId: row.id,
    before: before ? auditable(before) : undefined,
    after: auditable(after),
  });
  return { ok: true, record: row };
}

export async function deleteRecord({
  table,
  entity,
  id,
  actor,
  references,
}: {
  table: Editable;
  entity: string;
  id: number;
  actor: Actor;
  references: () => Promise<Reference[]>;
}): Promise<DeleteResult> {
  const refs = await references();
  if (refs.length) return { ok: false, references: refs };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = (await tx
      .delete(table as LooseTable)
      .where(eq(table.id, id))
      .returning()) as Record<string, unknown>[];
    if (!before) return { ok: false as const, missing: true as const };
    await writeAudit(tx, { actor, action: "delete", entity, entityId: id, before: auditable(before) });
    return { ok: true as const };
  });
}
