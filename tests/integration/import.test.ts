import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { prepareDatabase } from "../../db/setup";
import { incomeRecords, villages } from "../../db/schema";
import { importFile } from "~/models/import.server";
import { createUser } from "~/models/user.server";
import { exportFromUrl } from "../helpers/params";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, "../fixtures", name)));
let actor: { id: number; username: string };

const incomeCount = async () => {
  const db = await getDb();
  return (await db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM income_records`))[0].n;
};

beforeAll(async () => {
  await prepareDatabase(undefined, () => {});
  actor = await createUser(
    { username: "importer", displayName: "导入员", role: "editor", password: "import-pass" },
    null
  );
  const db = await getDb();
  const [town] = await db.all<{ id: number }>(sql`SELECT id FROM townships WHERE name = '白马镇'`);
  // two villages of one name, in different townships: the name alone is ambiguous
  await db.insert(villages).values([
    { townshipId: town.id, name: "重名村", code: "321204101298" },
    { townshipId: town.id, name: "重名村", code: "321204101299" },
  ]);
});

describe("importing income", () => {
  it("reads a GB18030 CSV as Excel in China saves it, previews it, then writes it", async () => {
    const before = await incomeCount();
    const preview = await importFile("income", fixture("income-gb18030.csv"), { commit: false, actor });
    expect(preview.plan).toMatchObject({ rows: 3, create: 3, skip: 0, errors: [], unknownColumns: [] });
    expect(await incomeCount()).toBe(before);
    const done = await importFile("income", fixture("income-gb18030.csv"), {
      commit: true,
      actor,
      fileName: "收入.csv",
    });
    expect(done.committed).toBe(true);
    const db = await getDb();
    const rows = await db.all<{
      village: string;
      receivedOn: string;
      category: string;
      amountFen: number;
      project: string | null;
      enterprise: string | null;
      note: string | null;
    }>(sql`
      SELECT v.name AS village, i.received_on AS receivedOn, i.category, i.amount_fen AS amountFen, p.name AS project, e.name AS enterprise, i.note
      FROM income_records i JOIN villages v ON v.id = i.village_id LEFT JOIN projects p ON p.id = i.project_id LEFT JOIN enterprises e ON e.id = i.enterprise_id
      WHERE i.voucher LIKE 'IMP-%' ORDER BY i.voucher`);
    expect(rows).toEqual([
      {
        village: "井亭村",
        receivedOn: "2024-03-05",
        category: "operating",
        amountFen: 123450,
        project: "井亭村标准厂房租赁",
        enterprise: "天祥集团",
        note: "厂房租金",
      },
      {
        village: "井亭村",
        receivedOn: "2024-03-06",
        category: "investment",
        amountFen: 200000,
        project: null,
        enterprise: "绿杨新材料有限公司",
        note: "分红，第一期",
      },
      {
        village: "凤凰村",
        receivedOn: "2024-03-07",
        category: "subsidy",
        amountFen: 30000,
        project: null,
        enterprise: null,
        note: null,
      },
    ]);
  });

  it("changes nothing when the same records come again (here as UTF-8 with a BOM)", async () => {
    const before = await incomeCount();
    const again = await importFile("income", fixture("income-utf8-bom.csv"), { commit: true, actor });
    expect(again.plan).toMatchObject({ create: 0, skip: 3, errors: [] });
    expect(again.committed).toBe(false);
    expect(await incomeCount()).toBe(before);
  });

  it("names every bad row and column in one pass, and writes nothing of the file", async () => {
    const before = await incomeCount();
    const { plan, committed } = await importFile("income", fixture("income-errors.csv"), { commit: true, actor });
    expect(committed).toBe(false);
    expect(await incomeCount()).toBe(before);
    expect(plan.unknownColumns).toEqual(["经办人"]);
    expect(plan.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, "村名", "error.import.unknownVillage"],
      [4, "金额", "error.money.positive"],
      [5, "金额", "error.money.positive"],
      [6, "金额", "error.money.decimals"],
      [7, "金额", "error.money.format"],
      [8, "日期", "error.date"],
      [9, "日期", "error.futureDate"],
      [10, "类别", "error.import.unknownCategory"],
      [11, "项目", "error.projectVillage"],
      [12, "付款企业", "error.import.unknownEnterprise"],
      [13, "凭证号", "error.import.duplicateInFile"],
      [14, "村名", "error.import.ambiguousVillage"],
    ]);
    expect(plan.create).toBe(1); // row 2 alone is fine, and still not written
  });

  it("refuses a voucher already recorded with another amount", async () => {
    const bytes = new TextEncoder().encode(
      "村名,日期,类别,金额（元）,凭证号\n井亭村,2024-03-05,经营收入,999,IMP-001\n"
    );
    const { plan } = await importFile("income", bytes, { commit: true, actor });
    expect(plan.errors).toEqual([
      { row: 2, column: "凭证号", message: "error.import.voucherConflict", params: { value: "IMP-001" } },
    ]);
  });

  it("reads XLSX date cells and numbers, with English headers", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("income");
    sheet.addRow(["code", "received_on", "category", "amount", "voucher"]);
    sheet.addRow(["321204100201", new Date(Date.UTC(2024, 7, 8)), "other", 88.8, "XLSX-1"]);
    sheet.addRow(["321204100201", 45512, "其他收入", "1,000", "XLSX-2"]); // 45512 is 2024-08-08 as an Excel serial
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { plan, committed } = await importFile("income", bytes, { commit: true, actor });
    expect(plan.errors).toEqual([]);
    expect(committed).toBe(true);
    const db = await getDb();
    const rows = await db
      .select({ v: incomeRecords.voucher, d: incomeRecords.receivedOn, a: incomeRecords.amountFen })
      .from(incomeRecords)
      .where(eq(incomeRecords.category, "other"));
    expect(rows.filter((r) => r.v?.startsWith("XLSX"))).toEqual([
      { v: "XLSX-1", d: "2024-08-08", a: 8880 },
      { v: "XLSX-2", d: "2024-08-08", a: 100000 },
    ]);
  });

  it("gives one clear error for a file that is not a table or lacks the columns", async () => {
    expect((await importFile("income", new Uint8Array([0, 1, 2, 3]), { commit: true, actor })).plan.fileError).toBe(
      "error.import.format"
    );
    expect((await importFile("income", new Uint8Array(), { commit: true, actor })).plan.fileError).toBe(
      "error.import.empty"
    );
    const noHeader = await importFile("income", new TextEncoder().encode("甲,乙,丙\n1,2,3\n"), { commit: true, actor });
    expect(noHeader.plan.fileError).toBe("error.import.missingColumns");
    expect(noHeader.plan.errors[0].column).toBe("村名、日期、类别、金额");
  });
});

describe("importing villages and enterprises", () => {
  const csv = (lines: string[]) => new TextEncoder().encode(lines.join("\n") + "\n");

  it("takes back its own export unchanged: a second import changes nothing", async () => {
    // text a spreadsheet would run as a formula goes out guarded and comes back as it was typed
    const db = await getDb();
    await db.run(sql`UPDATE villages SET notes = '=1+2', secretary = '@SUM(1)' WHERE name = '井亭村'`);
    await db.run(sql`UPDATE projects SET notes = '-2+3+cmd|'' /C calc''!A0' WHERE id = (SELECT MIN(id) FROM projects)`);
    const villagesCsv = (await exportFromUrl("villages", "http://x/villages", "csv", false)).body as string;
    expect(villagesCsv).toContain("'=1+2");
    expect(villagesCsv).not.toMatch(/(^|,)=1\+2/m);
    for (const kind of ["villages", "enterprises", "organizations", "projects"] as const) {
      for (const format of ["csv", "xlsx"] as const) {
        const file = await exportFromUrl(kind, `http://x/${kind}`, format, false);
        const bytes = typeof file.body === "string" ? new TextEncoder().encode(file.body) : file.body;
        const { plan } = await importFile(kind, bytes, { commit: true, actor });
        expect(plan.rows, `${kind}.${format}`).toBeGreaterThanOrEqual(11);
        expect(plan.errors, `${kind}.${format}`).toEqual([]);
        expect(plan.unknownColumns, `${kind}.${format}`).toEqual([]);
        expect([plan.create, plan.update, plan.skip], `${kind}.${format}`).toEqual([0, 0, plan.rows]);
      }
    }
  });

  it("creates new villages, updates changed ones, with an audit entry each", async () => {
    const db = await getDb();
    const { plan, committed } = await importFile(
      "villages",
      csv([
        "村名,所属乡镇,类型,区划代码,户数,村党组织书记",
        "柳湾村,青杨镇,村,321204100299,300,钱七",
        "井亭村,青杨镇,村,321204100201,820,周建国",
      ]),
      { commit: true, actor }
    );
    expect(plan).toMatchObject({ create: 1, update: 1, skip: 0, errors: [] });
    expect(committed).toBe(true);
    const rows = await db.all<{ name: string; households: number; version: number; population: number }>(
      sql`SELECT name, households, version, population FROM villages WHERE name IN ('柳湾村', '井亭村') ORDER BY name`
    );
    // a column the file lacks (人口) keeps what the record had
    expect(rows).toEqual([
      { name: "井亭村", households: 820, version: 2, population: 2936 },
      { name: "柳湾村", households: 300, version: 1, population: null },
    ]);
    const audits = await db.all<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'village' AND username = 'importer' ORDER BY id`
    );
    expect(audits.map((a) => a.action)).toEqual(["create", "update"]);
  });

  it("names every bad row: unknown township code, code of another township, bad credit code, duplicates", async () => {
    const before = await getDb().then((db) => db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM villages`));
    const { plan, committed } = await importFile(
      "villages",
      csv([
        "村名,所属乡镇,区划代码,集体经济组织信用代码",
        "新一村,321299999,,",
        "新二村,青杨镇,321204101288,",
        "新三村,青杨镇,,N2321204MA1234567X",
        "新四村,青杨镇,321204100277,",
        "新五村,青杨镇,321204100277,",
      ]),
      { commit: true, actor }
    );
    expect(committed).toBe(false);
    expect(plan.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, "所属乡镇", "error.import.unknownTownship"],
      [3, "区划代码", "error.divisionCode.township"],
      [4, "集体经济组织信用代码", "error.creditCode.check"],
      [6, "村名", "error.import.duplicateInFile"],
    ]);
    expect(await getDb().then((db) => db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM villages`))).toEqual(before);
  });

  it("matches enterprises by credit code and reads 是/否", async () => {
    const { plan } = await importFile(
      "enterprises",
      csv(["企业名称,统一社会信用代码,规上企业,有党组织", "新材料二厂,91110000802100433B,是,否"]),
      { commit: true, actor }
    );
    expect(plan).toMatchObject({ create: 1, errors: [] });
    const db = await getDb();
    expect(
      await db.all(sql`SELECT above_size AS a, has_party_org AS p FROM enterprises WHERE name = '新材料二厂'`)
    ).toEqual([{ a: 1, p: 0 }]);
  });
});

describe("importing joint organizations and projects", () => {
  const csv = (lines: string[]) => new TextEncoder().encode(lines.join("\n") + "\n");

  it("creates an organization from names in one cell, with its derived pattern, and a project under it", async () => {
    const org = await importFile(
      "organizations",
      csv([
        "名称,层级,成立日期,第一书记,成员村,成员企业",
        "东风新庄联合党支部,联合党支部,2024/1/15,李卫民,东风村；新庄村,宏达机械制造有限公司",
      ]),
      { commit: true, actor }
    );
    expect(org.plan).toMatchObject({ create: 1, errors: [] });
    const project = await importFile(
      "projects",
      csv([
        "项目名称,类型,状态,村,企业,联合党组织,投资额（元）",
        '东风新庄光伏车棚,新能源,签约,东风村、新庄村,宏达机械制造有限公司,东风新庄联合党支部,"1,200,000"',
      ]),
      { commit: true, actor }
    );
    expect(project.plan).toMatchObject({ create: 1, errors: [] });
    const db = await getDb();
    const [row] = await db.all<{ investment: number; villages: number; history: number }>(sql`
      SELECT p.investment_fen AS investment, (SELECT COUNT(*) FROM project_villages WHERE project_id = p.id) AS villages,
        (SELECT COUNT(*) FROM project_status_history WHERE project_id = p.id) AS history
      FROM projects p WHERE name = '东风新庄光伏车棚'`);
    expect(row).toEqual({ investment: 120_000_000, villages: 2, history: 1 });
  });

  it("names unknown members, a village outside the organization, an unknown type", async () => {
    const { plan, committed } = await importFile(
      "projects",
      csv([
        "项目名称,类型,村,企业,联合党组织",
        "甲,新能源,无此村,,",
        "乙,挖矿,东风村,,",
        "丙,新能源,东风村,无此公司,",
        "丁,新能源,井亭村,,东风新庄联合党支部",
      ]),
      { commit: true, actor }
    );
    expect(committed).toBe(false);
    expect(plan.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, "村", "error.import.unknownVillage"],
      [3, "类型", "error.choose"],
      [4, "企业", "error.import.unknownEnterprise"],
      [5, "村", "error.orgVillages"],
    ]);
  });
});

describe("income files as they come back", () => {
  it("reads the XLSX fixture with date and number cells", async () => {
    const { plan } = await importFile("income", fixture("income-dates.xlsx"), { commit: true, actor });
    expect(plan).toMatchObject({ rows: 2, create: 2, errors: [] });
    const db = await getDb();
    expect(
      await db.all(
        sql`SELECT received_on AS d, amount_fen AS a FROM income_records WHERE voucher LIKE 'XL-%' ORDER BY voucher`
      )
    ).toEqual([
      { d: "2024-09-30", a: 4_567_890 },
      { d: "2024-12-31", a: 1_200_000 },
    ]);
  });

  it("takes back its own income export, voided records included, changing nothing", async () => {
    const db = await getDb();
    // records without a voucher (matched by their content), one of them voided: the import must pass it by
    const [v] = await db.all<{ id: number }>(sql`SELECT id FROM villages WHERE name = '井亭村'`);
    await db.insert(incomeRecords).values([
      { villageId: v.id, receivedOn: "2024-04-01", category: "other", amountFen: 1234 },
      {
        villageId: v.id,
        receivedOn: "2024-04-02",
        category: "other",
        amountFen: 5678,
        voidedAt: "2024-04-03T00:00:00Z",
        voidReason: "测试",
      },
    ]);
    for (const format of ["csv", "xlsx"] as const) {
      const before = await incomeCount();
      const file = await exportFromUrl("income", "http://x/income?year=", format, false);
      const bytes = typeof file.body === "string" ? new TextEncoder().encode(file.body) : file.body;
      const { plan } = await importFile("income", bytes, { commit: true, actor });
      expect(plan.errors, format).toEqual([]);
      expect(plan.rows, format).toBe(before);
      expect([plan.create, plan.skip], format).toEqual([0, before]);
      expect(await incomeCount(), format).toBe(before);
    }
  });
});

describe("a big file", () => {
  it("is checked in slices, letting other work run while it is read (a 20 MB CSV)", async () => {
    const line =
      "井亭村,2024-03-05,经营收入,1234.56,,,BIG-{n},这一行是为了把文件撑到二十兆字节而写的备注，没有别的意思\r\n";
    const rows: string[] = ["村名,日期,类别,金额（元）,项目,付款企业,凭证号,备注\r\n"];
    let size = 0;
    for (let n = 0; size < 20 * 1024 * 1024; n++) {
      const row = line.replace("{n}", String(n));
      rows.push(row);
      size += Buffer.byteLength(row);
    }
    const bytes = new TextEncoder().encode(rows.join(""));
    expect(bytes.length).toBeGreaterThan(20 * 1024 * 1024);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const { plan } = await importFile("income", bytes, { commit: false, actor });
    clearInterval(timer);
    expect(plan.errors).toEqual([]);
    expect(plan.create).toBe(rows.length - 1);
    // other callbacks ran while the rows were checked: the event loop was not held for the whole file
    expect(ticks).toBeGreaterThan(10);
  });
});

describe("templates", () => {
  it("give every kind's headers and an example row that imports cleanly", async () => {
    const { loader } = await import("~/routes/import.template");
    const { makeRequest, run } = await import("../helpers/requests");
    for (const kind of ["villages", "enterprises", "organizations", "projects", "income"] as const) {
      for (const format of ["csv", "xlsx"] as const) {
        const response = await run(
          loader,
          await makeRequest(`/import/template?kind=${kind}&format=${format}`, { userId: actor.id })
        );
        expect(response.status).toBe(200);
        const { plan } = await importFile(kind, new Uint8Array(await response.arrayBuffer()), { commit: false, actor });
        expect(plan.errors, `${kind}.${format}`).toEqual([]);
        expect(plan.unknownColumns, `${kind}.${format}`).toEqual([]);
        expect(plan.rows, `${kind}.${format}`).toBe(1);
      }
    }
  });
});
