import { and, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import { auditLog } from "../../db/schema";

export type AuditAction = "create" | "update" | "delete" | "void" | "login" | "login_failed" | "logout";
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

/** Entries of a batch of writes (an import), a few hundred a statement. */
export async function writeAudits(executor: DbOrTx, entries: AuditEntry[]) {
  // each chunk as one JSON parameter that SQLite unpacks (models/shared.server.ts insertRows)
  const columns = ["user_id", "username", "action", "entity", "entity_id", "before", "after"];
  for (let at = 0; at < entries.length; at += 2_000) {
    const rows = entries
      .slice(at, at + 2_000)
      .map(auditRow)
      .map((r) => [r.userId, r.username, r.action, r.entity, r.entityId, r.before, r.after]);
    await executor.run(sql`INSERT INTO ${auditLog} (${sql.raw(columns.join(", "))})
      SELECT ${sql.raw(columns.map((_, i) => `value ->> ${i}`).join(", "))} FROM json_each(${JSON.stringify(rows)})`);
  }
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
