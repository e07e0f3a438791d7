import { mkdirSync } from "node:fs";
import path from "node:path";
import { createClient, type Client, type TransactionMode } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";

export type Db = LibSQLDatabase<typeof schema>;

export const DEFAULT_DATABASE_URL = "file:data/app.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The folder of a file: URL's database (for the session secret and backups), or data/ for a remote one. */
export function dataDir(url = databaseUrl()): string {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    return path.dirname(path.resolve(file));
  }
  return path.resolve("data");
}

export async function openDatabase(url = databaseUrl(), authToken = process.env.DATABASE_AUTH_TOKEN) {
  const isFile = url.startsWith("file:");
  // libsql does not create folders: file:data/app.db fails with SQLITE_CANTOPEN unless data/ exists
  if (isFile) mkdirSync(dataDir(url), { recursive: true });
  const client: Client = createClient({
    url,
    authToken,
    // Pragmas are per connection and the pool opens fresh ones without them. With a single
    // connection every statement and transaction uses the one we configured below; the
    // native driver is synchronous, so more connections would not run queries in parallel anyway.
    concurrency: isFile ? 1 : undefined,
    timeout: isFile ? 5 : undefined,
  });
  if (isFile) {
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA busy_timeout = 5000");
    await client.execute("PRAGMA synchronous = NORMAL");
    // 8 MB of page cache instead of 2 MB: the index pages a big import writes stay in memory
    // while it writes them (an import's rows go in village by village). 32 MB, tried before,
    // was no faster for imports or pages, and left 45 MB more with the server after a
    // 100,000-row import (SQLite's freed pages stay in malloc's heap), which every export
    // after it then carried. An export thread, which only reads page after page, opens its own
    // with less (DATABASE_CACHE_KB).
    const cacheKb = Number(process.env.DATABASE_CACHE_KB) || 8192;
    await client.execute(`PRAGMA cache_size = -${cacheKb}`);
    // libsql builds SQLite with its temporary files in memory (SQLITE_TEMP_STORE=2): a statement's
    // journal (every page an INSERT of 10,000 rows changes, kept in case it must be undone), big
    // sorts and materialized subqueries then grow malloc's heap, which does not shrink after (a
    // 100,000-receipt import: +60 MB for good). In files they live in the OS's cache instead, as
    // fast here (the same insert 3.4 s either way).
    await client.execute("PRAGMA temp_store = FILE");
  }
  await client.execute("PRAGMA foreign_keys = ON");
  const shared = isFile ? queueBehindTransactions(client) : client;
  return { client: shared, db: drizzle(shared, { schema }) };
}

/**
 * With one connection, @libsql/client rejects any statement issued while a transaction holds
 * it (TRANSACTION_ACTIVE) instead of waiting. This wrapper makes other requests wait their turn.
 */
function queueBehindTransactions(client: Client): Client {
  let last: Promise<void> = Promise.resolve();
  const lock = () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = last.then(() => release);
    last = last.then(() => held);
    return ready;
  };
  const exclusive =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      const release = await lock();
      try {
        return await fn(...args);
      } finally {
        release();
      }
    };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "execute" || prop === "batch" || prop === "executeMultiple" || prop === "migrate") {
        const method = Reflect.get(target, prop, receiver) as (...args: unknown[]) => Promise<unknown>;
        return exclusive(method.bind(target));
      }
      if (prop === "transaction") {
        return async (mode?: TransactionMode) => {
          const release = await lock();
          try {
            const tx = await target.transaction(mode);
            return new Proxy(tx, {
              get(txTarget, txProp) {
                const value = Reflect.get(txTarget, txProp, txTarget);
                if (txProp === "commit" || txProp === "rollback" || txProp === "close") {
                  return async () => {
                    try {
                      return await (value as () => unknown).call(txTarget);
                    } finally {
                      release();
                    }
                  };
                }
                return typeof value === "function" ? value.bind(txTarget) : value;
              },
            });
          } catch (error) {
            release();
            throw error;
          }
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

let opened: Promise<{ client: Client; db: Db }> | undefined;

/** The process's one client, opened on first use from DATABASE_URL. */
export function getDatabase() {
  opened ??= openDatabase();
  return opened;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** For tests and the CLI: close and forget the shared client. */
export async function closeDatabase() {
  if (!opened) return;
  const { client } = await opened;
  opened = undefined;
  client.close();
}

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** What a model function writes through: the shared database, or a transaction it is part of. */
export type DbOrTx = Db | Tx;

/** The SQLite message behind an error (drizzle wraps the driver's error as its cause). */
export function sqliteMessage(error: unknown): string {
  let current: unknown = error;
  const messages: string[] = [];
  while (current instanceof Error) {
    messages.push(current.message);
    current = current.cause;
  }
  return messages.reverse().find((m) => /SQLITE_|constraint/i.test(m)) ?? messages.join(" ← ");
}
