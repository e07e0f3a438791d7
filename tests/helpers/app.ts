import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { openDatabase, type Db } from "../../db/client";
import type { Role } from "../../db/enums";
import { prepareDatabase } from "../../db/setup";
import { hashPassword } from "~/lib/password.server";
import { launchBrowser, loginAs } from "./browser";
import { freshDatabaseFile, loginCookie, startServer, type TestServer } from "./server";

// The browser tests' one harness: the built server on the demo township with an account per
// role, Debian's Chromium, and the server's own database file to check what a page wrote.

/** One account per role; the clerk keeps 井亭村's books. */
export const ACCOUNTS: Record<Role, { username: string; password: string; name: string }> = {
  admin: { username: "admin", password: "demo-admin-2024", name: "系统管理员" },
  editor: { username: "editor", password: "editor-pass", name: "镇录入员" },
  clerk: { username: "jingting", password: "clerk-pass", name: "井亭村报账员" },
  viewer: { username: "viewer", password: "viewer-pass", name: "县领导" },
};

/** A fresh file holding the demo township, the accounts above and whatever `prepare` adds. */
async function demoDatabase(prepare?: (db: Db) => Promise<void>) {
  const databaseFile = freshDatabaseFile();
  const { db, client } = await openDatabase(`file:${databaseFile}`);
  process.env.ADMIN_PASSWORD = ACCOUNTS.admin.password;
  await prepareDatabase(db, () => {});
  for (const [role, { username, password, name }] of Object.entries(ACCOUNTS)) {
    if (role === "admin") continue;
    await db.run(sql`INSERT INTO users (username, display_name, role, password_hash)
      VALUES (${username}, ${name}, ${role}, ${await hashPassword(password)})`);
  }
  await db.run(sql`INSERT INTO user_villages (user_id, village_id) SELECT u.id, v.id FROM users u, villages v
    WHERE u.username = ${ACCOUNTS.clerk.username} AND v.name = '井亭村'`);
  await prepare?.(db);
  client.close();
  return databaseFile;
}

export type App = {
  server: TestServer;
  url: string;
  /** what the database says, read from the server's own file */
  query: <T>(q: ReturnType<typeof sql>) => Promise<T[]>;
  one: <T>(q: ReturnType<typeof sql>) => Promise<T>;
  /** a session cookie of the role's account, for requests without a browser */
  cookie: (role: Role) => Promise<string>;
  stop: () => Promise<void>;
};

export type BrowserApp = App & {
  browser: BrowserContext;
  page: Page;
  /** signs the page in as the role's account (out of any other first) */
  openAs: (role: Role) => Promise<Page>;
};

export async function startApp(options: { prepare?: (db: Db) => Promise<void>; browser: false }): Promise<App>;
export async function startApp(options?: { prepare?: (db: Db) => Promise<void>; browser?: true }): Promise<BrowserApp>;
export async function startApp({
  prepare,
  browser: withBrowser = true,
}: { prepare?: (db: Db) => Promise<void>; browser?: boolean } = {}): Promise<App | BrowserApp> {
  const server = await startServer({ databaseFile: await demoDatabase(prepare) });
  const query = async <T>(q: ReturnType<typeof sql>) => {
    const { db, client } = await openDatabase(`file:${server.databaseFile}`);
    try {
      return await db.all<T>(q);
    } finally {
      client.close();
    }
  };
  const app: App = {
    server,
    url: server.url,
    query,
    one: async <T>(q: ReturnType<typeof sql>) => (await query<T>(q))[0],
    cookie: (role) => loginCookie(server.url, ACCOUNTS[role].username, ACCOUNTS[role].password),
    stop: () => server.stop(),
  };
  if (!withBrowser) return app;
  const browser = await launchBrowser();
  const page = await browser.newPage();
  return {
    ...app,
    browser,
    page,
    openAs: async (role) => {
      await browser.clearCookies();
      await loginAs(page, server.url, ACCOUNTS[role].username, ACCOUNTS[role].password);
      return page;
    },
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
}
