import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, daysBetween, todayIso } from "~/lib/dates";
import { formatFen } from "~/lib/money";
import { addMonths } from "~/lib/schedule";
import { startApp, type BrowserApp } from "../helpers/app";
import { accessibilityViolations, browserErrors, pick, screenshot } from "../helpers/browser";

// What is owed, in the browser: township staff register a quarterly rent on a project, see its
// expected payments (the first two already late), find the enterprise behind on 应收款, record
// the payment the enterprise then makes, and watch the arrears drop and the oldest flag clear.

let app: BrowserApp;
let page: Page;
const today = todayIso();
const days = (from: string) => daysBetween(from, today);
// the first rent 100 days ago, the second a quarter after it (a week or so ago)
const first = addDays(today, -100);
const second = addMonths(first, 3);
const PROJECT = "桥头村仓储物流用房";
const theProject = sql`SELECT id FROM projects WHERE name = ${PROJECT}`;
const terms = sql`SELECT COUNT(*) AS n FROM contract_terms t JOIN projects p ON p.id = t.project_id
  WHERE p.name = ${PROJECT}`;
const theTerm = sql`SELECT p.id, t.id AS termId FROM contract_terms t JOIN projects p ON p.id = t.project_id
  WHERE p.name = ${PROJECT}`;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  await app.openAs("editor");
});

afterAll(() => app?.stop());

const cells = async (testId: string) =>
  (await page.getByTestId(testId).locator("td").allTextContents()).map((c) => c.trim());
// the project's row of 应收款 by project
const owed = () => page.getByRole("row", { name: new RegExp(PROJECT) });

