import { eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { getDb, type Tx } from "../../db/client";
import { writeAudit, type Actor } from "./audit.server";
import {
  auditable,
  nowIso,
  uniqueViolationErrors,
  type DeleteResult,
  type Reference,
  type SaveResult,
} from "./shared.server";

// Create, update and delete for every editable record, the same way: one transaction with its
// audit entry; an update only on the version the form was opened with; UNIQUE races mapped to
// field errors; a delete refused while anything points at the record.

type Editable = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn };

export async function saveRecord<Row extends { id: number; version: number }>({
  table,
  entity,
  id,
  version,
  values,
  actor,
  unique = {},
  afterWrite,
  auditExtra,
}: {
  table: Editable;
  entity: string;
  /** absent to create */
  id?: number;
  version?: number;
  values: Record<string, unknown>;
  actor: Actor;
  unique?: Record<string, [string, string]>;
  /** member tables and history, written in the same transaction */
  afterWrite?: (tx: Tx, row: Row, before: Row | null) => Promise<void>;
  /** what the audit entry adds to the row (member ids) */
  auditExtra?: (tx: Tx, id: number) => Promise<Record<string, unknown>>;
}): Promise<SaveResult<Row>> {
  const db = await getDb();
  // drizzle's generic table types do not follow a table passed as a parameter
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const t = table as any;
  try {
    return await db.transaction(async (tx) => {
      let before: Row | null = null;
      let row: Row;
      if (id === undefined) {
        [row] = (await tx.insert(t).values(values).returning()) as Row[];
      } else {
        [before] = (await tx.select().from(t).where(eq(table.id, id))) as Row[];
        if (!before || before.version !== version) return { ok: false as const, stale: true as const };
        const beforeExtra = auditExtra ? await auditExtra(tx, id) : {};
        before = { ...before, ...beforeExtra };
        [row] = (await tx
          .update(t)
          .set({ ...values, version: before.version + 1, updatedAt: nowIso() })
          .where(eq(table.id, id))
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
      return { ok: true as const, record: row };
    });
  } catch (error) {
    const errors = uniqueViolationErrors(error, unique);
    if (errors) return { ok: false, errors };
    throw error;
  }
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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const t = table as any;
  return db.transaction(async (tx) => {
    const [before] = (await tx.delete(t).where(eq(table.id, id)).returning()) as Record<string, unknown>[];
    if (!before) return { ok: false as const, missing: true as const };
    await writeAudit(tx, { actor, action: "delete", entity, entityId: id, before: auditable(before) });
    return { ok: true as const };
  });
}
