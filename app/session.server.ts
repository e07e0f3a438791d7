import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createSessionStorage, redirect } from "@remix-run/node";
import { dataDir } from "../db/client";
import { forbidden, safeRedirect } from "./lib/http";
import type { SessionUser } from "./lib/permissions";
import { createSession, endSession, SESSION_LIFETIME_MS, sessionUser } from "./models/user-session.server";

/** SESSION_SECRET, or one generated once and kept beside the database so sessions survive restarts. */
function sessionSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const dir = dataDir();
  const file = path.join(dir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

// The cookie carries only a signed session id; the session itself is a row on the server
// (models/user-session.server.ts), so logging out, a password reset or a deactivation ends it for
// every copy of the cookie, and it ends by itself after its lifetime or an idle spell.
// the session's data is its user as read with it (one query); only the user id is ever written
const storage = createSessionStorage<{ userId: number; user: SessionUser }>({
  cookie: {
    name: "__session",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    // Served over plain HTTP on township intranets; set COOKIE_SECURE=1 behind HTTPS.
    secure: process.env.COOKIE_SECURE === "1",
    secrets: [sessionSecret()],
    maxAge: Math.round(SESSION_LIFETIME_MS / 1000),
  },
  createData: async (data) => createSession(Number(data.userId)),
  readData: async (id) => {
    const user = await sessionUser(id);
    return user && { userId: user.id, user };
  },
  // a session's user never changes: a new login makes a new session
  updateData: async () => {},
  deleteData: endSession,
});

export async function createUserSession(_request: Request, userId: number, redirectTo: string) {
  // always a new session (and id): an id someone planted before the login is worth nothing after it
  const session = await storage.getSession();
  session.set("userId", userId);
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await storage.commitSession(session) } });
}

/** Ends the request's session on the server and clears the cookie. */
export async function destroySession(request: Request) {
  return storage.destroySession(await storage.getSession(request.headers.get("Cookie")));
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  return session.get("user") ?? null;
}

/**
 * Refuses a state-changing request sent from another site's page. Browsers send Origin with
 * every POST; Sec-Fetch-Site covers the rare client that leaves Origin out.
 */
export function assertSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("Origin");
  const host = request.headers.get("Host") ?? new URL(request.url).host;
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = "";
    }
    if (originHost !== host) forbidden("errorPage.crossOrigin");
    return;
  }
  if (request.headers.get("Sec-Fetch-Site") === "cross-site") {
    forbidden("errorPage.crossOrigin");
  }
}

/** The signed-in user, or a redirect to /login that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  assertSameOrigin(request);
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}
