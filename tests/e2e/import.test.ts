import path from "node:path";
import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type BrowserApp } from "../helpers/app";
import { browserErrors, screenshot } from "../helpers/browser";
import { ROOT } from "../helpers/paths";
import type { TestServer } from "../helpers/server";

let app: BrowserApp;
let server: TestServer;
let browser: BrowserContext;
let page: Page;
const fixture = (name: string) => path.join(ROOT, "tests/fixtures", name);
const count = async (where: ReturnType<typeof sql>) =>
  (await app.one<{ n: number }>(sql`SELECT COUNT(*) AS n FROM income_records WHERE ${where}`)).n;

beforeAll(async () => {
  app = await startApp();
  ({ server, browser, page } = app);
  await app.openAs("admin");
});

afterAll(() => app?.stop());

describe("/import, as township staff use it", () => {
  it("previews a faulty file, lists every bad row, and cannot commit it", async () => {
    await page.goto(`${server.url}/import`);
    await page.getByLabel("导入内容").selectOption("income");
    await page.getByLabel("文件").setInputFiles(fixture("income-errors.csv"));
    await page.getByRole("button", { name: "预览" }).click();
    await expect.poll(() => page.locator(".import-errors tbody tr").count()).toBe(12);
    expect(await page.locator(".import-errors tbody tr").first().textContent()).toBe("3村名找不到村“不存在村”");
    expect(await page.getByText("以下列无法识别，已忽略：经办人").count()).toBe(1);
    expect(await page.getByRole("button", { name: "确认导入" }).isDisabled()).toBe(true);
    await screenshot(page, "import-errors");
    expect(await count(sql`voucher LIKE 'ERR-%'`)).toBe(0);
  });

  it("previews a GB18030 file, then commits it in one go", async () => {
    await page.getByLabel("文件").setInputFiles(fixture("income-gb18030.csv"));
    await page.getByRole("button", { name: "预览" }).click();
    await expect
      .poll(() => page.getByTestId("import-counts").textContent())
      .toBe("共 3 行：新增 3，更新 0，已存在跳过 0，错误 0。");
    expect(await count(sql`voucher LIKE 'IMP-%'`)).toBe(0);
    await page.getByRole("button", { name: "确认导入" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 2 }).textContent()).toContain("已导入");
    expect(await count(sql`voucher LIKE 'IMP-%'`)).toBe(3);
    await screenshot(page, "import-done");
  });

  it("changes nothing when the same file comes again", async () => {
    await page.getByLabel("文件").setInputFiles(fixture("income-utf8-bom.csv"));
    await page.getByRole("button", { name: "预览" }).click();
    await expect
      .poll(() => page.getByTestId("import-counts").textContent())
      .toBe("共 3 行：新增 0，更新 0，已存在跳过 3，错误 0。");
    expect(await count(sql`voucher LIKE 'IMP-%'`)).toBe(3);
  });

  it("saw no browser error", () => {
    expect(browserErrors(browser)).toEqual([]);
  });
});
