import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb, sqliteMessage } from "../../db/client";
import { enterprises, incomeRecords, townships, villages } from "../../db/schema";

/** The SQLite error a failed write gives, or "" when it did not fail. */
async function failure(write: PromiseLike<unknown>) {
  try {
    await write;
    return "";
  } catch (error) {
    return sqliteMessage(error);
  }
}

async function aVillage(name = "测试村") {
  const db = await getDb();
  const [t] = await db
    .insert(townships)
    .values({ name: `${name}镇` })
    .returning();
  const [v] = await db.insert(villages).values({ townshipId: t.id, name }).returning();
  return v;
}

describe("the database as the app opens it", () => {
  it("has every table of the data model, from the generated migration", async () => {
    const db = await getDb();
    const rows = await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
    const names = rows.map((r) => r.name);
    for (const table of [
      "townships",
      "villages",
      "enterprises",
      "organizations",
      "organization_villages",
      "organization_enterprises",
      "activities",
      "projects",
      "project_villages",
      "project_enterprises",
      "project_status_history",
      "income_records",
      "users",
      "user_villages",
      "audit_log",
      "year_settings",
    ]) {
      expect(names).toContain(table);
    }
  });

  it("runs with foreign keys on, WAL and a busy timeout", async () => {
    const { client } = await getDatabase();
    expect((await client.execute("PRAGMA foreign_keys")).rows[0][0]).toBe(1);
    expect((await client.execute("PRAGMA journal_mode")).rows[0][0]).toBe("wal");
    expect((await client.execute("PRAGMA busy_timeout")).rows[0][0]).toBe(5000);
  });

  it("enforces foreign keys on a write issued while a transaction is open", async () => {
    const db = await getDb();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const open = db.transaction(async (tx) => {
      await tx.insert(townships).values({ name: "并发镇" });
      await gate;
    });
    const orphan = failure(db.insert(villages).values({ townshipId: 99998, name: "并发孤儿村" }));
    release();
    await open;
    expect(await orphan).toMatch(/FOREIGN KEY/);
  });

  it("still enforces foreign keys after a transaction", async () => {
    const db = await getDb();
    await db.transaction(async (tx) => {
      await tx.insert(townships).values({ name: "事务镇" });
    });
    expect(await failure(db.insert(villages).values({ townshipId: 99999, name: "孤儿村" }))).toMatch(/FOREIGN KEY/);
    const [{ n }] = await db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM villages WHERE name = '孤儿村'`);
    expect(n).toBe(0);
  });

  it("lets a query wait for an open transaction instead of failing", async () => {
    const db = await getDb();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = db.transaction(async (tx) => {
      await tx.insert(townships).values({ name: "慢镇" });
      await gate;
    });
    const meanwhile = db.select().from(townships).where(eq(townships.name, "慢镇"));
    release();
    await slow;
    // the read waited its turn and sees the committed row
    expect(await meanwhile).toHaveLength(1);
  });

  it("rolls a failed transaction back whole", async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(townships).values({ name: "回滚镇" });
        throw new Error("stop");
      })
    ).rejects.toThrow("stop");
    expect(await db.select().from(townships).where(eq(townships.name, "回滚镇"))).toHaveLength(0);
  });

  it("keeps credit codes and division codes unique", async () => {
    const db = await getDb();
    await db.insert(enterprises).values({ name: "甲公司", creditCode: "91110000802100433B" });
    expect(await failure(db.insert(enterprises).values({ name: "乙公司", creditCode: "91110000802100433B" }))).toMatch(
      /UNIQUE/
    );
    const v = await aVillage("代码村");
    await db.update(villages).set({ code: "321204100299" }).where(eq(villages.id, v.id));
    expect(
      await failure(db.insert(villages).values({ townshipId: v.townshipId, name: "重码村", code: "321204100299" }))
    ).toMatch(/UNIQUE/);
  });

  it("keeps a voucher number unique per village, not across villages", async () => {
    const db = await getDb();
    const a = await aVillage("凭证甲村");
    const b = await aVillage("凭证乙村");
    const row = { receivedOn: "2024-03-05", category: "operating" as const, amountFen: 100 };
    await db.insert(incomeRecords).values({ ...row, villageId: a.id, voucher: "2024-001" });
    await db.insert(incomeRecords).values({ ...row, villageId: b.id, voucher: "2024-001" });
    expect(await failure(db.insert(incomeRecords).values({ ...row, villageId: a.id, voucher: "2024-001" }))).toMatch(
      /UNIQUE/
    );
    // records without a voucher never collide
    await db.insert(incomeRecords).values({ ...row, villageId: a.id });
    await db.insert(incomeRecords).values({ ...row, villageId: a.id });
  });

  it("starts every editable record at version 1", async () => {
    const v = await aVillage("版本村");
    expect(v.version).toBe(1);
  });
});
