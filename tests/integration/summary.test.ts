import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { incomeRecords, townships, villages, yearSettings } from "../../db/schema";
import { formatChange } from "~/lib/money";
import {
  latestIncomeYear,
  villageIncomeDetail,
  villageIncomeSummary,
} from "~/models/summary.server";

// A small ledger built here, and every column of the summary checked for every village.

const V: Record<string, number> = {};
const yuan = (n: number) => Math.round(n * 100);

beforeAll(async () => {
  const db = await getDb();
  const [east, west] = await db
    .insert(townships)
    .values([
      { name: "东镇", code: "100000001" },
      { name: "西镇", code: "100000002" },
    ])
    .returning();
  const rows = await db
    .insert(villages)
    .values([
      { townshipId: east.id, name: "甲村", code: "100000001201" },
      { townshipId: east.id, name: "乙村", code: "100000001202" },
      { townshipId: west.id, name: "丙村", code: "100000002201" },
      { townshipId: west.id, name: "丁村", code: "100000002202" },
      { townshipId: west.id, name: "空村", code: "100000002203" },
    ])
    .returning();
  for (const v of rows) V[v.name] = v.id;
  const r = (
    village: string,
    receivedOn: string,
    category: (typeof incomeRecords.$inferInsert)["category"],
    amount: number,
    extra = {}
  ) => ({
    villageId: V[village],
    receivedOn,
    category,
    amountFen: yuan(amount),
    ...extra,
  });
  await db.insert(incomeRecords).values([
    // 甲村: every category, 2024; and 2023 for 同比
    r("甲村", "2024-01-01", "operating", 60000),
    r("甲村", "2024-06-15", "contracting", 30000.5),
    r("甲村", "2024-12-31", "investment", 20000),
    r("甲村", "2024-03-01", "subsidy", 50000),
    r("甲村", "2024-09-09", "other", 1234.56),
    r("甲村", "2023-12-31", "operating", 100000),
    // a voided record: counts nowhere
    r("甲村", "2024-07-01", "operating", 999999, { voidedAt: "2024-07-02T00:00:00Z", voidReason: "重复录入" }),
    // 乙村 ties with 丙村 on operating income (110,000.50 each), below 甲村
    r("乙村", "2024-02-02", "operating", 110000.5),
    r("乙村", "2023-05-05", "subsidy", 50000),
    r("丙村", "2024-04-04", "investment", 10000.5),
    r("丙村", "2024-04-05", "contracting", 100000),
    // 丁村: only subsidies (not operating income) → weak, and the year after does not count
    r("丁村", "2024-08-08", "subsidy", 300000),
    r("丁村", "2025-01-01", "operating", 500000),
    r("丁村", "2023-01-01", "operating", 0.01),
  ]);
});

