import { asc, eq, inArray } from "drizzle-orm";
import { getDb } from "../../db/client";
import { users, userVillages, villages, type Role, type User } from "../../db/schema";
import { hashPassword } from "../lib/password.server";
import type { SessionUser } from "../lib/permissions";
import type { NewUserInput, UserAccessInput } from "~/validation/user";
import { writeAudit, type Actor } from "./audit.server";
import { fieldError, type SaveResult } from "./shared.server";
import { endUserSessions, liveSessionCounts } from "./user-session.server";

/** What the audit log keeps of a user: never the password hash. */
function auditView(user: { username: string; displayName: string; role: Role; active: boolean }, villageIds: number[]) {
  return { username: user.username, displayName: user.displayName, role: user.role, active: user.active, villageIds };
}

export async function findUserByUsername(username: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return user;
}

/** The signed-in user as the session needs it, or null when missing or deactivated. */
export async function getSessionUser(userId: number): Promise<SessionUser | null> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || !user.active) return null;
  const links = await db
    .select({ villageId: userVillages.villageId })
    .from(userVillages)
    .where(eq(userVillages.userId, userId));
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    villageIds: links.map((l) => l.villageId),
  };
}

export async function listUsers() {
  const db = await getDb();
  const rows = await db.select().from(users).orderBy(asc(users.id));
  const links = await db
    .select({ userId: userVillages.userId, villageId: userVillages.villageId, villageName: villages.name })
    .from(userVillages)
    .innerJoin(villages, eq(villages.id, userVillages.villageId));
  const live = await liveSessionCounts();
  return rows.map(({ passwordHash: _hidden, ...user }) => ({
    ...user,
    sessions: live.get(user.id) ?? 0,
    villages: links.filter((l) => l.userId === user.id).map((l) => ({ id: l.villageId, name: l.villageName })),
  }));
}

export async function createUser(
  input: { username: string; displayName: string; role: Role; password: string; villageIds?: number[] },
  actor: Actor
) {
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  const villageIds = input.role === "clerk" ? input.villageIds ?? [] : [];
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ username: input.username, displayName: input.displayName, role: input.role, passwordHash })
      .returning();
    if (villageIds.length)
      await tx.insert(userVillages).values(villageIds.map((villageId) => ({ userId: user.id, villageId })));
    await writeAudit(tx, {
      actor,
      action: "create",
      entity: "user",
      entityId: user.id,
      after: auditView(user, villageIds),
    });
    return user;
  });
}

export async function updateUserAccess(
  userId: number,
  input: { displayName: string; role: Role; villageIds: number[] },
  actor: Actor
) {
  const db = await getDb();
  const villageIds = input.role === "clerk" ? input.villageIds : [];
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId));
    if (!before) return null;
    const beforeVillages = await tx.select().from(userVillages).where(eq(userVillages.userId, userId));
    const [after] = await tx
      .update(users)
      .set({
        displayName: input.displayName,
        role: input.role,
        version: before.version + 1,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(users.id, userId))
      .returning();
    await tx.delete(userVillages).where(eq(userVillages.userId, userId));
    if (villageIds.length) await tx.insert(userVillages).values(villageIds.map((villageId) => ({ userId, villageId })));
    await writeAudit(tx, {
      actor,
      action: "update",
      entity: "user",
      entityId: userId,
      before: auditView(
        before,
        beforeVillages.map((v) => v.villageId)
      ),
      after: auditView(after, villageIds),
    });
    return after;
  });
}

export async function resetPassword(userId: number, password: string, actor: Actor) {
  const db = await getDb();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date().toISOString() })
      .where(eq(users.id, userId))
      .returning();
    if (!user) return null;
    // whoever had the old password is signed out
    const ended = await endUserSessions(tx, userId);
    await writeAudit(tx, {
      actor,
      action: "update",
      entity: "user",
      entityId: userId,
      after: { passwordReset: true, sessionsEnded: ended },
    });
    return user;
  });
}

export async function setUserActive(userId: number, active: boolean, actor: Actor) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId));
    if (!before) return null;
    const [after] = await tx
      .update(users)
      .set({ active, updatedAt: new Date().toISOString() })
      .where(eq(users.id, userId))
      .returning();
    const ended = active ? 0 : await endUserSessions(tx, userId);
    await writeAudit(tx, {
      actor,
      action: "update",
      entity: "user",
      entityId: userId,
      before: { active: before.active },
      after: { active, ...(ended ? { sessionsEnded: ended } : {}) },
    });
    return after;
  });
}

/** "Sign out everywhere": ends every session of a user; false when there is no such user. */
export async function signOutEverywhere(userId: number, actor: Actor) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) return false;
    const ended = await endUserSessions(tx, userId);
    await writeAudit(tx, {
      actor,
      action: "logout",
      entity: "session",
      entityId: userId,
      after: { sessionsEnded: ended },
    });
    return true;
  });
}

export async function recordLogin(userId: number) {
  const db = await getDb();
  await db.update(users).set({ lastLoginAt: new Date().toISOString() }).where(eq(users.id, userId));
}

async function villagesExist(ids: number[]) {
  if (!ids.length) return true;
  const db = await getDb();
  const found = await db.select({ id: villages.id }).from(villages).where(inArray(villages.id, ids));
  return found.length === new Set(ids).size;
}

/** A new account from the users page: the name is free and the clerk's villages exist, else the field errors. */
export async function saveNewUser(input: NewUserInput, actor: Actor): Promise<SaveResult<User>> {
  if (await findUserByUsername(input.username)) return fieldError("username", "error.usernameTaken");
  if (!(await villagesExist(input.villageIds))) return fieldError("villageIds", "error.invalid");
  return { ok: true, record: await createUser(input, actor) };
}

/** A user's name, role and villages; null when there is no such user. */
export async function saveUserAccess(input: UserAccessInput, actor: Actor): Promise<SaveResult<User> | null> {
  if (!(await villagesExist(input.villageIds))) return fieldError("villageIds", "error.invalid");
  const user = await updateUserAccess(input.userId, input, actor);
  return user ? { ok: true, record: user } : null;
}
