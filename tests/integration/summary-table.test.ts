import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { incomeRecords, INCOME_CATEGORIES, townships, villages } from "../../db/schema";
import { createIncome, voidIncome } from "~/models/income.server";
import { importFile } from "~/models/import.server";
import { villageIncomeDetail, villageIncomeSummary } from "~/models/summary.server";
import { createUser } from "~/models/user.server";

// village_year_income is kept by triggers in the transaction of every income write. Whatever
// happens to the ledger — form entries, voids, imports, direct edits and deletes, a rolled-back
// transaction — it must equal a fresh GROUP BY over the ledger.

type Sums = { villageId: number; year: number; records: number; totalFen: number } & Record<string, number>;
const CATEGORY_SUMS = INCOME_CATEGORIES.map(
  (c) => `SUM(CASE WHEN category = '${c}' THEN amount_fen ELSE 0 END) AS ${c}`
).join(", ");

async function fromLedger() {
  const db = await getDb();
  return db.all<Sums>(
    sql.raw(`SELECT village_id AS villageId, CAST(substr(received_on, 1, 4) AS INTEGER) AS year, ${CATEGORY_SUMS},
      SUM(amount_fen) AS totalFen, COUNT(*) AS records
    FROM income_records WHERE voided_at IS NULL GROUP BY villageId, year ORDER BY year, villageId`)
  );
}

async function fromTable() {
  const db = await getDb();
  const rows = await db.all<Sums>(
    sql.raw(`SELECT village_id AS villageId, year, ${INCOME_CATEGORIES.join(", ")}, total_fen AS totalFen, records
    FROM village_year_income ORDER BY year, village_id`)
  );
  // a village-year whose records were all voided stays as a row of zeros
  for (const r of rows.filter((r) => r.records === 0)) {
    expect([r.totalFen, ...INCOME_CATEGORIES.map((c) => r[c])]).toEqual([0, 0, 0, 0, 0, 0]);
  }
  return rows.filter((r) => r.records !== 0);
}

