import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { townships, villages } from "../../db/schema";
import { hashPassword, verifyPassword } from "~/lib/password.server";
import { createUser, setUserActive } from "~/models/user.server";
import { action as loginAction } from "~/routes/login";
import { loader as usersLoader, action as usersAction } from "~/routes/users";
import { loader as editVillageLoader } from "~/routes/villages.$villageId_.edit";
import { getUser } from "~/session.server";
import { makeRequest, run } from "../helpers/requests";

const login = (username: string, password: string, origin: string | null = "http://localhost") =>
  run(loginAction, loginRequest(username, password, origin));

function loginRequest(username: string, password: string, origin: string | null, redirectTo?: string) {
  const body = new FormData();
  body.set("username", username);
  body.set("password", password);
  if (redirectTo) body.set("redirectTo", redirectTo);
  const headers = new Headers({ Host: "localhost" });
  if (origin) headers.set("Origin", origin);
  return new Request("http://localhost/login", { method: "POST", body, headers });
}

let ids: { admin: number; viewer: number; clerk: number; villageA: number; villageB: number };

beforeAll(async () => {
  const db = await getDb();
  const [t] = await db.insert(townships).values({ name: "测试镇" }).returning();
  const [a, b] = await db
    .insert(villages)
    .values([
      { townshipId: t.id, name: "甲村" },
      { townshipId: t.id, name: "乙村" },
    ])
    .returning();
  const admin = await createUser(
    { username: "boss", displayName: "组织办", role: "admin", password: "correct-horse" },
    null
  );
  const viewer = await createUser(
    { username: "leader", displayName: "县领导", role: "viewer", password: "correct-horse" },
    null
  );
  const clerk = await createUser(
    { username: "clerk-a", displayName: "甲村报账员", role: "clerk", password: "correct-horse", villageIds: [a.id] },
    null
  );
  ids = { admin: admin.id, viewer: viewer.id, clerk: clerk.id, villageA: a.id, villageB: b.id };
});

describe("passwords", () => {
  it("are stored as salted scrypt hashes and verified", async () => {
    const one = await hashPassword("secret-123");
    const two = await hashPassword("secret-123");
    expect(one).not.toBe(two);
    expect(one).not.toContain("secret-123");
    expect(await verifyPassword("secret-123", one)).toBe(true);
    expect(await verifyPassword("secret-124", one)).toBe(false);
  });
});

describe("login", () => {
  it("signs a user in with an httpOnly, SameSite=Lax cookie and sends them on", async () => {
    const response = await login("boss", "correct-horse");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=\d+/i);
    const user = await getUser(new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } }));
    expect(user?.username).toBe("boss");
  });

  it("sends the browser back only to a path on this site, whatever redirectTo says", async () => {
    for (const [redirectTo, location] of [
      ["/villages?page=2", "/villages?page=2"],
      ["/\t/evil.example", "/"],
      ["//evil.example", "/"],
      ["/\\evil.example", "/"],
      ["https://evil.example/", "/"],
    ]) {
      const response = await run(loginAction, loginRequest("boss", "correct-horse", "http://localhost", redirectTo));
      expect(response.headers.get("Location"), redirectTo).toBe(location);
    }
  });

  it("gives the same answer for a wrong password and an unknown user", async () => {
    const wrong = await login("leader", "wrong-password");
    const unknown = await login("nobody-here", "wrong-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "login.failed", username: "leader" });
    expect(await unknown.json()).toEqual({ error: "login.failed", username: "nobody-here" });
  });

  it("slows a user name down after 5 failures in a minute, even for the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await login("clerk-a", `guess-${i}`)).status).toBe(401);
    const blocked = await login("clerk-a", "correct-horse");
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error).toMatch(/请 \d+ 秒后再试/);
    // another user name is not affected
    expect((await login("boss", "correct-horse")).status).toBe(302);
  });

  it("refuses a deactivated account with the same message", async () => {
    const db = await getDb();
    const user = await createUser(
      { username: "gone", displayName: "离职", role: "editor", password: "correct-horse" },
      null
    );
    await setUserActive(user.id, false, null);
    const response = await login("gone", "correct-horse");
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe("login.failed");
    const [{ n }] = await db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login_failed'`);
    expect(n).toBeGreaterThan(0);
  });

  it("refuses a login posted from another site", async () => {
    const response = await login("boss", "correct-horse", "http://evil.example");
    expect(response.status).toBe(403);
  });

  it("writes successful logins to the audit log", async () => {
    const db = await getDb();
    const rows = await db.all<{ username: string }>(sql`SELECT username FROM audit_log WHERE action = 'login'`);
    expect(rows.map((r) => r.username)).toContain("boss");
  });
});

describe("roles on the server", () => {
  it("sends a visitor without a session to the login page", async () => {
    const response = await run(usersLoader, await makeRequest("/users"));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fusers");
  });

  it("answers 403 to a viewer opening the users page or posting to it", async () => {
    expect((await run(usersLoader, await makeRequest("/users", { userId: ids.viewer }))).status).toBe(403);
    const post = await run(
      usersAction,
      await makeRequest("/users", {
        userId: ids.viewer,
        form: { intent: "create", username: "sneaky", displayName: "x", role: "admin", password: "12345678" },
      })
    );
    expect(post.status).toBe(403);
    const db = await getDb();
    expect(await db.all(sql`SELECT id FROM users WHERE username = 'sneaky'`)).toHaveLength(0);
  });

  it("refuses a change sent from another origin, even by the admin", async () => {
    const response = await run(
      usersAction,
      await makeRequest("/users", {
        userId: ids.admin,
        origin: "http://evil.example",
        form: { intent: "create", username: "csrf-user", displayName: "x", role: "admin", password: "12345678" },
      })
    );
    expect(response.status).toBe(403);
    const db = await getDb();
    expect(await db.all(sql`SELECT id FROM users WHERE username = 'csrf-user'`)).toHaveLength(0);
  });

  it("lets a clerk open their own village's edit page and answers 403 for another's", async () => {
    const own = await run(
      editVillageLoader,
      await makeRequest(`/villages/${ids.villageA}/edit`, { userId: ids.clerk }),
      { villageId: String(ids.villageA) }
    );
    expect(own.status).toBe(200);
    const other = await run(
      editVillageLoader,
      await makeRequest(`/villages/${ids.villageB}/edit`, { userId: ids.clerk }),
      { villageId: String(ids.villageB) }
    );
    expect(other.status).toBe(403);
  });

  it("logs out a deactivated user's open session", async () => {
    const user = await createUser(
      { username: "temp", displayName: "临时", role: "editor", password: "correct-horse" },
      null
    );
    const request = await makeRequest("/", { userId: user.id });
    expect((await getUser(request))?.username).toBe("temp");
    await setUserActive(user.id, false, null);
    expect(await getUser(request)).toBeNull();
  });
});
