import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, townships, users, userVillages, villages } from "../../db/schema";
import { verifyPassword } from "~/lib/password.server";
import { createUser, getSessionUser } from "~/models/user.server";
import { action, loader } from "~/routes/users";
import { makeRequest, run } from "../helpers/requests";

let adminId: number;
let villageIds: number[];

const post = async (form: Record<string, string | string[]>) =>
  run(action, await makeRequest("/users", { userId: adminId, form }));

beforeAll(async () => {
  const db = await getDb();
  const [t] = await db.insert(townships).values({ name: "测试镇" }).returning();
  const rows = await db
    .insert(villages)
    .values([
      { townshipId: t.id, name: "甲村" },
      { townshipId: t.id, name: "乙村" },
    ])
    .returning();
  villageIds = rows.map((v) => v.id);
  adminId = (
    await createUser({ username: "boss", displayName: "组织办", role: "admin", password: "correct-horse" }, null)
  ).id;
});

describe("/users, for the admin", () => {
  it("lists users without their password hashes", async () => {
    const response = await run(loader, await makeRequest("/users", { userId: adminId }));
    const data = await response.json();
    expect(data.users.map((u: { username: string }) => u.username)).toContain("boss");
    expect(JSON.stringify(data)).not.toContain("scrypt$");
  });

  it("returns every field error at once and writes nothing", async () => {
    const response = await post({ intent: "create", username: "a", displayName: "", role: "clerk", password: "short" });
    expect(response.status).toBe(400);
    const data = await response.json();
    expect(data.errors).toEqual({
      username: ["error.username"],
      displayName: ["error.required"],
      password: ["error.password"],
      villageIds: ["error.clerkVillages"],
    });
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.username, "a"))).toHaveLength(0);
  });

  it("requires a village for a clerk", async () => {
    const response = await post({
      intent: "create",
      username: "clerk1",
      displayName: "报账员",
      role: "clerk",
      password: "long-enough",
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ villageIds: ["error.clerkVillages"] });
  });

  it("creates a clerk with villages, a hashed password and an audit entry", async () => {
    const response = await post({
      intent: "create",
      username: "clerk1",
      displayName: "甲村报账员",
      role: "clerk",
      password: "long-enough",
      villageIds: [String(villageIds[0])],
    });
    expect(response.status).toBe(200);
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.username, "clerk1"));
    expect(user.role).toBe("clerk");
    expect(await verifyPassword("long-enough", user.passwordHash)).toBe(true);
    expect(await db.select().from(userVillages).where(eq(userVillages.userId, user.id))).toEqual([
      { userId: user.id, villageId: villageIds[0] },
    ]);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(entry).toMatchObject({ action: "create", entity: "user", userId: adminId, username: "boss" });
    expect(entry.after).not.toContain("long-enough");
  });

  it("refuses a user name that is taken", async () => {
    const response = await post({
      intent: "create",
      username: "clerk1",
      displayName: "重名",
      role: "viewer",
      password: "long-enough",
    });
    expect((await response.json()).errors).toEqual({ username: ["error.usernameTaken"] });
  });

  it("changes a role and villages, with before and after in the audit log", async () => {
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.username, "clerk1"));
    const response = await post({
      intent: "access",
      userId: String(user.id),
      displayName: "两村报账员",
      role: "clerk",
      villageIds: villageIds.map(String),
    });
    expect(response.status).toBe(200);
    expect((await getSessionUser(user.id))?.villageIds.sort()).toEqual([...villageIds].sort());
    const [entry] = await db.all<{ before: string; after: string }>(
      sql`SELECT before, after FROM audit_log WHERE entity = 'user' AND entity_id = ${user.id} AND action = 'update' ORDER BY id DESC LIMIT 1`
    );
    expect(JSON.parse(entry.before).villageIds).toEqual([villageIds[0]]);
    expect(JSON.parse(entry.after).displayName).toBe("两村报账员");
    // made an editor, the clerk's villages are dropped
    await post({
      intent: "access",
      userId: String(user.id),
      displayName: "录入员",
      role: "editor",
      villageIds: villageIds.map(String),
    });
    expect(await getSessionUser(user.id)).toMatchObject({ role: "editor", villageIds: [] });
  });

  it("resets a password", async () => {
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.username, "clerk1"));
    expect((await post({ intent: "password", userId: String(user.id), password: "123" })).status).toBe(400);
    expect((await post({ intent: "password", userId: String(user.id), password: "a-new-password" })).status).toBe(200);
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword("a-new-password", after.passwordHash)).toBe(true);
  });

  it("deactivates and reactivates, but never the admin's own account", async () => {
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.username, "clerk1"));
    await post({ intent: "deactivate", userId: String(user.id) });
    expect(await getSessionUser(user.id)).toBeNull();
    await post({ intent: "activate", userId: String(user.id) });
    expect(await getSessionUser(user.id)).not.toBeNull();
    const self = await post({ intent: "deactivate", userId: String(adminId) });
    expect(self.status).toBe(400);
    expect(await getSessionUser(adminId)).not.toBeNull();
  });

  it("answers an unknown intent with 400, not a crash", async () => {
    expect((await post({ intent: "explode" })).status).toBe(400);
  });
});
