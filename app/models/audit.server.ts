import { and, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import { auditLog } from "../../db/schema";
import { insertRows } from "./shared.server";

export type AuditAction =
  | "create"
  | "update"
  | "delete"
  | "void"
  | "login"
  | "login_failed"
  | "logout"
  // a village's month in the books (models/closing.server.ts)
  | "submit"
  | "approve"
  | "return"
  | "unlock"
  | "request_unlock"
  // a year's summary reported upward (models/report.server.ts)
  | "report";
export type Actor = { id: number; username: string } | null;

/** Appends one entry. Pass the transaction that made the change, so both land or neither. */
type AuditEntry = {
  actor: Actor;
  action: AuditAction;
  entity: string;
  entityId?: number | null;
  before?: unknown;
  after?: unknown;
};

const auditRow = (entry: AuditEntry) => ({
  userId: entry.actor?.id ?? null,
  username: entry.actor?.username ?? null,
  action: entry.action,
  entity: entry.entity,
  entityId: entry.entityId ?? null,
  before: entry.before === undefined ? null : JSON.stringify(entry.before),
  after: entry.after === undefined ? null : JSON.stringify(entry.after),
});

export async function writeAudit(executor: DbOrTx, entry: AuditEntry) {
  await executor.insert(auditLog).values(auditRow(entry));
}

/** Entries of a batch of writes (an import), 2,000 a statement as one JSON parameter. */
export async function writeAudits(executor: DbOrTx, entries: AuditEntry[]) {
  await insertRows(executor, auditLog, entries.map(auditRow), {}, 2_000);
}

export async function listAudit({
  entity,
  entityId,
  userId,
  from,
  to,
  limit = 100,
}: { entity?: string; entityId?: number; userId?: number; from?: string; to?: string; limit?: number } = {}) {
  const db = await getDb();
  const where: SQL[] = [];
  if (entity) where.push(eq(auditLog.entity, entity));
  if (entityId) where.push(eq(auditLog.entityId, entityId));
  if (userId) where.push(eq(auditLog.userId, userId));
  if (from) where.push(gte(auditLog.at, from));
  if (to) where.push(lte(auditLog.at, `${to}T99`));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
