import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, sqliteMessage } from "../../db/client";
import { auditLog, reportRows, reports, townships, villages, type IncomeCategory } from "../../db/schema";
import type { SessionUser } from "~/lib/permissions";
import { DEFAULT_RULES } from "~/lib/rules";
import { dashboardFigures } from "~/models/dashboard.server";
import { createIncome, voidIncome } from "~/models/income.server";
import {
  changesSince,
  countDifferences,
  getReport,
  latestReport,
  reportDifferences,
  reportStatus,
  reportSummary,
  unapprovedMonths,
} from "~/models/report.server";
import { changeMonth } from "~/models/closing.server";
import { setYearSettings } from "~/models/settings.server";
import { townshipIncomeSummary, villageIncomeDetail, villageIncomeSummary } from "~/models/summary.server";
import { createUser } from "~/models/user.server";
import { action as reportAction } from "~/routes/reports._index";
import { exportFromUrl } from "../helpers/params";
import { makeRequest, run } from "../helpers/requests";

// The year's rules (口径) on a ledger built by hand, checked to the fen, and reported versions:
// numbered, immutable snapshots that keep their rules, against which later figures are compared.

let editor: SessionUser;
let clerkId: number;
let viewerId: number;
const ids: Record<string, number> = {};
const recordIds: Record<string, number> = {};

