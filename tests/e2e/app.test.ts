import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentYear } from "~/lib/dates";
import { formatFen } from "~/lib/money";
import { startApp, type BrowserApp } from "../helpers/app";
import { browserErrors, loginAs, pick, screenshot, accessibilityViolations } from "../helpers/browser";
import type { TestServer } from "../helpers/server";

let app: BrowserApp;
let server: TestServer;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  ({ server, browser, page } = app);
});

afterAll(() => app?.stop());

describe("a new user on a fresh start", () => {
  it("is sent to the login page, and a wrong password says so without saying which part", async () => {
    await page.goto(server.url);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
    await screenshot(page, "login");
    await page.getByLabel("用户名").fill("admin");
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("用户名或密码不正确");
    expect(await page.getByText("每分钟最多尝试 5 次").count()).toBe(1);
  });

  it("logs in as the admin and sees this year's demo figures on the dashboard", async () => {
    await app.openAs("admin");
    const year = currentYear();
    const [expected] = await app.query<{ total: number; villages: number; orgs: number }>(sql`
      SELECT
        (SELECT SUM(amount_fen) FROM income_records WHERE received_on LIKE ${`${year}-%`} AND voided_at IS NULL) AS total,
        (SELECT COUNT(*) FROM villages) AS villages,
        (SELECT COUNT(*) FROM organizations) AS orgs`);
    expect(expected.total).toBeGreaterThan(55_000_000);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`${year} 年概况`);
    expect(await page.getByTestId("stat-income").textContent()).toContain(formatFen(expected.total));
    expect(await page.getByTestId("stat-organizations").textContent()).toContain(String(expected.orgs));
    expect(expected.orgs).toBe(11);
    expect(await page.getByTestId("stat-villages").textContent()).toContain(String(expected.villages));
    // 井亭村 earns the most: 550,000 yuan from its two companies plus subsidies
    const top = page.locator("section", { has: page.getByRole("heading", { name: "收入前五的村" }) });
    expect(await top.getByRole("row").first().textContent()).toContain("井亭村");
    // last year is offered, next year (nothing yet) is not
    const years = page.getByRole("navigation", { name: "year" });
    expect(await years.getByRole("link").allTextContents()).toEqual([`‹ ${year - 1}`]);
    await screenshot(page, "dashboard");
  });

  it("finds 井亭村 in the village list and opens it", async () => {
    await page.getByRole("navigation", { name: "菜单" }).getByRole("link", { name: "村庄" }).click();
    await page.waitForURL(/\/villages$/);
    await page.getByRole("columnheader", { name: "区划代码" }).waitFor();
    const row = page.getByRole("row", { name: /井亭村/ });
    expect(await row.textContent()).toContain("321204100201");
    await screenshot(page, "villages");
    await row.getByRole("link", { name: "井亭村" }).click();
    await page.waitForURL(/\/villages\/\d+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^井亭村/);
    expect(await page.locator(".facts").textContent()).toContain("周建国");
  });

  it("searches the village list", async () => {
    await page.goto(`${server.url}/villages`);
    await page.getByRole("searchbox").fill("凤凰");
    await page.getByRole("button", { name: "筛选" }).click();
    await page.waitForURL(/q=/);
    // the address changes before the list does
    await expect.poll(() => page.locator("tbody tr td:first-child").allTextContents()).toEqual(["凤凰村"]);
  });

  it("reaches every area from the navigation without a missing page", async () => {
    const labels = [
      "首页",
      "村庄",
      "企业",
      "联合党组织",
      "项目",
      "收入",
      "汇总",
      "报送",
      "应收",
      "地图",
      "导入",
      "日志",
      "用户",
      "设置",
    ];
    const nav = page.getByRole("navigation", { name: "菜单" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(labels);
    for (const label of labels) {
      await nav.getByRole("link", { name: label, exact: true }).click();
      await page.waitForLoadState("networkidle");
      if (await page.locator(".error-page").count()) {
        await screenshot(page, `broken-${label}`);
        console.error(browserErrors(browser));
      }
      expect(await page.locator(".error-page").count(), label).toBe(0);
      expect(await page.getByRole("heading", { level: 1 }).count(), label).toBe(1);
    }
    await screenshot(page, "settings-placeholder");
  });

  it("shows the users page with the admin account", async () => {
    await page.goto(`${server.url}/users`);
    expect(await page.getByRole("row", { name: /admin/ }).count()).toBeGreaterThan(0);
    await screenshot(page, "users");
  });

  it("sets a year's rules (口径) in /settings, refusing bounds out of order next to their field", async () => {
    const year = new Date().getFullYear() - 4;
    await page.goto(`${server.url}/settings?year=${year}`);
    await expect.poll(() => page.getByLabel("年度").inputValue()).toBe(String(year));
    await page.getByLabel("其他收入").check();
    await page.getByLabel("薄弱村：低于（元）").fill("120,000");
    await page.getByLabel("富裕村：不低于（元）").fill("110000");
    await page.getByRole("button", { name: "保存" }).click();
    await expect
      .poll(() => page.locator(".field.has-error .error-list").allTextContents())
      .toEqual(["富裕村的下限应高于薄弱村标准"]);
    await screenshot(page, "settings-error");
    await page.getByLabel("富裕村：不低于（元）").fill("800000");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(new RegExp(`/settings\\?year=${year}&done=saved$`));
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("已保存。");
    // the form shows the year as saved
    await expect.poll(() => page.getByLabel("富裕村：不低于（元）").inputValue()).toBe("800000.00");
    expect(await page.getByLabel("其他收入").isChecked()).toBe(true);
    const row = page.getByRole("row", { name: new RegExp(`^${year}`) });
    await expect
      .poll(() => row.locator("td").allTextContents())
      .toEqual([
        String(year),
        "经营收入 + 发包及上交收入 + 投资收益 + 其他收入",
        "50,000.00",
        "120,000.00",
        "800,000.00",
        "10",
        `修改 ${year} 年`,
      ]);
    await screenshot(page, "settings");
    // the summary of that year states the rules it used
    await page.goto(`${server.url}/summary?year=${year}`);
    await expect
      .poll(() => page.getByTestId("rules").textContent())
      .toBe(
        "口径：经营性收入 = 经营收入 + 发包及上交收入 + 投资收益 + 其他收入；薄弱村：经营性收入低于 120,000.00 元；分档：空壳村 < 50,000.00 元 ≤ 薄弱村 < 120,000.00 元 ≤ 一般村 < 800,000.00 元 ≤ 富裕村"
      );
    const [{ villages }] = await app.query<{ villages: number }>(sql`SELECT COUNT(*) AS villages FROM villages`);
    const counts = (await page.getByTestId("band-counts").locator(".band").allTextContents()).map((c) =>
      Number(/(\d+) 个/.exec(c)![1])
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(villages);
  });

  it("shows in the audit log which user name a failed login tried", async () => {
    await page.goto(`${server.url}/audit?entity=session`);
    await expect.poll(() => page.getByText("尝试的用户名：admin").count()).toBeGreaterThan(0);
  });

  it("creates a user in the browser and shows field errors in Chinese first", async () => {
    await page.goto(`${server.url}/users`);
    const form = page.locator("section", { has: page.getByRole("heading", { name: "新建用户" }) });
    await form.getByLabel("用户名").fill("zhang.san");
    await form.getByLabel("姓名").fill("张三");
    await form.getByLabel("密码").fill("short");
    await form.getByRole("button", { name: "新建用户" }).click();
    await expect.poll(() => form.getByText("密码至少 8 位").count()).toBe(1);
    expect(await form.getByLabel("用户名").inputValue()).toBe("zhang.san");
    await form.getByLabel("密码").fill("zhangsan-2024");
    await form.getByRole("button", { name: "新建用户" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("已创建用户 zhang.san");
    const [row] = await app.query<{ role: string }>(sql`SELECT role FROM users WHERE username = 'zhang.san'`);
    expect(row.role).toBe("viewer");
  });

  it("makes that user 井亭村's clerk, refusing it first without a village", async () => {
    await page.getByRole("link", { name: "编辑 zhang.san" }).click();
    const edit = page.locator("#edit-user");
    await edit.waitFor();
    await edit.getByLabel("角色", { exact: true }).selectOption({ label: "村级报账员" });
    await edit.getByRole("button", { name: "保存角色与负责村" }).click();
    await expect.poll(() => edit.getByText("村级报账员至少要负责一个村").count()).toBe(1);
    await pick(edit, "添加负责村", "井亭村");
    await edit.getByRole("button", { name: "保存角色与负责村" }).click();
    await expect.poll(() => edit.getByRole("status").textContent()).toContain("已保存");
    await screenshot(page, "users-edit");
    await expect.poll(() => page.getByRole("row", { name: /zhang\.san/ }).textContent()).toContain("井亭村");
    const rows = await app.query<{ role: string; village: string }>(sql`
      SELECT u.role, v.name AS village FROM users u JOIN user_villages uv ON uv.user_id = u.id JOIN villages v ON v.id = uv.village_id
      WHERE u.username = 'zhang.san'`);
    expect(rows).toEqual([{ role: "clerk", village: "井亭村" }]);
  });

  it("switches to English and keeps it", async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Villages" }).count())
      .toBe(1);
    await page.reload();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(/at a glance/);
    await screenshot(page, "dashboard-en");
  });

  it("lays English out as well as Chinese at 1366 px: no bar over its name, every summary column in sight", async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.url}/`);
    const rows = await page.locator(".status-bars li").evaluateAll((items) =>
      items.map((li) => {
        const name = li.querySelector(".status-name")!;
        return {
          name: name.textContent,
          // the name's text ends before its bar begins
          clear:
            name.getBoundingClientRect().left + (name as HTMLElement).scrollWidth <=
            li.querySelector(".bar")!.getBoundingClientRect().left,
        };
      })
    );
    expect(rows.map((r) => r.name)).toContain("Negotiating");
    expect(rows.filter((r) => !r.clear)).toEqual([]);
    await page.goto(`${server.url}/summary`);
    const hidden = await page
      .locator(".table-wrap")
      .first()
      .evaluate((w) => w.scrollWidth - w.clientWidth);
    expect(hidden).toBeLessThanOrEqual(0);
    await screenshot(page, "summary-en");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("shows a 404 page in the user's language for an unknown address", async () => {
    const response = await page.goto(`${server.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    await page.getByRole("button", { name: "中文" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("页面不存在");
    await screenshot(page, "not-found");
  });

  it("is usable on a phone", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "dashboard-phone");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("logs out", async () => {
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${server.url}/villages`);
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("shows a clerk the 403 page for another village's edit page, and lets them edit their own", async () => {
    await loginAs(page, server.url, "zhang.san", "zhangsan-2024");
    const [other] = await app.query<{ id: number }>(sql`SELECT id FROM villages WHERE name = '凤凰村'`);
    const [own] = await app.query<{ id: number }>(sql`SELECT id FROM villages WHERE name = '井亭村'`);
    const refused = await page.goto(`${server.url}/villages/${other.id}/edit`);
    expect(refused?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("没有权限");
    await screenshot(page, "forbidden");
    const allowed = await page.goto(`${server.url}/villages/${own.id}/edit`);
    expect(allowed?.status()).toBe(200);
    // a clerk's menu has no admin areas
    const nav = await page.getByRole("navigation", { name: "菜单" }).getByRole("link").allTextContents();
    expect(nav).not.toContain("用户");
    expect(nav).toContain("导入");
  });

  it("never crashed in the browser", async () => {
    expect(browserErrors(browser)).toEqual([]);
    // and axe-core found nothing wrong on any page it showed, of any impact
    expect(await accessibilityViolations(browser)).toEqual([]);
  });

  it("never answered with a server error", () => {
    expect(server.output()).not.toMatch(/Error:|at .*\.js:\d+/);
  });
});
