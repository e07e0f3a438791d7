import path from "node:path";
import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type BrowserApp } from "../helpers/app";
import { browserErrors, screenshot, accessibilityViolations } from "../helpers/browser";
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
    // the audit log names the file and its counts
    await page.goto(`${server.url}/audit?entity=income`);
    await expect.poll(() => page.getByText("导入文件 income-gb18030.csv：新增 3，更新 0，跳过 0").count()).toBe(1);
    await page.goto(`${server.url}/import`);
  });

  it("changes nothing when the same file comes again", async () => {
    await page.getByLabel("文件").setInputFiles(fixture("income-utf8-bom.csv"));
    await page.getByRole("button", { name: "预览" }).click();
    await expect
      .poll(() => page.getByTestId("import-counts").textContent())
      .toBe("共 3 行：新增 0，更新 0，已存在跳过 3，错误 0。");
    expect(await count(sql`voucher LIKE 'IMP-%'`)).toBe(3);
  });

  it("lists the townships a villages file brings, and creates them with the villages", async () => {
    const file = {
      name: "县村庄.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "\ufeff村名,所属乡镇,区划代码\r\n湖滨村,东湖镇,330100001201\r\n莲塘村,东湖镇,330100001202\r\n山前村,西山乡,330100002201\r\n"
      ),
    };
    await page.getByLabel("导入内容").selectOption({ label: "村庄" });
    await page.getByLabel("文件").setInputFiles(file);
    await page.getByRole("button", { name: "预览" }).click();
    await expect
      .poll(() => page.getByTestId("import-new-townships").textContent())
      .toBe("将新建乡镇：东湖镇（330100001）、西山乡（330100002）");
    await screenshot(page, "import-new-townships");
    expect(await app.query(sql`SELECT id FROM townships WHERE name IN ('东湖镇', '西山乡')`)).toEqual([]);
    await page.getByLabel("文件").setInputFiles(file);
    await page.getByRole("button", { name: "确认导入" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 2 }).textContent()).toContain("已导入");
    expect(
      await app.query(sql`SELECT t.name AS township, COUNT(v.id) AS villages FROM townships t
        JOIN villages v ON v.township_id = t.id WHERE t.name IN ('东湖镇', '西山乡') GROUP BY t.name ORDER BY t.code`)
    ).toEqual([
      { township: "东湖镇", villages: 2 },
      { township: "西山乡", villages: 1 },
    ]);
  });

  it("saw no browser error", async () => {
    expect(browserErrors(browser)).toEqual([]);
    // and axe-core found nothing wrong on any page it showed, of any impact
    expect(await accessibilityViolations(browser)).toEqual([]);
  });
});