const income = async (
  key: string,
  village: string,
  receivedOn: string,
  category: IncomeCategory,
  amountFen: number
) => {
  const saved = await createIncome(
    {
      villageId: ids[village],
      receivedOn,
      category,
      amountFen,
      projectId: null,
      enterpriseId: null,
      voucher: key,
      note: null,
    },
    editor
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  recordIds[key] = saved.record.id;
};

/** A province's rules: 其他收入 counted, a threshold of 60,000 and bands of its own. */
const PROVINCE_RULES = {
  weakThresholdFen: 6_000_000,
  operatingCategories: ["operating", "contracting", "investment", "other"] as IncomeCategory[],
  shellBelowFen: 4_000_000,
  richFromFen: 60_050_000,
};

beforeAll(async () => {
  const db = await getDb();
  const made = await createUser(
    { username: "reporter", displayName: "汇总员", role: "editor", password: "pass-word-1" },
    null
  );
  editor = { ...made, displayName: "汇总员", role: "editor", villageIds: [] };
  const [east, west] = await db
    .insert(townships)
    .values([
      { name: "东湖镇", code: "330100001" },
      { name: "西山乡", code: "330100002" },
    ])
    .returning();
  ids.east = east.id;
  ids.west = west.id;
  const rows = await db
    .insert(villages)
    .values([
      { townshipId: east.id, name: "湖滨村", code: "330100001201" },
      { townshipId: east.id, name: "莲塘村", code: "330100001202" },
      { townshipId: west.id, name: "山前村", code: "330100002201" },
    ])
    .returning();
  [ids.hubin, ids.liantang, ids.shanqian] = rows.map((r) => r.id);
  clerkId = (
    await createUser(
      {
        username: "hb.clerk",
        displayName: "湖滨报账员",
        role: "clerk",
        password: "clerk-pass",
        villageIds: [ids.hubin],
      },
      null
    )
  ).id;
  viewerId = (
    await createUser({ username: "leader", displayName: "县领导", role: "viewer", password: "lead-pass-1" }, null)
  ).id;
  // 湖滨村: 30,000.10 operating, 25,000.00 other, 100,000.00 subsidy
  await income("h1", "hubin", "2024-02-03", "operating", 3_000_010);
  await income("h2", "hubin", "2024-05-20", "other", 2_500_000);
  await income("h3", "hubin", "2024-06-30", "subsidy", 10_000_000);
  // 莲塘村: 80,000.00 contracting, 20,000.01 investment, 0.99 other
  await income("l1", "liantang", "2024-03-01", "contracting", 8_000_000);
  await income("l2", "liantang", "2024-12-31", "investment", 2_000_001);
  await income("l3", "liantang", "2024-07-07", "other", 99);
  // 山前村: 600,000.00 operating, 1,000.00 other; and 2023's 50,000.00
  await income("s1", "shanqian", "2024-09-09", "operating", 60_000_000);
  await income("s2", "shanqian", "2024-10-10", "other", 100_000);
  await income("s0", "shanqian", "2023-10-10", "operating", 5_000_000);
});

const byName = <R extends { villageName: string }>(rows: R[]) =>
  Object.fromEntries(rows.map((r) => [r.villageName, r]));

describe("the summary under the year's rules (口径)", () => {
  it("by default counts three categories and bands at 50,000 / 100,000 / 500,000 yuan", async () => {
    const s = byName((await villageIncomeSummary({ year: 2024 })).rows);
    expect(s["湖滨村"]).toMatchObject({
      operatingIncomeFen: 3_000_010,
      totalFen: 15_500_010,
      weak: true,
      band: "shell",
    });
    expect(s["莲塘村"]).toMatchObject({
      operatingIncomeFen: 10_000_001,
      totalFen: 10_000_100,
      weak: false,
      band: "middle",
    });
    expect(s["山前村"]).toMatchObject({ operatingIncomeFen: 60_000_000, weak: false, band: "rich", rank: 1 });
  });

  it("under a province's rules: 其他收入 counted, its own threshold and bands, to the fen", async () => {
    await setYearSettings(2024, PROVINCE_RULES, editor);
    const summary = await villageIncomeSummary({ year: 2024 });
    const s = byName(summary.rows);
    // 30,000.10 + 25,000.00 = 55,000.10: above 40,000, under 60,000
    expect(s["湖滨村"]).toMatchObject({
      operatingIncomeFen: 5_500_010,
      totalFen: 15_500_010,
      rank: 3,
      weak: true,
      band: "weak",
    });
    // 80,000.00 + 20,000.01 + 0.99 = 100,001.00
    expect(s["莲塘村"]).toMatchObject({ operatingIncomeFen: 10_000_100, rank: 2, weak: false, band: "middle" });
    // 600,000.00 + 1,000.00 = 601,000.00: from 600,500 well-off
    expect(s["山前村"]).toMatchObject({
      operatingIncomeFen: 60_100_000,
      rank: 1,
      band: "rich",
      lastYearFen: 5_000_000,
    });
    expect(summary.total).toMatchObject({
      operatingIncomeFen: 5_500_010 + 10_000_100 + 60_100_000,
      totalFen: 15_500_010 + 10_000_100 + 60_100_000,
      weakVillages: 1,
      bands: { shell: 0, weak: 1, middle: 1, rich: 1 },
    });
    const east = summary.townships.find((t) => t.townshipName === "东湖镇")!;
    expect(east).toMatchObject({ operatingIncomeFen: 15_500_110, bands: { shell: 0, weak: 1, middle: 1, rich: 0 } });
    // a province's summary by township, added up in SQL, says the same
    const byTownship = await townshipIncomeSummary(2024);
    expect(byTownship.total).toEqual(summary.total);
    expect(byTownship.townships.find((t) => t.townshipName === "东湖镇")).toMatchObject({
      operatingIncomeFen: 15_500_110,
      weakVillages: 1,
      bands: { shell: 0, weak: 1, middle: 1, rich: 0 },
    });
    // a village's page and the dashboard count the same categories
    const detail = await villageIncomeDetail(ids.shanqian, 2024);
    expect(detail.rules).toEqual(PROVINCE_RULES);
    // each year by its own rules: 2024 counts 其他收入, 2023 (no rules set) does not
    expect(detail.trend.filter((y) => y.year >= 2023).map((y) => y.operatingIncomeFen)).toEqual([
      5_000_000, 60_100_000,
    ]);
    expect((await dashboardFigures(2024)).operatingFen).toBe(75_600_110);
  });

  it("states its rules in the file, with the villages per band", async () => {
    const file = await exportFromUrl("summary", "http://x/summary.csv?year=2024", "csv", false);
    const [table, notes] = (file.body as string).slice(1).trim().split("\r\n\r\n");
    expect(table.split("\r\n")[0].endsWith(",排名,薄弱村,分档")).toBe(true);
    expect(table).toContain(
      "东湖镇,湖滨村,\t330100001201,2024,30000.10,0.00,0.00,100000.00,25000.00,155000.10,55000.10,0.00,,3,是,薄弱村"
    );
    expect(notes.split("\r\n")).toEqual([
      '"口径：经营性收入 = 经营收入 + 发包及上交收入 + 投资收益 + 其他收入；薄弱村：经营性收入低于 60,000.00 元；分档：空壳村 < 40,000.00 元 ≤ 薄弱村 < 60,000.00 元 ≤ 一般村 < 600,500.00 元 ≤ 富裕村"',
      "按分档：空壳村 0 个，薄弱村 1 个，一般村 1 个，富裕村 1 个",
    ]);
  });
});

describe("reported versions (上报)", () => {
  let first: number;

  it("refuses a clerk, a viewer and a report of no township, writing nothing", async () => {
    for (const userId of [clerkId, viewerId]) {
      const response = await run(
        reportAction,
        await makeRequest("/reports", { userId, form: { year: "2024", townshipIds: [String(ids.east)] } })
      );
      expect(response.status).toBe(403);
    }
    const none = await run(
      reportAction,
      await makeRequest("/reports", { userId: editor.id, form: { year: "2024", townshipIds: ["999999"] } })
    );
    expect(none.status).toBe(400);
    expect((await none.json()).errors).toEqual({ townshipIds: ["error.chooseTownship"] });
    expect(await (await getDb()).select().from(reports)).toEqual([]);
  });

  it("keeps a numbered snapshot of the chosen townships, its rules and who made it", async () => {
    const response = await run(
      reportAction,
      await makeRequest("/reports", {
        userId: editor.id,
        form: { year: "2024", townshipIds: [String(ids.east)], note: "报县农业农村局" },
      })
    );
    expect(response.status).toBe(302);
    first = Number(/\/reports\/(\d+)\?done=reported$/.exec(response.headers.get("Location")!)![1]);
    const report = (await getReport(first))!;
    expect(report).toMatchObject({
      year: 2024,
      number: 1,
      townshipNames: ["东湖镇"],
      villages: 2,
      totalFen: 25_500_110,
      operatingIncomeFen: 15_500_110,
      madeBy: "汇总员",
      note: "报县农业农村局",
      rules: PROVINCE_RULES,
    });
    const rows = byName((await reportSummary(report)).rows);
    expect(Object.keys(rows)).toEqual(["莲塘村", "湖滨村"]);
    expect(rows["湖滨村"]).toMatchObject({ operatingIncomeFen: 5_500_010, rank: 2, band: "weak" });
    // a province's report page adds its townships up in SQL: the same figures
    const full = await reportSummary(report);
    const byTownship = await reportSummary(report, null, { villages: false });
    expect(byTownship.rows).toEqual([]);
    expect(byTownship.townships).toEqual(full.townships);
    expect(byTownship.total).toEqual(full.total);
    expect(await countDifferences(report)).toBe(0);
    expect(await reportStatus(2024, ids.east)).toMatchObject({ number: 1, differences: 0 });
    // a township the report does not cover has no report to differ from
    expect(await reportStatus(2024, ids.west)).toBeNull();
    const audit = await (
      await getDb()
    )
      .select()
      .from(auditLog)
      .where(sql`entity = 'report'`);
    expect(audit.map((a) => [a.action, a.entityId, a.username])).toEqual([["report", first, "reporter"]]);
  });

  it("says which villages differ since, by category, and which records moved them", async () => {
    const voided = await voidIncome(recordIds.h2, 1, "重复登记", editor);
    expect(voided.ok).toBe(true);
    await income("l4", "liantang", "2024-11-11", "operating", 123_45);
    // a record of another year or township moves nothing of this report
    await income("s3", "shanqian", "2024-11-12", "operating", 1_00);
    const report = (await getReport(first))!;
    expect(await countDifferences(report)).toBe(2);
    expect(await reportStatus(2024, ids.east)).toMatchObject({ number: 1, differences: 2 });
    const diff = byName(await reportDifferences(report));
    expect(diff["湖滨村"].reported.other).toBe(2_500_000);
    expect(diff["湖滨村"].now.other).toBe(0);
    expect(diff["莲塘村"].now.operating - diff["莲塘村"].reported.operating).toBe(123_45);
    const changes = await changesSince(report);
    expect(changes.total).toBe(2);
    expect(
      changes.records.map((r) => [r.villageName, r.amountFen, r.created, Boolean(r.voidedAt), r.voidReason])
    ).toEqual([
      ["莲塘村", 123_45, true, false, null],
      ["湖滨村", 2_500_000, false, true, "重复登记"],
    ]);
    // the report itself still says what was reported
    expect(byName((await reportSummary(report)).rows)["湖滨村"].byCategory.other).toBe(2_500_000);
  });

  it("keeps its rules when the year's rules change, and its file says so with its number", async () => {
    await setYearSettings(2024, DEFAULT_RULES, editor);
    const report = (await getReport(first))!;
    expect(report.rules).toEqual(PROVINCE_RULES);
    expect(byName((await reportSummary(report)).rows)["湖滨村"]).toMatchObject({
      operatingIncomeFen: 5_500_010,
      band: "weak",
    });
    const file = await exportFromUrl("report", `http://x/?report=${first}`, "csv", false);
    const [table, notes] = (file.body as string).slice(1).trim().split("\r\n\r\n");
    expect(file.fileName).toBe("2024年村集体收入汇总（第1次上报）.csv");
    expect(table.split("\r\n")).toHaveLength(3);
    expect(table).toContain(
      ",湖滨村,\t330100001201,2024,30000.10,0.00,0.00,100000.00,25000.00,155000.10,55000.10,0.00,,2,是,薄弱村"
    );
    const lines = notes.split("\r\n");
    expect(lines[0]).toMatch(/^第 1 次上报 · \d{4}-\d{2}-\d{2} · 上报人：汇总员 · 范围：东湖镇$/);
    expect(lines[1]).toContain(
      "经营性收入 = 经营收入 + 发包及上交收入 + 投资收益 + 其他收入；薄弱村：经营性收入低于 60,000.00 元"
    );
  });

  it("numbers the next report of the year, which becomes the one to compare with", async () => {
    const response = await run(
      reportAction,
      await makeRequest("/reports", {
        userId: editor.id,
        form: { year: "2024", townshipIds: [String(ids.east), String(ids.west)] },
      })
    );
    expect(response.status).toBe(302);
    const second = (await latestReport(2024, ids.west))!;
    expect(second).toMatchObject({ number: 2, villages: 3, townshipNames: ["东湖镇", "西山乡"], rules: DEFAULT_RULES });
    expect((await latestReport(2024, ids.east))!.number).toBe(2);
    expect(await reportStatus(2024)).toMatchObject({ number: 2, differences: 0 });
    expect(await latestReport(2023)).toBeNull();
  });

  it("names the village months not approved yet, township by township", async () => {
    for (const month of [1, 2]) {
      for (const change of ["submit", "approve"] as const) {
        const done = await changeMonth(editor, { villageId: ids.hubin, year: 2024, month, change });
        expect(done).toMatchObject({ ok: true });
      }
    }
    const east = await unapprovedMonths(2024, 3, [ids.east]);
    expect(east.townships).toEqual([{ townshipId: ids.east, townshipName: "东湖镇", villages: 2, months: 4 }]);
    expect(east.villages.map((v) => [v.name, v.months])).toEqual([
      ["湖滨村", [3]],
      ["莲塘村", [1, 2, 3]],
    ]);
    expect(east.villageCount).toBe(2);
    const firstOnly = await unapprovedMonths(2024, 2, null, 1);
    expect(firstOnly.villages.map((v) => v.name)).toEqual(["莲塘村"]);
    expect(firstOnly.villageCount).toBe(2);
    expect(firstOnly.townships.map((t) => t.months)).toEqual([2, 2]);
    expect(await unapprovedMonths(2024, 0, null)).toEqual({ townships: [], villages: [], villageCount: 0 });
  });

  it("cannot be changed or deleted, even in SQL behind the app's back", async () => {
    const db = await getDb();
    const attempts = [
      sql`UPDATE reports SET total_fen = 0 WHERE id = ${first}`,
      sql`DELETE FROM reports WHERE id = ${first}`,
      sql`UPDATE report_rows SET operating = 0 WHERE report_id = ${first}`,
      sql`DELETE FROM report_rows WHERE report_id = ${first}`,
    ];
    for (const attempt of attempts) {
      const error = await db.run(attempt).then(
        () => null,
        (e: unknown) => e
      );
      expect(sqliteMessage(error)).toContain("report_immutable");
    }
    expect(
      (
        await db
          .select()
          .from(reportRows)
          .where(sql`report_id = ${first}`)
      ).length
    ).toBe(2);
    expect((await getReport(first))!.totalFen).toBe(25_500_110);
  });
});
