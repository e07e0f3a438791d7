import { eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { getDb, type DbOrTx, type Tx } from "../../db/client";
import { writeAudit, writeAudits, type Actor } from "./audit.server";
import {
  auditable,
  insertReturning,
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

/** Records of one table written together (an import's rows); a form's save is a batch of one. */
export type BatchItem<Input> = { input: Input; existing?: Existing };
export type BatchWriter<Input, Row> = (tx: Tx, items: BatchItem<Input>[], actor: Actor) => Promise<SaveResult<Row>[]>;

/** The single-record writer of a batch writer: one road for forms and imports alike. */
export const oneOf =
  <Input, Row>(write: BatchWriter<Input, Row>): RecordWriter<Input, Row> =>
  async (tx, input, actor, existing) =>
    (await write(tx, [{ input, existing }], actor))[0];

/**
 * A batch whose rows were checked: the rows that passed are written by `write`, in one go; each
 * refused row answers its refusal in its place.
 */
export async function writeChecked<Input, Row>(
  items: BatchItem<Input>[],
  refusals: (SaveResult<never> | null)[],
  write: (passed: BatchItem<Input>[]) => Promise<SaveResult<Row>[]>
): Promise<SaveResult<Row>[]> {
  const passed = items.filter((_, i) => !refusals[i]);
  const saved = passed.length ? await write(passed) : [];
  let next = 0;
  return refusals.map((refusal) => refusal ?? saved[next++]);
}

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

/** A written row, the row it replaced (none for a new one), and its place in the batch. */
export type Written<Row> = { row: Row; before: Row | null; index: number };

/** Rows one INSERT carries (as one JSON parameter). */
const INSERT_CHUNK = 2_000;

/**
 * Inserts and updates rows of one table with their audit entries, on the caller's transaction:
 * the road of every record write (a form's is a batch of one). New rows go a few hundred a
 * statement, so an import of thousands costs tens of statements, not thousands; each update goes
 * on the version its writer read, a stale one answering `stale` and writing nothing.
 */
export async function writeRecords<Row extends { id: number; version: number }>(
  tx: Tx,
  {
    table,
    entity,
    items,
    actor,
    afterWrite,
    auditExtra,
  }: {
    table: Editable;
    entity: string;
    items: { values: Record<string, unknown>; existing?: Existing }[];
    actor: Actor;
    /** member tables and history of the written rows, in the same transaction */
    afterWrite?: (tx: Tx, written: Written<Row>[]) => Promise<void>;
    /** what each row's audit entry adds (member ids), by id */
    auditExtra?: (tx: Tx, ids: number[]) => Promise<Map<number, Record<string, unknown>>>;
  }
): Promise<SaveResult<Row>[]> {
  const t = table as LooseTable;
  const results: SaveResult<Row>[] = new Array(items.length);
  const written: Written<Row>[] = [];
  const updates = items.flatMap((item, index) => (item.existing ? [{ item, index, existing: item.existing }] : []));
  const extraBefore =
    auditExtra && updates.length
      ? await auditExtra(
          tx,
          updates.map((u) => u.existing.id)
        )
      : null;
  for (const { item, index, existing } of updates) {
    const [before] = (await tx.select().from(table).where(eq(table.id, existing.id))) as Row[];
    if (!before || before.version !== existing.version) {
      results[index] = { ok: false, stale: true };
      continue;
    }
    const [row] = (await tx
      .update(t)
      .set({ ...item.values, version: before.version + 1, updatedAt: nowIso() })
      .where(eq(table.id, existing.id))
      .returning()) as Row[];
    written.push({ row, before: { ...before, ...extraBefore?.get(before.id) }, index });
  }
  const creates = items.flatMap((item, index) => (item.existing ? [] : [index]));
  for (let at = 0; at < creates.length; at += INSERT_CHUNK) {
    const chunk = creates.slice(at, at + INSERT_CHUNK);
    const rows = await insertReturning<Row>(
      tx,
      table,
      chunk.map((i) => items[i].values)
    );
    rows.forEach((row, k) => written.push({ row, before: null, index: chunk[k] }));
  }
  // in the batch's order (a file's rows): updates were written first, new rows after
  written.sort((a, b) => a.index - b.index);
  if (afterWrite && written.length) await afterWrite(tx, written);
  const extraAfter =
    auditExtra && written.length
      ? await auditExtra(
          tx,
          written.map((w) => w.row.id)
        )
      : null;
  await writeAudits(
    tx,
    written.map((w) => ({
      actor,
      action: w.before ? ("update" as const) : ("create" as const),
      entity,
      entityId: w.row.id,
      before: w.before ? auditable(w.before) : undefined,
      after: auditable({ ...w.row, ...extraAfter?.get(w.row.id) }),
    }))
  );
  for (const w of written) results[w.index] = { ok: true, record: w.row };
  return results;
}

/** One row through writeRecords, with its member tables written by `afterWrite`. */
export async function writeRecord<Row extends { id: number; version: number }>(
  tx: Tx,
  {
    existing,
    values,
    afterWrite,
    auditExtra,
    ...rest
  }: {
    table: Editable;
    entity: string;
    existing?: Existing;
    values: Record<string, unknown>;
    actor: Actor;
    afterWrite?: (tx: Tx, row: Row, before: Row | null) => Promise<void>;
    auditExtra?: (tx: Tx, id: number) => Promise<Record<string, unknown>>;
  }
): Promise<SaveResult<Row>> {
  const [result] = await writeRecords<Row>(tx, {
    ...rest,
    items: [{ values, existing }],
    afterWrite: afterWrite && (async (tx, [w]) => afterWrite(tx, w.row, w.before)),
    auditExtra: auditExtra && (async (tx, [id]) => new Map([[id, await auditExtra(tx, id)]])),
  });
  return result;
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
