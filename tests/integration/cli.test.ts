import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { prepareDatabase } from "../../db/setup";
import { currentYear } from "~/lib/dates";
import { exportFromUrl } from "../helpers/params";
import { ROOT, TMP } from "../helpers/paths";

// The command line, as an administrator runs it: build/cli.js (npm test builds it first).

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "build/cli.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
const fixture = (name: string) => path.join(ROOT, "tests/fixtures", name);
const count = async () =>
  (
    await (await getDb()).all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM income_records WHERE voucher LIKE 'IMP-%'`)
  )[0].n;

beforeAll(async () => {
  await prepareDatabase(undefined, () => {});
});

describe("npm run import", () => {
  it("prints what a dry run would create, and writes nothing", async () => {
    const r = cli("import", "income", fixture("income-gb18030.csv"), "--dry-run");
    expect(r.code).toBe(0);
    expect(r.out).toContain("共 3 行：新增 3，更新 0，已存在跳过 0，错误 0。");
    expect(await count()).toBe(0);
  });

  it("writes the file, and a second run changes nothing", async () => {
    expect(cli("import", "income", fixture("income-gb18030.csv")).code).toBe(0);
    expect(await count()).toBe(3);
    const again = cli("import", "income", fixture("income-utf8-bom.csv"));
    expect(again.out).toContain("新增 0，更新 0，已存在跳过 3");
    expect(await count()).toBe(3);
  });

  it("exits 1 naming every bad row, having written nothing", async () => {
    const before = (await (await getDb()).all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM income_records`))[0].n;
    const r = cli("import", "income", fixture("income-errors.csv"));
    expect(r.code).toBe(1);
    for (const row of [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]) expect(r.err).toContain(`第 ${row} 行`);
    expect(r.err).not.toContain("第 2 行 [");
    expect((await (await getDb()).all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM income_records`))[0].n).toBe(before);
  });

  it("gives the web page's clear errors, with exit code 1, for a file cut short, too big or too long", async () => {
    const dir = mkdtempSync(path.join(TMP, "cli-limits-"));
    const whole = readFileSync(fixture("income-dates.xlsx"));
    const cut = path.join(dir, "cut.xlsx");
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const malformed = cli("import", "income", cut);
    expect([malformed.code, malformed.err.trim()]).toEqual([
      1,
      "无法识别的文件：请上传 CSV 或 XLSX（Excel 2007 及以上）文件。",
    ]);

    const big = path.join(dir, "big.csv");
    writeFileSync(big, Buffer.alloc(26 * 1024 * 1024, "a"));
    const tooBig = cli("import", "income", big);
    expect([tooBig.code, tooBig.err.trim()]).toEqual([1, "文件超过 25 MB，请拆分后分批导入"]);

    const long = path.join(dir, "long.csv");
    writeFileSync(
      long,
      [
        "村名,日期,类别,金额（元）",
        ...Array.from({ length: 60 }, (_, i) => `井亭村,2024-01-01,经营收入,${i + 1}`),
      ].join("\n")
    );
    const tooLong = spawnSync(process.execPath, [path.join(ROOT, "build/cli.js"), "import", "income", long], {
      cwd: ROOT,
      env: { ...process.env, IMPORT_MAX_ROWS: "50" },
      encoding: "utf8",
    });
    expect([tooLong.status, tooLong.stderr.trim()]).toEqual([1, "文件超过 50 行，请拆分后分批导入"]);
  });

  it("answers a wrong call with its usage", () => {
    const r = cli("import", "roads", "x.csv");
    expect(r.code).toBe(2);
    expect(r.err).toContain("npm run import --");
  });
});

describe("npm run export", () => {
  it("writes exactly the file the web page gives", async () => {
    const year = currentYear();
    const out = path.join(mkdtempSync(path.join(TMP, "export-")), "summary.csv");
    const r = cli("export", "summary", "--year", String(year), "--format", "csv", "--out", out);
    expect(r.code).toBe(0);
    const web = await exportFromUrl("summary", `http://x/summary.csv?year=${year}`, "csv", false);
    expect(readFileSync(out, "utf8")).toBe(web.body);
    expect(readFileSync(out, "utf8").split("\r\n")[0]).toBe(
      "\uFEFF乡镇,村名,区划代码,年度,经营收入,发包及上交收入,投资收益,补助收入,其他收入,合计,经营性收入,上年合计,同比,排名,薄弱村,分档"
    );
  });

  it("exports 应收款 by village, the overdue only, as the web page does", async () => {
    const out = path.join(mkdtempSync(path.join(TMP, "export-")), "receivables.csv");
    const r = cli("export", "receivables", "--by", "village", "--overdue", "--out", out);
    expect(r.code).toBe(0);
    const web = await exportFromUrl("receivables", "http://x/receivables.csv?by=village&overdue=1", "csv", false);
    const file = readFileSync(out, "utf8");
    expect(file).toBe(web.body);
    expect(file.split("\r\n")[0]).toMatch(/^\uFEFF收款村,/);
    // the demo's company behind on its rent owes two villages
    expect(file).toContain("东风村");
  });

  it("refuses an option it does not know, or one without its value, rather than ignore it", () => {
    for (const args of [
      ["export", "villages", "--yeer", "2024"],
      ["export", "villages", "--out"],
      ["export", "receivables", "--by", "township"],
      ["export", "summary", "--by", "village"],
      ["export", "projects", "--overdue"],
      ["import", "income", "x.csv", "--dryrun"],
    ]) {
      const r = cli(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toContain("npm run export --");
    }
    expect(cli("export", "villages", "--yeer", "2024").err).toContain("--yeer");
  });

  it("writes XLSX to standard output without --out", () => {
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, "build/cli.js"), "export", "villages", "--format", "xlsx"],
      { cwd: ROOT, env: process.env }
    );
    expect(result.status).toBe(0);
    expect(result.stdout.subarray(0, 2).toString()).toBe("PK");
  });
});
