import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentYear, todayIso } from "~/lib/dates";
import { formatFen } from "~/lib/money";
import { startApp, type BrowserApp } from "../helpers/app";
import { browserErrors, screenshot, accessibilityViolations } from "../helpers/browser";
import type { TestServer } from "../helpers/server";

// A village clerk records income; the township summary shows it; the CSV carries it.

let app: BrowserApp;
let server: TestServer;
let browser: BrowserContext;
let page: Page;
const year = currentYear();
const query = <T>(q: ReturnType<typeof sql>) => app.query<T>(q);

beforeAll(async () => {
  app = await startApp();
  ({ server, browser, page } = app);
});

afterAll(() => app?.stop());

const jingtingTotal = async () =>
  (
    await query<{ fen: number }>(sql`
      SELECT SUM(i.amount_fen) AS fen FROM income_records i JOIN villages v ON v.id = i.village_id
      WHERE v.name = '井亭村' AND i.voided_at IS NULL AND i.received_on LIKE ${`${year}-%`}`)
  )[0].fen;

describe("a village clerk", () => {
  let before: number;

  it("records income for their own village, after the form refuses bad input", async () => {
    before = await jingtingTotal();
    await app.openAs("clerk");
    await page.goto(`${server.url}/income/new`);
    // their one village is chosen already, and the village search keeps to it
    await expect.poll(() => page.getByRole("combobox", { name: "村名" }).inputValue()).toBe("井亭村");
    await page.getByRole("combobox", { name: "村名" }).fill("");
    await page.getByRole("combobox", { name: "村名" }).pressSequentially("村");
    const villages = page.getByRole("listbox", { name: "村名" }).getByRole("option");
    await expect.poll(() => villages.allTextContents()).toEqual(["井亭村青杨镇 · 321204100201"]);
    await villages.click();
    await page.getByLabel("类别").selectOption({ label: "经营收入" });
    await page.getByLabel("金额（元）").fill("12.345");
    await page.getByLabel("日期").fill("2099-01-01");
    await page.getByRole("button", { name: "保存" }).click();
    await expect
      .poll(() => page.locator(".error-list").allTextContents())
      .toEqual(["日期不能晚于今天", "金额最多两位小数"]);
    await screenshot(page, "income-form-errors");
    await page.getByLabel("日期").fill(todayIso());
    await page.getByLabel("金额（元）").fill("¥12,345.67");
    // the project by mouse: click, type part of its name, click the choice
    await page.getByRole("combobox", { name: "项目" }).click();
    await page.getByRole("combobox", { name: "项目" }).pressSequentially("厂房");
    await page.getByRole("option", { name: /井亭村标准厂房租赁/ }).click();
    await expect.poll(() => page.getByRole("combobox", { name: "项目" }).inputValue()).toBe("井亭村标准厂房租赁");
    // the enterprise by keyboard: type, arrow down, Enter
    await page.getByRole("combobox", { name: "付款企业" }).focus();
    await page.keyboard.type("天祥");
    await page.getByRole("option", { name: /天祥集团/ }).waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("combobox", { name: "付款企业" }).inputValue()).toBe("天祥集团");
    await page.getByLabel("凭证号").fill("E2E-001");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/income\/\d+\?done=created$/);
    // it says so, and offers the next entry and the list
    const notice = page.getByRole("status");
    expect(await notice.textContent()).toContain("已登记。");
    expect(await notice.getByRole("link").allTextContents()).toEqual(["继续登记", "返回列表"]);
    await screenshot(page, "income-created");
    expect(await jingtingTotal()).toBe(before + 1_234_567);
    const saved = await app.one<{ project: string; enterprise: string }>(sql`
      SELECT p.name AS project, e.name AS enterprise FROM income_records i JOIN projects p ON p.id = i.project_id
      JOIN enterprises e ON e.id = i.enterprise_id WHERE i.voucher = 'E2E-001'`);
    expect(saved).toEqual({ project: "井亭村标准厂房租赁", enterprise: "天祥集团" });
  });

  it("cannot record for another village, even by posting the form by hand", async () => {
    const [other] = await query<{ id: number }>(sql`SELECT id FROM villages WHERE name = '凤凰村'`);
    const response = await page.evaluate(async (villageId) => {
      const body = new URLSearchParams({
        villageId: String(villageId),
        receivedOn: "2024-05-05",
        category: "operating",
        amountFen: "100",
      });
      const r = await fetch("/income/new?_data=routes%2Fincome.new", { method: "POST", body });
      return { status: r.status, body: await r.json() };
    }, other.id);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual({ villageId: ["error.clerkVillage"] });
    const [{ n }] = await query<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM income_records WHERE village_id = ${other.id} AND received_on = '2024-05-05'`
    );
    expect(n).toBe(0);
  });

  it("refuses a voucher number already used by the village", async () => {
    await page.goto(`${server.url}/income/new`);
    await page.getByLabel("类别").selectOption({ label: "其他收入" });
    await page.getByLabel("金额（元）").fill("10");
    await page.getByLabel("凭证号").fill("E2E-001");
    await page.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => page.locator(".error-list").allTextContents()).toEqual(["该村已有相同凭证号的收入记录"]);
  });
});

describe("the ledger", () => {
  it("opens on this year; 全部 shows every year", async () => {
    const records = async (where: ReturnType<typeof sql>) =>
      (await app.one<{ n: number }>(sql`SELECT COUNT(*) AS n FROM income_records WHERE ${where}`)).n;
    const thisYear = await records(sql`received_on LIKE ${`${year}-%`}`);
    const all = await records(sql`1`);
    expect(all).toBeGreaterThan(thisYear);
    await page.goto(`${server.url}/income`);
    expect(await page.getByLabel("年度").inputValue()).toBe(String(year));
    expect(await page.getByTestId("income-totals").textContent()).toContain(`${thisYear.toLocaleString()} 笔`);
    await page.getByLabel("年度").selectOption({ label: "全部" });
    await page.getByRole("search").getByRole("button").first().click();
    await expect.poll(() => page.getByTestId("income-totals").textContent()).toContain(`${all.toLocaleString()} 笔`);
    expect(new URL(page.url()).searchParams.get("year")).toBe("");
  });
});

describe("the township summary", () => {
  it("shows 井亭村's new total, to the fen", async () => {
    await page.goto(`${server.url}/summary?year=${year}`);
    const row = page.getByRole("row", { name: /井亭村/ });
    await expect.poll(() => row.locator("td").nth(8).textContent()).toBe(formatFen(await jingtingTotal()));
    await screenshot(page, "summary");
    // and in 万元 by the switch
    await page.getByRole("link", { name: "万元" }).click();
    await expect
      .poll(() => row.locator("td").nth(8).textContent())
      .toBe(((await jingtingTotal()) / 1_000_000).toFixed(2));
  });

  it("downloads a CSV that opens with the right headers and numbers", async () => {
    await page.goto(`${server.url}/summary?year=${year}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "导出 CSV" }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "乡镇,村名,区划代码,年度,经营收入,发包及上交收入,投资收益,补助收入,其他收入,合计,经营性收入,上年合计,同比,排名,薄弱村,分档"
    );
    const jingting = lines.find((l) => l.includes(",井亭村,"))!.split(",");
    expect(jingting[1]).toBe("井亭村");
    expect(jingting[2]).toBe("\t321204100201");
    expect(jingting[3]).toBe(String(year));
    expect(Math.round(Number(jingting[9]) * 100)).toBe(await jingtingTotal());
    expect(jingting[13]).toBe("1");
    expect(jingting[14]).toBe("否");
    expect(jingting[15]).toMatch(/^(一般村|富裕村)$/);
    // under the table, the rules it was added up by
    expect(lines.find((l) => l.includes("口径："))).toContain("经营性收入 = 经营收入 + 发包及上交收入 + 投资收益");
    expect(download.suggestedFilename()).toBe(`${year}年村集体收入汇总.csv`);
  });

  it("prints on A4 landscape with a title, the unit and signature lines", async () => {
    await page.goto(`${server.url}/summary/print?year=${year}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`${year} 年度村集体经济收入汇总表`);
    expect(await page.locator(".signatures").textContent()).toContain("填报人：");
    expect(await page.locator(".signatures").textContent()).toContain("审核人：");
    // the date it was made once, in the header; the signature line has a date of its own to fill in
    expect((await page.locator("main").innerText()).match(/制表日期/g)).toHaveLength(1);
    expect(await page.locator(".signatures").textContent()).toContain("日期：");
    await screenshot(page, "summary-print");
    const pdf = await page.pdf({ preferCSSPageSize: true });
    // every page A4 landscape: 842 × 595 points
    const boxes = pdf.toString("latin1").match(/MediaBox \[[^\]]*\]/g)!;
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) expect(box).toMatch(/MediaBox \[0 0 841\.\d+ 59[45]\.\d+\]/);
  });

  it("answers a year of letters with a 400 page, not a crash", async () => {
    const response = await page.goto(`${server.url}/summary?year=abcd`);
    expect(response?.status()).toBe(400);
    expect(await page.getByRole("alert").textContent()).toContain("年度应为 1900 到 2999 之间的四位数字");
    await screenshot(page, "bad-request");
  });

  it("drills into one village's year with charts drawn on the server", async () => {
    await page.goto(`${server.url}/summary?year=${year}`);
    await page.getByRole("link", { name: "井亭村" }).click();
    await page.waitForURL(/\/summary\/\d+/);
    await expect.poll(() => page.getByRole("img", { name: /按月/ }).count()).toBe(1);
    expect(await page.locator("svg rect.chart-bar").count()).toBe(17); // 12 months + 5 years
    expect(await page.getByRole("row", { name: /天祥集团/ }).textContent()).toContain(",");
    // last year is offered, next year (nothing yet) is not
    expect(await page.locator(".head-actions").getByRole("link", { name: /\d{4}/ }).allTextContents()).toEqual([
      `‹ ${year - 1}`,
    ]);
    await screenshot(page, "village-income");
  });
});

describe("voiding", () => {
  it("voids the clerk's record with a reason; it stays, struck through, and drops out of the sums", async () => {
    const total = await jingtingTotal();
    await page.goto(`${server.url}/income?q=E2E-001`);
    await page.getByRole("link", { name: todayIso() }).click();
    await page.waitForURL(/\/income\/\d+$/);
    await page.getByRole("button", { name: "作废此记录" }).click();
    await expect.poll(() => page.locator(".error-list").allTextContents()).toEqual(["请填写作废原因"]);
    await page.getByLabel("作废原因").fill("金额录错，已重新登记");
    // it asks first: dismissed, nothing happens; accepted, the record is voided
    const asked: string[] = [];
    page.once("dialog", (dialog) => (asked.push(dialog.message()), dialog.dismiss()));
    await page.getByRole("button", { name: "作废此记录" }).click();
    await expect.poll(() => asked).toEqual([expect.stringContaining("确定作废这条收入记录吗")]);
    expect(await jingtingTotal()).toBe(total);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "作废此记录" }).click();
    await expect.poll(() => page.locator(".notice.danger").textContent()).toContain("金额录错，已重新登记");
    expect(await page.getByRole("status").textContent()).toContain("已作废。");
    expect(await jingtingTotal()).toBe(total - 1_234_567);
    await page.goto(`${server.url}/income?q=E2E-001`);
    expect(await page.locator("tr.voided").count()).toBe(1);
    expect(await page.getByTestId("income-totals").textContent()).toContain("0.00");
    await screenshot(page, "income-voided");
  });

  it("corrects the voided record: a new one filled in from it, all but the voucher", async () => {
    const total = await jingtingTotal();
    await page.goto(`${server.url}/income?q=E2E-001`);
    await page.getByRole("link", { name: todayIso() }).click();
    await page.getByRole("link", { name: "更正" }).click();
    await page.waitForURL(/\/income\/new\?from=\d+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("更正收入记录");
    expect(await page.getByRole("combobox", { name: "村名" }).inputValue()).toBe("井亭村");
    expect(await page.getByLabel("日期").inputValue()).toBe(todayIso());
    expect(await page.getByLabel("金额（元）").inputValue()).toBe("12345.67");
    expect(await page.getByRole("combobox", { name: "项目" }).inputValue()).toBe("井亭村标准厂房租赁");
    expect(await page.getByRole("combobox", { name: "付款企业" }).inputValue()).toBe("天祥集团");
    expect(await page.getByLabel("凭证号").inputValue()).toBe("");
    expect(await page.locator("main").textContent()).toContain("凭证号 E2E-001");
    await screenshot(page, "income-correct");
    await page.getByLabel("金额（元）").fill("12345.76");
    await page.getByLabel("凭证号").fill("E2E-001-R");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/income\/\d+\?done=created$/);
    expect(await jingtingTotal()).toBe(total + 1_234_576);
    expect(
      await app.one(sql`
        SELECT c.village_id = o.village_id AND c.project_id = o.project_id AND c.enterprise_id = o.enterprise_id
          AND c.received_on = o.received_on AND c.category = o.category AS same, c.amount_fen AS fen
        FROM income_records c JOIN income_records o ON o.voucher = 'E2E-001' WHERE c.voucher = 'E2E-001-R'`)
    ).toEqual({ same: 1, fen: 1_234_576 });
  });
});

describe("the browser", () => {
  it("saw no uncaught error and no console error", async () => {
    expect(browserErrors(browser)).toEqual([]);
    // and axe-core found nothing wrong on any page it showed, of any impact
    expect(await accessibilityViolations(browser)).toEqual([]);
  });
});
