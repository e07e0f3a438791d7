import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { incomeRecords, organizations, projects, townships, villages, yearSettings } from "../../db/schema";
import { dashboardFigures, WEAK_SHOWN } from "~/models/dashboard.server";

let rich: number;
let poor: number;
let empty: number;

beforeAll(async () => {
  const db = await getDb();
  const [t] = await db.insert(townships).values({ name: "测试镇" }).returning();
  [rich, poor, empty] = (
    await db
      .insert(villages)
      .values([
        { townshipId: t.id, name: "富村" },
        { townshipId: t.id, name: "穷村" },
        { townshipId: t.id, name: "空村" },
      ])
      .returning()
  ).map((v) => v.id);
  const base = { voucher: null };
  await db.insert(incomeRecords).values([
    { ...base, villageId: rich, receivedOn: "2024-06-15", category: "operating", amountFen: 15_000_000 },
    { ...base, villageId: rich, receivedOn: "2024-12-31", category: "investment", amountFen: 5_000_000 },
    { ...base, villageId: rich, receivedOn: "2024-03-01", category: "subsidy", amountFen: 2_000_000 },
    // voided: drops out of every sum
    {
      ...base,
      villageId: rich,
      receivedOn: "2024-07-01",
      category: "operating",
      amountFen: 99_900_000,
      voidedAt: "2024-07-02T00:00:00Z",
      voidReason: "录错",
    },
    { ...base, villageId: poor, receivedOn: "2024-05-05", category: "contracting", amountFen: 3_000_000 },
    { ...base, villageId: poor, receivedOn: "2024-05-06", category: "subsidy", amountFen: 9_000_000 },
    // last year, and the year after: not this year's
    { ...base, villageId: rich, receivedOn: "2023-12-31", category: "operating", amountFen: 10_000_000 },
    { ...base, villageId: poor, receivedOn: "2025-01-01", category: "operating", amountFen: 50_000_000 },
  ]);
  await db.insert(projects).values([
    { name: "甲", type: "tourism", status: "operating" },
    { name: "乙", type: "farming", status: "operating" },
    { name: "丙", type: "other", status: "negotiating" },
  ]);
  await db
    .insert(organizations)
    .values([{ name: "联合党支部一" }, { name: "联合党支部二", dissolvedOn: "2024-01-01" }]);
});

describe("dashboardFigures", () => {
  it("sums the year's non-voided income, and its operating part", async () => {
    const d = await dashboardFigures(2024);
    expect(d.totalFen).toBe(15_000_000 + 5_000_000 + 2_000_000 + 3_000_000 + 9_000_000);
    expect(d.operatingFen).toBe(15_000_000 + 5_000_000 + 3_000_000);
    expect(d.records).toBe(5);
    expect(d.lastYearFen).toBe(10_000_000);
  });

  it("flags every village under the threshold as weak, including one with no income", async () => {
    const d = await dashboardFigures(2024);
    expect(d.thresholdFen).toBe(10_000_000);
    expect(d.weakVillages.map((v) => v.id)).toEqual([empty, poor]);
    const db = await getDb();
    await db.insert(yearSettings).values({ year: 2024, weakThresholdFen: 25_000_000 });
    expect((await dashboardFigures(2024)).weakVillages.map((v) => v.id)).toEqual([empty, poor, rich]);
    expect((await dashboardFigures(2024)).weakCount).toBe(3);
  });

  it("ranks the top villages by total and counts projects by status", async () => {
    const d = await dashboardFigures(2024);
    expect(d.topVillages.map((v) => [v.id, v.totalFen])).toEqual([
      [rich, 22_000_000],
      [poor, 12_000_000],
      [empty, 0],
    ]);
    expect(d.projectsByStatus).toEqual([
      { status: "negotiating", count: 1 },
      { status: "signed", count: 0 },
      { status: "building", count: 0 },
      { status: "operating", count: 2 },
      { status: "ended", count: 0 },
    ]);
    expect(d).toMatchObject({ villages: 3, organizations: 2, activeOrganizations: 1, projects: 3 });
  });

  it("names the 30 weakest villages and counts them all", async () => {
    const db = await getDb();
    const [{ townshipId }] = await db.all<{ townshipId: number }>(sql`SELECT township_id AS townshipId FROM villages LIMIT 1`);
    const names = Array.from({ length: 40 }, (_, i) => `(${townshipId}, '无收入村${String(i).padStart(2, "0")}')`);
    await db.run(sql.raw(`INSERT INTO villages (township_id, name) VALUES ${names.join(",")}`));
    const d = await dashboardFigures(2024);
    expect(d.weakCount).toBe(43);
    expect(d.weakVillages).toHaveLength(WEAK_SHOWN);
    // weakest first: the villages with nothing, by name
    expect(d.weakVillages[0].operatingFen).toBe(0);
  });
});