describe("villageIncomeSummary", () => {
  it("computes every column for every village, in rank order", async () => {
    const s = await villageIncomeSummary({ year: 2024 });
    const view = s.rows.map((row) => ({
      village: row.villageName,
      township: row.townshipName,
      code: row.villageCode,
      ...row.byCategory,
      total: row.totalFen,
      operatingIncome: row.operatingIncomeFen,
      lastYear: row.lastYearFen,
      change: formatChange(row.change),
      rank: row.rank,
      weak: row.weak,
    }));
    expect(view).toEqual([
      {
        village: "甲村",
        township: "东镇",
        code: "100000001201",
        operating: 6_000_000,
        contracting: 3_000_050,
        investment: 2_000_000,
        subsidy: 5_000_000,
        other: 123_456,
        total: 16_123_506,
        operatingIncome: 11_000_050,
        lastYear: 10_000_000,
        change: "61.2%",
        rank: 1,
        weak: false,
      },
      {
        village: "乙村",
        township: "东镇",
        code: "100000001202",
        operating: 11_000_050,
        contracting: 0,
        investment: 0,
        subsidy: 0,
        other: 0,
        total: 11_000_050,
        operatingIncome: 11_000_050,
        lastYear: 5_000_000,
        change: "120.0%",
        rank: 1,
        weak: false,
      },
      {
        village: "丙村",
        township: "西镇",
        code: "100000002201",
        operating: 0,
        contracting: 10_000_000,
        investment: 1_000_050,
        subsidy: 0,
        other: 0,
        total: 11_000_050,
        operatingIncome: 11_000_050,
        lastYear: 0,
        change: "",
        rank: 1,
        weak: false,
      },
      {
        village: "丁村",
        township: "西镇",
        code: "100000002202",
        operating: 0,
        contracting: 0,
        investment: 0,
        subsidy: 30_000_000,
        other: 0,
        total: 30_000_000,
        operatingIncome: 0,
        lastYear: 1,
        change: "2999999900.0%",
        rank: 4,
        weak: true,
      },
      {
        village: "空村",
        township: "西镇",
        code: "100000002203",
        operating: 0,
        contracting: 0,
        investment: 0,
        subsidy: 0,
        other: 0,
        total: 0,
        operatingIncome: 0,
        lastYear: 0,
        change: "",
        rank: 4,
        weak: true,
      },
    ]);
  });

  it("adds township subtotals and a grand total from the same rows", async () => {
    const s = await villageIncomeSummary({ year: 2024 });
    expect(
      s.townships.map((t) => [t.townshipName, t.totalFen, t.operatingIncomeFen, t.villages, t.weakVillages])
    ).toEqual([
      ["东镇", 27_123_556, 22_000_100, 2, 0],
      ["西镇", 41_000_050, 11_000_050, 3, 2],
    ]);
    expect(s.total).toMatchObject({
      totalFen: 68_123_606,
      operatingIncomeFen: 33_000_150,
      lastYearFen: 15_000_001,
      villages: 5,
      weakVillages: 2,
    });
    expect(s.total.byCategory.subsidy).toBe(35_000_000);
  });

  it("flags villages against that year's threshold, at the boundary too", async () => {
    const db = await getDb();
    // exactly 110,000.50 yuan: not under the threshold, so not weak
    await db.insert(yearSettings).values({ year: 2024, weakThresholdFen: 11_000_050 });
    let s = await villageIncomeSummary({ year: 2024 });
    expect(s.thresholdFen).toBe(11_000_050);
    expect(s.rows.filter((r) => r.weak).map((r) => r.villageName)).toEqual(["丁村", "空村"]);
    await db.update(yearSettings).set({ weakThresholdFen: 11_000_051 });
    s = await villageIncomeSummary({ year: 2024 });
    expect(
      s.rows
        .filter((r) => r.weak)
        .map((r) => r.villageName)
        .sort()
    ).toEqual(["丁村", "丙村", "乙村", "甲村", "空村"].sort());
    await db.delete(yearSettings);
  });

  it("filters by township and ranks within it", async () => {
    const s = await villageIncomeSummary({
      year: 2024,
      townshipId: (await villageIncomeSummary({ year: 2024 })).townships[1].townshipId,
    });
    expect(s.rows.map((r) => [r.villageName, r.rank])).toEqual([
      ["丙村", 1],
      ["丁村", 2],
      ["空村", 2],
    ]);
  });

  it("sorts by any column", async () => {
    const s = await villageIncomeSummary({ year: 2024, sort: "total", dir: "desc" });
    expect(s.rows.map((r) => r.villageName)).toEqual(["丁村", "甲村", "乙村", "丙村", "空村"]);
  });

  it("keeps 31 December and 1 January in their own years", async () => {
    const y2025 = await villageIncomeSummary({ year: 2025 });
    expect(y2025.rows.find((r) => r.villageName === "丁村")).toMatchObject({
      totalFen: 50_000_000,
      lastYearFen: 30_000_000,
    });
    const y2023 = await villageIncomeSummary({ year: 2023 });
    expect(y2023.rows.find((r) => r.villageName === "甲村")).toMatchObject({ totalFen: 10_000_000 });
    expect(await latestIncomeYear()).toBe(2025);
  });
});

describe("villageIncomeDetail", () => {
  it("breaks one village's year down by month and category, with a five-year trend", async () => {
    const d = await villageIncomeDetail(V["甲村"], 2024);
    expect(d.byMonth.filter((m) => m.totalFen).map((m) => [m.month, m.totalFen])).toEqual([
      [1, 6_000_000],
      [3, 5_000_000],
      [6, 3_000_050],
      [9, 123_456],
      [12, 2_000_000],
    ]);
    expect(d.byCategory.find((c) => c.category === "operating")).toEqual({
      category: "operating",
      totalFen: 6_000_000,
      records: 1,
    });
    expect(d.trend).toEqual([
      { year: 2020, totalFen: 0, operatingIncomeFen: 0 },
      { year: 2021, totalFen: 0, operatingIncomeFen: 0 },
      { year: 2022, totalFen: 0, operatingIncomeFen: 0 },
      { year: 2023, totalFen: 10_000_000, operatingIncomeFen: 10_000_000 },
      { year: 2024, totalFen: 16_123_506, operatingIncomeFen: 11_000_050 },
    ]);
    expect(d.byProject).toEqual([{ projectId: null, name: null, totalFen: 16_123_506 }]);
  });
});
