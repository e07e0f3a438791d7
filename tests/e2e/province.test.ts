import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentYear } from "~/lib/dates";
import { startApp, type BrowserApp } from "../helpers/app";
import { browserErrors, screenshot, accessibilityViolations } from "../helpers/browser";

// More villages than a page lists (twelve townships of a hundred villages beside the demo
// township) and more income than an export reads at once: the print goes by township, and a
// streamed export, downloaded in the browser, imports back unchanged.

let app: BrowserApp;
let page: Page;
const year = currentYear() - 1;
const TOWNSHIPS = 12;
const VILLAGES_EACH = 100;

beforeAll(async () => {
  app = await startApp({
    prepare: async (db) => {
      await db.run(sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${TOWNSHIPS})
        INSERT INTO townships (name, code) SELECT '测试' || i || '镇', printf('3300001%02d', i) FROM n`);
      await db.run(sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${VILLAGES_EACH})
        INSERT INTO villages (township_id, name, code)
        SELECT t.id, t.name || '第' || n.i || '村', t.code || printf('%03d', n.i) FROM townships t, n
        WHERE t.name LIKE '测试%'`);
      // three records a village in the year: 3,600, past two export pages of 2,000
      await db.run(sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3)
        INSERT INTO income_records (village_id, received_on, category, amount_fen, voucher)
        SELECT v.id, printf('%d-%02d-%02d', ${year}, n.i * 3, (v.id % 27) + 1), 'operating', 10000 + v.id * 7 + n.i,
          'P-' || v.id || '-' || n.i FROM villages v JOIN townships t ON t.id = v.township_id, n
        WHERE t.name LIKE '测试%'`);
    },
  });
  page = app.page;
  await app.openAs("admin");
});

afterAll(() => app?.stop());

const incomeCount = () =>
  app.one<{ n: number }>(sql`SELECT COUNT(*) AS n FROM income_records WHERE received_on LIKE ${`${year}-%`}`);

describe("the print of a province", () => {
  it("prints the townships' subtotals, and says so in its header", async () => {
    const { villages } = await app.one<{ villages: number }>(sql`SELECT COUNT(*) AS villages FROM villages`);
    const { townships } = await app.one<{ townships: number }>(sql`SELECT COUNT(*) AS townships FROM townships`);
    await page.goto(`${app.url}/summary/print?year=${year}`);
    expect(await page.getByTestId("print-scope").textContent()).toBe(
      `范围：全部 ${townships} 个乡镇（${villages.toLocaleString()} 个村），按乡镇汇总；各乡镇的村分别打印`
    );
    expect(await page.locator("tr.subtotal").count()).toBe(townships);
    // each township with its number of villages, and a link to its own print
    expect(
      await page
        .getByRole("row", { name: /测试3镇 小计/ })
        .locator("td")
        .first()
        .textContent()
    ).toBe(`测试3镇 小计 ${VILLAGES_EACH} 个村`);
    expect(await page.locator("tbody tr:not(.subtotal)").count()).toBe(0);
    await screenshot(page, "summary-print-province");
    const pdf = await page.pdf({ preferCSSPageSize: true });
    for (const box of pdf.toString("latin1").match(/MediaBox \[[^\]]*\]/g)!)
      expect(box).toMatch(/MediaBox \[0 0 841\.\d+ 59[45]\.\d+\]/);
  });

  it("prints one township's villages on their own, named in the header", async () => {
    await page.getByRole("link", { name: /测试3镇/ }).click();
    await page.waitForURL(/township=\d+/);
    await expect.poll(() => page.getByTestId("print-scope").textContent()).toBe("范围：测试3镇");
    expect(await page.locator("tbody tr:not(.subtotal)").count()).toBe(VILLAGES_EACH);
    const sum = await app.one<{ fen: number }>(sql`SELECT SUM(i.amount_fen) AS fen FROM income_records i
      JOIN villages v ON v.id = i.village_id JOIN townships t ON t.id = v.township_id
      WHERE t.name = '测试3镇' AND i.received_on LIKE ${`${year}-%`}`);
    const subtotal = await page.locator("tr.subtotal").first().locator("td").nth(6).textContent();
    expect(subtotal?.replace(/,/g, "")).toBe((sum.fen / 100).toFixed(2));
    expect(browserErrors(app.browser)).toEqual([]);
    expect(await accessibilityViolations(app.browser)).toEqual([]);
  });
});

describe("a streamed export", () => {
  const download = async (link: string) => {
    await page.goto(`${app.url}/income?year=${year}`);
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
    return { path: (await file.path())!, name: file.suggestedFilename() };
  };

  const importBack = async (file: { path: string; name: string }) => {
    await page.goto(`${app.url}/import`);
    await page.getByLabel("导入内容").selectOption("income");
    await page.getByLabel("文件").setInputFiles({ name: file.name, mimeType: "", buffer: readFileSync(file.path) });
    await page.getByRole("button", { name: "预览" }).click();
    return page.getByTestId("import-counts");
  };

  for (const [format, link] of [
    ["CSV", "导出 CSV"],
    ["XLSX", "导出 Excel"],
  ] as const) {
    it(`as ${format}: every record of the year, and it imports back unchanged`, async () => {
      const { n } = await incomeCount();
      expect(n).toBeGreaterThan(2000 * 1.5);
      const file = await download(link);
      if (format === "CSV") {
        const lines = readFileSync(file.path, "utf8").trim().split("\r\n");
        expect(lines.length).toBe(n + 1);
      }
      const counts = await importBack(file);
      await expect
        .poll(() => counts.textContent(), { timeout: 30_000 })
        .toBe(`共 ${n} 行：新增 0，更新 0，已存在跳过 ${n}，错误 0。`);
      expect((await incomeCount()).n).toBe(n);
    });
  }
});
