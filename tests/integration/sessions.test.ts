import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { createUser, resetPassword, setUserActive } from "~/models/user.server";
import { SESSION_IDLE_MS } from "~/models/user-session.server";
import { action as logoutAction } from "~/routes/logout";
import { action as usersAction } from "~/routes/users";
import { createUserSession, getUser } from "~/session.server";
import { makeRequest, run, sessionCookie } from "../helpers/requests";

// Sessions live on the server: a copied cookie is worth nothing once its session has ended.

let admin: { id: number };
const userAgain = (cookie: string) => getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));
const account = async (username: string) =>
  createUser({ username, displayName: username, role: "editor", password: "correct-horse" }, null);
const db = () => getDb();

beforeAll(async () => {
  admin = await createUser(
    { username: "office", displayName: "组织办", role: "admin", password: "correct-horse" },
    null
  );
});

describe("sessions that end", () => {
  it("a cookie saved before logging out no longer signs anyone in after it", async () => {
    const user = await account("logout-user");
    const cookie = await sessionCookie(user.id);
    expect((await userAgain(cookie))?.username).toBe("logout-user");
    const response = await run(
      logoutAction,
      new Request("http://localhost/logout", {
        method: "POST",
        headers: { Cookie: cookie, Origin: "http://localhost", Host: "localhost" },
      })
    );
    expect(response.headers.get("Set-Cookie")).toMatch(/__session=;/);
    expect(await userAgain(cookie)).toBeNull();
  });

  it("a password reset ends every session of the user", async () => {
    const user = await account("reset-user");
    const [a, b] = [await sessionCookie(user.id), await sessionCookie(user.id)];
    await resetPassword(user.id, "another-horse", null);
    expect(await userAgain(a)).toBeNull();
    expect(await userAgain(b)).toBeNull();
    const [audit] = await (
      await db()
    ).all<{ after: string }>(
      sql`SELECT after FROM audit_log WHERE entity = 'user' AND entity_id = ${user.id} ORDER BY id DESC LIMIT 1`
    );
    expect(JSON.parse(audit.after)).toEqual({ passwordReset: true, sessionsEnded: 2 });
  });

  it("deactivating ends them, and reactivating does not bring an old cookie back", async () => {
    const user = await account("paused-user");
    const cookie = await sessionCookie(user.id);
    await setUserActive(user.id, false, null);
    await setUserActive(user.id, true, null);
    expect(await userAgain(cookie)).toBeNull();
    expect((await userAgain(await sessionCookie(user.id)))?.username).toBe("paused-user");
  });

  it("ends after its lifetime, and after an idle spell, but not while in use", async () => {
    const user = await account("clock-user");
    const [old, idle, busy] = [
      await sessionCookie(user.id),
      await sessionCookie(user.id),
      await sessionCookie(user.id),
    ];
    const ids = (
      await (
        await db()
      ).all<{ id: string }>(sql`SELECT id FROM sessions WHERE user_id = ${user.id} ORDER BY created_at, rowid`)
    ).map((r) => r.id);
    expect(ids).toHaveLength(3);
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    await (await db()).run(sql`UPDATE sessions SET expires_at = ${ago(1000)} WHERE id = ${ids[0]}`);
    await (await db()).run(sql`UPDATE sessions SET last_seen_at = ${ago(SESSION_IDLE_MS + 1000)} WHERE id = ${ids[1]}`);
    await (
      await db()
    ).run(sql`UPDATE sessions SET last_seen_at = ${ago(SESSION_IDLE_MS - 60_000)} WHERE id = ${ids[2]}`);
    expect(await userAgain(old)).toBeNull();
    expect(await userAgain(idle)).toBeNull();
    // used just before the idle limit: it counts as seen now, and goes on
    expect((await userAgain(busy))?.username).toBe("clock-user");
    const [seen] = await (
      await db()
    ).all<{ lastSeen: string }>(sql`SELECT last_seen_at AS lastSeen FROM sessions WHERE id = ${ids[2]}`);
    expect(Date.now() - Date.parse(seen.lastSeen)).toBeLessThan(10_000);
  });

  it("a login always starts a new session, whatever cookie came with it", async () => {
    const user = await account("fixation-user");
    const planted = await sessionCookie(user.id);
    const response = await createUserSession(
      new Request("http://localhost/login", { headers: { Cookie: planted } }),
      user.id,
      "/"
    );
    const fresh = response.headers.get("Set-Cookie")!.split(";")[0];
    expect(fresh).not.toBe(planted);
    expect((await userAgain(fresh))?.username).toBe("fixation-user");
  });

  it("the admin signs a user out everywhere from /users", async () => {
    const user = await account("everywhere-user");
    const cookies = [await sessionCookie(user.id), await sessionCookie(user.id)];
    const response = await run(
      usersAction,
      await makeRequest("/users", { userId: admin.id, form: { intent: "signout", userId: String(user.id) } })
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, message: "users.signedOut" });
    for (const cookie of cookies) expect(await userAgain(cookie)).toBeNull();
    const [{ n }] = await (
      await db()
    ).all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM sessions WHERE user_id = ${user.id}`);
    expect(n).toBe(0);
  });
});
