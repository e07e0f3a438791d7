import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { prepareDatabase } from "../../db/setup";
import { todayIso } from "~/lib/dates";
import { createIncome } from "~/models/income.server";
import { ROOT, TMP } from "../helpers/paths";

// npm run backup while the ledger is being written: the copy is one consistent moment, holds every
// record committed before it started, and opens as the app's database again.

const dir = mkdtempSync(path.join(TMP, "backup-"));
let villageId: number;

function backup(out: string) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "build/cli.js"), "backup", "--out", out], {
      cwd: ROOT,
      env: { ...process.env },
    });
    let text = "";
    child.stdout.on("data", (c) => (text += c));
    child.stderr.on("data", (c) => (text += c));
    child.on("exit", (code) => resolve({ code, out: text }));
  });
}

beforeAll(async () => {
  await prepareDatabase(undefined, () => {});
  const [v] = await (await getDb()).all<{ id: number }>(sql`SELECT id FROM villages WHERE name = '井亭村'`);
  villageId = v.id;
});

describe("npm run backup", () => {
  it("copies a consistent moment while income is being recorded, and the copy opens as the app's database", async () => {
    const committed: number[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 5000; i++) {
        const saved = await createIncome(
          {
            villageId,
            receivedOn: todayIso(),
            category: "operating",
            amountFen: 100 + i,
            projectId: null,
            enterpriseId: null,
            voucher: `BK-${i}`,
            note: null,
          },
          null
        );
        if (!saved.ok) throw new Error("write refused");
        committed.push(saved.record.id);
        await new Promise((r) => setImmediate(r));
      }
    })();
    while (committed.length < 30) await new Promise((r) => setTimeout(r, 5));
    const before = [...committed];
    const file = path.join(dir, "copy.db");
    const result = await backup(file);
    writing = false;
    await writer;
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain("完整性检查通过");
    expect(result.out).toContain("恢复方法");

    // restore: the copy in a database's place, opened and migrated as at a start
    const restored = path.join(dir, "restored.db");
    copyFileSync(file, restored);
    const { db, client } = await openDatabase(`file:${restored}`);
    try {
      await migrateDatabase(db);
      const [{ integrity_check }] = await db.all<{ integrity_check: string }>(sql`PRAGMA integrity_check`);
      expect(integrity_check).toBe("ok");
      const ids = new Set(
        (await db.all<{ id: number }>(sql`SELECT id FROM income_records WHERE voucher LIKE 'BK-%'`)).map((r) => r.id)
      );
      expect(before.every((id) => ids.has(id))).toBe(true);
      // one moment: what the copy holds is a prefix of what was committed, and its sums agree with it
      expect([...ids].sort((a, b) => a - b)).toEqual(committed.slice(0, ids.size));
      const [kept] = await db.all<{ ledger: number; kept: number }>(sql`
        SELECT (SELECT SUM(amount_fen) FROM income_records WHERE voided_at IS NULL) AS ledger,
               (SELECT SUM(total_fen) FROM village_year_income) AS kept`);
      expect(kept.kept).toBe(kept.ledger);
    } finally {
      client.close();
    }
    expect(committed.length).toBeGreaterThan(before.length);
  });

  it("never overwrites a file, and says so with exit code 1", async () => {
    const file = path.join(dir, "copy.db");
    expect(existsSync(file)).toBe(true);
    const r = spawnSync(process.execPath, [path.join(ROOT, "build/cli.js"), "backup", "--out", file], {
      cwd: ROOT,
      env: { ...process.env },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("备份文件已存在");
  });
});
