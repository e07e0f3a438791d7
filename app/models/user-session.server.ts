import { randomBytes } from "node:crypto";
import { eq, lt, or, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import { sessions } from "../../db/schema";
import type { Role } from "../../db/enums";
import type { SessionUser } from "~/lib/permissions";

// Sessions kept on the server (DESIGN, "Bad input, faults, access"): the cookie holds a random id,
// and a session is only as good as its row. Lifetimes come from the environment, in hours and
// minutes, so an office can make them stricter.

const hours = Number(process.env.SESSION_MAX_HOURS) || 12;
const minutes = Number(process.env.SESSION_IDLE_MINUTES) || 30;
export const SESSION_LIFETIME_MS = hours * 3600_000;
export const SESSION_IDLE_MS = minutes * 60_000;
/** A session's last-seen time is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

export async function createSession(userId: number, now = Date.now()) {
  const db = await getDb();
  const id = randomBytes(32).toString("base64url");
  await db.insert(sessions).values({
    id,
    userId,
    createdAt: iso(now),
    lastSeenAt: iso(now),
    expiresAt: iso(now + SESSION_LIFETIME_MS),
  });
  // ended sessions are swept as new ones begin
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, iso(now)), lt(sessions.lastSeenAt, iso(now - SESSION_IDLE_MS))));
  return id;
}

/**
 * The user of a live session (not past its lifetime, not idle too long) with their villages,
 * noting that it was used: one query, as every page asks twice (the layout's loader and its own).
 * None for an ended session or a deactivated user.
 */
export async function sessionUser(id: string, now = Date.now()): Promise<SessionUser | null> {
  const db = await getDb();
  const [row] = await db.all<{
    id: number;
    username: string;
    displayName: string;
    role: Role;
    active: number;
    lastSeenAt: string;
    villageIds: string;
  }>(sql`
    SELECT u.id, u.username, u.display_name AS displayName, u.role, u.active, s.last_seen_at AS lastSeenAt,
      (SELECT json_group_array(village_id) FROM user_villages WHERE user_id = u.id) AS villageIds
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${id} AND s.expires_at > ${iso(now)} AND s.last_seen_at > ${iso(now - SESSION_IDLE_MS)}`);
  if (!row || !row.active) return null;
  if (Date.parse(row.lastSeenAt) < now - TOUCH_EVERY_MS)
    await db
      .update(sessions)
      .set({ lastSeenAt: iso(now) })
      .where(eq(sessions.id, id));
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    villageIds: JSON.parse(row.villageIds) as number[],
  };
}

export async function endSession(id: string) {
  const db = await getDb();
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user (password reset, deactivation, "sign out everywhere"); pass the change's transaction. */
export async function endUserSessions(executor: DbOrTx, userId: number) {
  const result = await executor.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return result.length;
}

/** Live sessions per user, for the users page. */
export async function liveSessionCounts(now = Date.now()) {
  const db = await getDb();
  const rows = await db.all<{ userId: number; n: number }>(sql`
    SELECT user_id AS userId, COUNT(*) AS n FROM sessions
    WHERE expires_at > ${iso(now)} AND last_seen_at > ${iso(now - SESSION_IDLE_MS)} GROUP BY user_id`);
  return new Map(rows.map((r) => [r.userId, r.n]));
}