describe("what a company owes", () => {
  it("registers a quarterly rent on a project and shows its expected payments", async () => {
    const [{ id }] = await app.query<{ id: number }>(theProject);
    await page.goto(`${app.url}/projects/${id}`);
    await expect
      .poll(() => page.locator("section", { hasText: "合同收益条款" }).textContent())
      .toContain("还没有登记合同收益条款");
    await page.getByRole("link", { name: "添加条款" }).click();
    await page.waitForURL(/\/terms\/new$/);
    // the project's one village and one enterprise are chosen already
    await expect.poll(() => page.getByLabel("收款村").locator("option:checked").textContent()).toBe("桥头村");
    expect(await page.getByLabel("付款企业").locator("option:checked").textContent()).toBe("天祥集团");
    await page.getByLabel("每期金额（元）").fill("10,000");
    await page.getByLabel("周期").selectOption({ label: "每季" });
    await page.getByLabel("首次应收日").fill(first);
    // an increase without its years is refused next to the field, nothing saved
    await page.getByLabel("增长率（%）").fill("5");
    await page.getByRole("button", { name: "保存" }).click();
    await expect
      .poll(() => page.locator(".field.has-error .error-list").allTextContents())
      .toEqual(["填了增长率，也请填每几年增长一次"]);
    expect((await app.query<{ n: number }>(terms))[0].n).toBe(0);
    await page.getByLabel("每几年增长").fill("3");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/projects\/\d+\/terms\/\d+\?done=created$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("桥头村 · 天祥集团 · 固定租金");
    expect(await cells(`due-${first}`)).toEqual([first, "10,000.00", "0.00", `逾期 ${days(first)} 天`]);
    expect(await cells(`due-${second}`)).toEqual([second, "10,000.00", "0.00", `逾期 ${days(second)} 天`]);
    // three years on, the rent is 5 % more
    const later = addMonths(first, 36);
    expect(await cells(`due-${later}`)).toEqual([later, "10,500.00", "0.00", "未到期"]);
    await screenshot(page, "term-dues");
  });

  it("lists what the project is owed under 应收款, by age", async () => {
    await page.getByRole("navigation", { name: "菜单" }).getByRole("link", { name: "应收", exact: true }).click();
    await page.waitForURL(/\/receivables$/);
    await page.getByRole("navigation", { name: "汇总方式" }).getByRole("link", { name: "项目" }).click();
    await page.waitForURL(/by=project/);
    await page.getByLabel("搜索").fill("桥头村仓储");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect.poll(() => owed().count()).toBe(1);
    const row = (await owed().locator("td").allTextContents()).map((c) => c.trim());
    // due 20,000.00, received nothing, the first quarter over 90 days late, the second under 30
    expect(row.slice(1, 5)).toEqual(["20,000.00", "0.00", "20,000.00", String(days(first))]);
    expect(row.slice(6)).toEqual(["10,000.00", "0.00", "10,000.00"]);
    expect(await owed().getAttribute("class")).toBe("overdue");
    await screenshot(page, "receivables");
  });

  it("matches the payment the enterprise makes to the oldest quarter: the arrears drop, the oldest flag clears", async () => {
    await page.goto(`${app.url}/income/new`);
    await pick(page, "村名", "桥头村");
    await page.getByLabel("类别").selectOption({ label: "发包及上交收入" });
    await page.getByLabel("金额（元）").fill("10000");
    await pick(page, "项目", "桥头村仓储");
    await pick(page, "付款企业", "天祥集团");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/income\/\d+\?done=created$/);
    // the record says which expected payment it paid
    await expect.poll(() => page.getByTestId("matches").textContent()).toContain(`固定租金 ${first}`);
    await screenshot(page, "receipt-matching");

    await page.goto(`${app.url}/receivables?by=project&q=${encodeURIComponent("桥头村仓储")}`);
    await expect.poll(() => owed().locator("td").nth(3).textContent()).toBe("10,000.00");
    const row = (await owed().locator("td").allTextContents()).map((c) => c.trim());
    expect(row.slice(1, 5)).toEqual(["20,000.00", "10,000.00", "10,000.00", String(days(second))]);
    expect(row.at(-1)).toBe("0.00");
    expect(await owed().getAttribute("class")).toBeNull();

    const [{ id, termId }] = await app.query<{ id: number; termId: number }>(theTerm);
    await page.goto(`${app.url}/projects/${id}/terms/${termId}`);
    await expect.poll(() => cells(`due-${first}`)).toEqual([first, "10,000.00", "10,000.00", "已收清"]);
    expect(await cells(`due-${second}`)).toEqual([second, "10,000.00", "0.00", `逾期 ${days(second)} 天`]);
  });

  it("warns on the dashboard of the demo's lease ending within 90 days and the company behind, each a link", async () => {
    await page.goto(`${app.url}/`);
    const ending = page.getByTestId("alert-ending");
    await expect.poll(() => ending.textContent()).toContain("杨家村优质稻米订单种植");
    const [{ end }] = await app.query<{ end: string }>(
      sql`SELECT contract_end AS end FROM projects WHERE name = '杨家村优质稻米订单种植'`
    );
    expect(await ending.getByRole("listitem").filter({ hasText: "杨家村" }).textContent()).toContain(
      `${end} 到期，还有 ${days(end) * -1} 天`
    );
    expect(await page.getByTestId("alert-overdue").textContent()).toContain("宏达机械制造有限公司 → 东风村");
    await screenshot(page, "dashboard-alerts");
    await ending.getByRole("link", { name: "杨家村优质稻米订单种植" }).click();
    await page.waitForURL(/\/projects\/\d+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("杨家村优质稻米订单种植");
    await page.goto(`${app.url}/alerts`);
    await expect.poll(() => page.getByTestId("alert-overdue").textContent()).toContain("在应收款中查看全部逾期");
    await screenshot(page, "alerts");
  });

  it("tells what an enterprise owes whom, and forecasts the weak village its dividend will lift", async () => {
    const [{ id }] = await app.query<{ id: number }>(
      sql`SELECT id FROM enterprises WHERE name = '宏达机械制造有限公司'`
    );
    await page.goto(`${app.url}/enterprises/${id}`);
    const owes = page.locator("section", { has: page.getByRole("heading", { name: "应付各村（合同收益条款）" }) });
    await expect
      .poll(() =>
        owes
          .getByRole("row", { name: /东风村/ })
          .first()
          .textContent()
      )
      .toContain("22,500.00");
    const [{ village }] = await app.query<{ village: number }>(
      sql`SELECT id AS village FROM villages WHERE name = '民主村'`
    );
    await page.goto(`${app.url}/villages/${village}`);
    await expect.poll(() => page.getByTestId("village-forecast").textContent()).toContain("预计可达标");
    expect(await page.getByTestId("village-forecast").textContent()).toContain("民丰物业服务有限公司");
    await screenshot(page, "village-forecast");
    await page.goto(`${app.url}/summary`);
    await expect.poll(() => page.getByTestId("forecast-民主村").textContent()).toContain("预计可达标");
  });

  it("prints a joint organization's scorecard on one upright A4 page", async () => {
    const [org] = await app.query<{ id: number; name: string }>(
      sql`SELECT o.id, o.name FROM organizations o JOIN projects p ON p.organization_id = o.id
        WHERE p.name = '东风红星机械配件加工车间'`
    );
    await page.goto(`${app.url}/organizations/${org.id}`);
    await page.getByRole("link", { name: "联建成效表" }).click();
    await page.waitForURL(/\/scorecard$/);
    const year = today.slice(0, 4);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe(`${org.name} ${year} 年联建成效表`);
    // what its projects paid 东风村 this year, as the ledger has it, and the two quarters it owes
    const [{ paid }] = await app.query<{ paid: number }>(sql`
      SELECT COALESCE(SUM(i.amount_fen), 0) AS paid FROM income_records i JOIN projects p ON p.id = i.project_id
      JOIN villages v ON v.id = i.village_id
      WHERE p.organization_id = ${
        org.id
      } AND v.name = '东风村' AND i.voided_at IS NULL AND i.received_on LIKE ${`${year}-%`}`);
    const row = (await page.getByTestId("scorecard-东风村").locator("td").allTextContents()).map((c) => c.trim());
    expect(row[1]).toBe(formatFen(paid));
    expect(row[3]).toBe("22,500.00");
    expect(await page.locator(".signatures").textContent()).toContain("联合党组织书记：");
    await screenshot(page, "scorecard-print");
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    // one page, upright A4: 595 × 842 points
    expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    expect(pdf.match(/MediaBox \[[^\]]*\]/g)![0]).toMatch(/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/);
  });

  it("says all of it in English when switched, but for the names of villages, projects and companies", async () => {
    const [{ id, termId }] = await app.query<{ id: number; termId: number }>(theTerm);
    const [org] = await app.query<{ id: number }>(
      sql`SELECT o.id FROM organizations o JOIN projects p ON p.organization_id = o.id WHERE p.name = '东风红星机械配件加工车间'`
    );
    await page.goto(`${app.url}/receivables`);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    const pages = [
      "/receivables",
      "/receivables?by=project&overdue=1",
      "/alerts",
      `/projects/${id}/terms/${termId}`,
      `/projects/${id}/terms/${termId}/edit`,
      `/projects/${id}/terms/new`,
      `/organizations/${org.id}/scorecard`,
    ];
    const chinese = /[\u3400-\u9fff]/;
    // the data's own names, longest first, are taken out before looking for Chinese
    const names = (
      await app.query<{ name: string }>(sql`
        SELECT name FROM villages UNION SELECT name FROM townships UNION SELECT name FROM enterprises
        UNION SELECT name FROM projects UNION SELECT name FROM organizations`)
    )
      .map((n) => n.name)
      .sort((a, b) => b.length - a.length);
    const withoutNames = (text: string) => names.reduce((t, n) => t.split(n).join(""), text);
    for (const path of pages) {
      await page.goto(`${app.url}${path}`);
      // what the page itself says: headers, labels, buttons, links, headings, captions, notes and
      // what it says to a screen reader
      const words = await page
        .locator(
          "main :is(th, label, legend, button, a, h1, h2, h3, caption, .hint, .empty, .note, .help, dt, summary)"
        )
        .evaluateAll((els) =>
          els.map((e) => {
            // a field's choices are the data's (townships, villages)
            const copy = e.cloneNode(true) as HTMLElement;
            copy.querySelectorAll("select, datalist").forEach((c) => c.remove());
            return (copy.textContent ?? "").trim();
          })
        );
      words.push(
        ...(await page.locator("main [aria-label]").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")!)))
      );
      const untranslated = words.filter((w) => chinese.test(withoutNames(w)));
      expect({ path, untranslated }).toEqual({ path, untranslated: [] });
    }
    await page.goto(`${app.url}/receivables?by=project`);
    await screenshot(page, "receivables-en");
    await page.goto(`${app.url}/alerts`);
    await screenshot(page, "alerts-en");
    await page.getByRole("button", { name: "中文" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
  });

  it("saw no browser error, and axe-core found nothing", async () => {
    expect(browserErrors(app.browser)).toEqual([]);
    expect(await accessibilityViolations(app.browser)).toEqual([]);
  });
});