/** village_month_income and village_enterprise_income (one village's page) against the ledger. */
async function detailInStep() {
  const db = await getDb();
  const [months, monthsLedger, payers, payersLedger] = await Promise.all([
    db.all(sql`SELECT village_id, year, month, category, project_id, total_fen, records FROM village_month_income
      WHERE records <> 0 ORDER BY 1, 2, 3, 4, 5`),
    db.all(sql`SELECT village_id, CAST(substr(received_on, 1, 4) AS INTEGER) AS year, CAST(substr(received_on, 6, 2) AS INTEGER) AS month,
        category, coalesce(project_id, 0) AS project_id, SUM(amount_fen) AS total_fen, COUNT(*) AS records
      FROM income_records WHERE voided_at IS NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`),
    db.all(sql`SELECT village_id, year, enterprise_id, total_fen, records FROM village_enterprise_income
      WHERE records <> 0 ORDER BY 1, 2, 3`),
    db.all(sql`SELECT village_id, CAST(substr(received_on, 1, 4) AS INTEGER) AS year, coalesce(enterprise_id, 0) AS enterprise_id,
        SUM(amount_fen) AS total_fen, COUNT(*) AS records
      FROM income_records WHERE voided_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
  ]);
  expect(months).toEqual(monthsLedger);
  expect(payers).toEqual(payersLedger);
  // rows whose records were all voided or moved stay at zero
  const [stale] = await db.all<{ n: number }>(sql`SELECT
    (SELECT COUNT(*) FROM village_month_income WHERE records = 0 AND total_fen <> 0) +
    (SELECT COUNT(*) FROM village_enterprise_income WHERE records = 0 AND total_fen <> 0) AS n`);
  expect(stale.n).toBe(0);
}

const expectInStep = async () => {
  expect(await fromTable()).toEqual(await fromLedger());
  await detailInStep();
};

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    // the high bits: an LCG's low bits repeat with a short period
    return Math.floor((s / 2 ** 31) * n);
  };
}

let actor: { id: number; username: string };
const villageIds: number[] = [];
const villageCodes: string[] = [];

beforeAll(async () => {
  const db = await getDb();
  actor = await createUser(
    { username: "keeper", displayName: "录入员", role: "editor", password: "keeper-pass" },
    null
  );
  const [t] = await db.insert(townships).values({ name: "镇", code: "320100001" }).returning();
  for (let i = 0; i < 6; i++) {
    const code = `3201000010${String(i + 10)}`;
    const [v] = await db
      .insert(villages)
      .values({ townshipId: t.id, name: `村${i}`, code })
      .returning();
    villageIds.push(v.id);
    villageCodes.push(code);
  }
});

describe("village_year_income equals a fresh GROUP BY over the ledger", () => {
  it("after form entries and voids, over several years", async () => {
    const pick = random(7);
    const created: { id: number; version: number }[] = [];
    for (let i = 0; i < 120; i++) {
      const result = await createIncome(
        {
          villageId: villageIds[pick(villageIds.length)],
          receivedOn: `${2021 + pick(4)}-${String(1 + pick(12)).padStart(2, "0")}-${String(1 + pick(28)).padStart(
            2,
            "0"
          )}`,
          category: INCOME_CATEGORIES[pick(5)],
          amountFen: 1 + pick(1_000_000),
          projectId: null,
          enterpriseId: null,
          voucher: null,
          note: null,
        },
        actor
      );
      if (!result.ok) throw new Error(JSON.stringify(result));
      created.push(result.record);
      if (i % 7 === 3) {
        const victim = created[pick(created.length)];
        const [row] = await (await getDb()).select().from(incomeRecords).where(eq(incomeRecords.id, victim.id));
        if (!row.voidedAt) expect((await voidIncome(row.id, row.version, "录错了", actor)).ok).toBe(true);
      }
    }
    expect((await fromLedger()).length).toBeGreaterThan(15);
    await expectInStep();
  });

  it("after an import, and an import refused as a whole", async () => {
    const rows = villageCodes.map((code, i) => `${code},2023-0${i + 1}-15,投资收益,${(i + 1) * 111}.11,IMP-${i}`);
    const csv = (lines: string[]) =>
      new TextEncoder().encode(["区划代码,日期,类别,金额（元）,凭证号", ...lines].join("\r\n"));
    expect((await importFile("income", csv(rows), { commit: true, actor })).committed).toBe(true);
    await expectInStep();
    // the import adds its rows to the sums grouped, and leaves the triggers to every other write
    const marker = await (await getDb()).all(sql`SELECT id FROM income_bulk_write`);
    expect(marker).toEqual([]);
    const before = await fromTable();
    const refused = await importFile(
      "income",
      csv([`${villageCodes[0]},2023-05-05,经营收入,10.00,NEW-1`, "999,x,y,z,w"]),
      {
        commit: true,
        actor,
      }
    );
    expect(refused.committed).toBe(false);
    expect(await fromTable()).toEqual(before);
  });

  it("after direct edits that move records between villages, years and categories, and deletes", async () => {
    const db = await getDb();
    const pick = random(11);
    const ids = (await db.select({ id: incomeRecords.id }).from(incomeRecords)).map((r) => r.id);
    const [payer] = await db.all<{ id: number }>(
      sql`INSERT INTO enterprises (name) VALUES ('改过的付款企业') RETURNING id`
    );
    const [project] = await db.all<{ id: number }>(
      sql`INSERT INTO projects (name, type) VALUES ('改过的项目', 'other') RETURNING id`
    );
    for (let i = 0; i < 60; i++) {
      const id = ids[pick(ids.length)];
      const change = pick(8);
      if (change === 0)
        await db
          .update(incomeRecords)
          .set({ amountFen: 1 + pick(50_000) })
          .where(eq(incomeRecords.id, id));
      if (change === 1)
        await db
          .update(incomeRecords)
          .set({ category: INCOME_CATEGORIES[pick(5)] })
          .where(eq(incomeRecords.id, id));
      if (change === 2)
        await db
          .update(incomeRecords)
          .set({ receivedOn: `${2020 + pick(5)}-12-31` })
          .where(eq(incomeRecords.id, id));
      if (change === 3)
        await db
          .update(incomeRecords)
          .set({ villageId: villageIds[pick(villageIds.length)] })
          .where(eq(incomeRecords.id, id));
      // un-voiding (only ever done by hand in the database) puts the record back in the sums
      if (change === 4) await db.update(incomeRecords).set({ voidedAt: null }).where(eq(incomeRecords.id, id));
      if (change === 5) await db.delete(incomeRecords).where(eq(incomeRecords.id, id));
      // moving a record to another paying enterprise or project, or to none
      if (change === 6)
        await db
          .update(incomeRecords)
          .set({ enterpriseId: pick(2) ? payer.id : null })
          .where(eq(incomeRecords.id, id));
      if (change === 7)
        await db
          .update(incomeRecords)
          .set({ projectId: pick(2) ? project.id : null })
          .where(eq(incomeRecords.id, id));
    }
    // a record entered already voided counts nowhere
    await db.insert(incomeRecords).values({
      villageId: villageIds[0],
      receivedOn: "2022-02-02",
      category: "other",
      amountFen: 999,
      voidedAt: "2022-02-03T00:00:00Z",
    });
    await expectInStep();
  });

  it("after a transaction that rolled back", async () => {
    const db = await getDb();
    const before = await fromTable();
    await expect(
      db.transaction(async (tx) => {
        await tx
          .insert(incomeRecords)
          .values({ villageId: villageIds[1], receivedOn: "2024-04-04", category: "operating", amountFen: 5 });
        throw new Error("abandoned");
      })
    ).rejects.toThrow("abandoned");
    expect(await fromTable()).toEqual(before);
    await expectInStep();
  });

  it("the migrations' fill statements rebuild the tables from the ledger", async () => {
    const db = await getDb();
    const statements = (file: string) =>
      readFileSync(path.resolve("db/migrations", file), "utf8").split("--> statement-breakpoint");
    const [fillYears] = statements("0002_village_year_income_triggers.sql").slice(-1);
    const [fillMonths, fillPayers] = statements("0005_village_detail_income.sql").slice(-2);
    expect(fillYears).toContain("INSERT INTO village_year_income");
    expect(fillMonths).toContain("INSERT INTO village_month_income");
    expect(fillPayers).toContain("INSERT INTO village_enterprise_income");
    await db.run(sql`DELETE FROM village_year_income`);
    await db.run(sql`DELETE FROM village_month_income`);
    await db.run(sql`DELETE FROM village_enterprise_income`);
    for (const fill of [fillYears, fillMonths, fillPayers]) await db.run(sql.raw(fill));
    await expectInStep();
  });

  it("the summary and one village's page show the ledger's sums", async () => {
    const ledger = await fromLedger();
    const summary = await villageIncomeSummary({ year: 2023 });
    for (const row of summary.rows) {
      const expected = ledger.find((r) => r.villageId === row.villageId && r.year === 2023);
      const last = ledger.find((r) => r.villageId === row.villageId && r.year === 2022);
      expect(row.totalFen).toBe(expected?.totalFen ?? 0);
      expect(row.byCategory.subsidy).toBe(expected?.subsidy ?? 0);
      expect(row.operatingIncomeFen).toBe(
        (expected?.operating ?? 0) + (expected?.contracting ?? 0) + (expected?.investment ?? 0)
      );
      expect(row.lastYearFen).toBe(last?.totalFen ?? 0);
    }
    const village = villageIds[2];
    const detail = await villageIncomeDetail(village, 2023);
    const ofVillage = (y: number) => ledger.find((r) => r.villageId === village && r.year === y);
    expect(detail.byMonth.reduce((n, m) => n + m.totalFen, 0)).toBe(ofVillage(2023)?.totalFen ?? 0);
    expect(detail.byCategory.reduce((n, c) => n + c.records, 0)).toBe(ofVillage(2023)?.records ?? 0);
    expect(detail.trend.map((t) => t.totalFen)).toEqual(
      [2019, 2020, 2021, 2022, 2023].map((y) => ofVillage(y)?.totalFen ?? 0)
    );
  });

  it("one village's page names its 20 largest paying enterprises and sums the rest in one line", async () => {
    const db = await getDb();
    const names = Array.from({ length: 25 }, (_, i) => `('付款企业${i}')`);
    const ids = (
      await db.all<{ id: number }>(sql.raw(`INSERT INTO enterprises (name) VALUES ${names.join(",")} RETURNING id`))
    ).map((r) => r.id);
    const village = villageIds[5];
    // enterprise i pays (i + 1) × 1,000 fen; one record has no enterprise
    const rows = ids.map((id, i) => `(${village}, '2025-03-03', 'other', ${(i + 1) * 1000}, ${id})`);
    rows.push(`(${village}, '2025-03-04', 'other', 777, NULL)`);
    await db.run(
      sql.raw(
        `INSERT INTO income_records (village_id, received_on, category, amount_fen, enterprise_id) VALUES ${rows.join(
          ","
        )}`
      )
    );
    const detail = await villageIncomeDetail(village, 2025);
    const named = detail.byEnterprise.filter((e) => e.enterpriseId !== null);
    expect(named.map((e) => e.totalFen)).toEqual(Array.from({ length: 20 }, (_, i) => (25 - i) * 1000));
    expect(named[0].name).toBe("付款企业24");
    expect(detail.byEnterprise.find((e) => e.enterpriseId === null)?.totalFen).toBe(777);
    // the five smallest: 1,000 + … + 5,000 fen
    expect(detail.otherEnterprises).toEqual({ count: 5, totalFen: 15000 });
    expect(detail.otherProjects).toBeNull();
  });

  it("one village's page adds up a year of more than 20,000 records the same way", async () => {
    const db = await getDb();
    const village = villageIds[4];
    // 25,000 records over 2022 in four categories
    await db.run(sql`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000)
      INSERT INTO income_records (village_id, received_on, category, amount_fen)
      SELECT ${village}, printf('2022-%02d-%02d', 1 + i % 12, 1 + i % 28),
        CASE i % 4 WHEN 0 THEN 'operating' WHEN 1 THEN 'subsidy' WHEN 2 THEN 'other' ELSE 'investment' END, i
      FROM n`);
    const detail = await villageIncomeDetail(village, 2022);
    const [ledger] = await db.all<{ totalFen: number; records: number; march: number; subsidy: number }>(sql`
      SELECT SUM(amount_fen) AS totalFen, COUNT(*) AS records,
        SUM(CASE WHEN substr(received_on, 6, 2) = '03' THEN amount_fen ELSE 0 END) AS march,
        SUM(CASE WHEN category = 'subsidy' THEN amount_fen ELSE 0 END) AS subsidy
      FROM income_records WHERE village_id = ${village} AND received_on LIKE '2022-%' AND voided_at IS NULL`);
    expect(ledger.records).toBeGreaterThan(20_000);
    expect(detail.byMonth.reduce((n, m) => n + m.totalFen, 0)).toBe(ledger.totalFen);
    expect(detail.byMonth[2].totalFen).toBe(ledger.march);
    expect(detail.byCategory.reduce((n, c) => n + c.records, 0)).toBe(ledger.records);
    expect(detail.byCategory.find((c) => c.category === "subsidy")?.totalFen).toBe(ledger.subsidy);
    expect(detail.byProject.reduce((n, p) => n + p.totalFen, 0)).toBe(ledger.totalFen);
    await expectInStep();
  });
});
