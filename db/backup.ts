import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { dataDir, databaseUrl } from "./client";

// A consistent copy of the embedded database while the app runs: VACUUM INTO reads one snapshot
// (WAL lets the server go on writing meanwhile) and writes a compact, self-contained file. The
// copy is then opened on its own and checked.

export type BackupResult =
  | { ok: true; file: string; bytes: number; counts: Record<string, number> }
  | { ok: false; error: string };

const COUNTED = ["townships", "villages", "enterprises", "organizations", "projects", "income_records", "users"];

/** backups/app-20261126-0712.db beside the database */
function defaultFile(url: string) {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return path.join(dataDir(url), "backups", `app-${stamp}.db`);
}

export async function backupDatabase(out?: string, url = databaseUrl()): Promise<BackupResult> {
  if (!url.startsWith("file:")) return { ok: false, error: "backup.remote" };
  const file = path.resolve(out ?? defaultFile(url));
  if (existsSync(file)) return { ok: false, error: "backup.exists" };
  mkdirSync(path.dirname(file), { recursive: true });
  const source = createClient({ url });
  try {
    await source.execute("PRAGMA busy_timeout = 5000");
    await source.execute({ sql: "VACUUM INTO ?", args: [file] });
  } finally {
    source.close();
  }
  const copy = createClient({ url: `file:${file}` });
  try {
    const [check] = (await copy.execute("PRAGMA integrity_check")).rows;
    if (String(check[0]) !== "ok") return { ok: false, error: "backup.damaged" };
    const counts: Record<string, number> = {};
    for (const table of COUNTED)
      counts[table] = Number((await copy.execute(`SELECT COUNT(*) FROM "${table}"`)).rows[0][0]);
    return { ok: true, file, bytes: statSync(file).size, counts };
  } finally {
    copy.close();
  }
}
