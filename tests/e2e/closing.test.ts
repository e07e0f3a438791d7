import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIso } from "~/lib/dates";
import { ACCOUNTS, startApp, type BrowserApp } from "../helpers/app";
import { accessibilityViolations, browserErrors, launchBrowser, loginAs, screenshot } from "../helpers/browser";

// Closing the books in the browser: 井亭村's clerk submits last month on a phone, the township
// returns it with a reason the clerk then sees, the clerk adds what was missing and submits again,
// the township approves the township's submitted months at once, and the clerk's next entry dated
// in that month is refused with the month named. The township reports the year; after an unlock
// and a void the summary says it differs from report 1, and report 1 still prints as reported.

let app: BrowserApp;
let clerk: Page;
let township: BrowserContext;
let editor: Page;
const today = todayIso();
const [thisYear, thisMonth] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
// last month, the one due now
const [year, month] = thisMonth === 1 ? [thisYear - 1, 12] : [thisYear, thisMonth - 1];
const day = (d: number) => `${year}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const title = `井亭村 ${year} 年 ${month} 月`;

beforeAll(async () => {
  app = await startApp();
  clerk = app.page;
  await clerk.setViewportSize({ width: 390, height: 844 });
  await app.openAs("clerk");
  township = await launchBrowser();
  editor = await township.newPage();
  await loginAs(editor, app.url, ACCOUNTS.editor.username, ACCOUNTS.editor.password);
});

afterAll(async () => {
  await township?.close();
  await app?.stop();
});

const monthState = async () =>
  (
    await app.query<{ state: string }>(sql`SELECT m.state FROM village_months m JOIN villages v ON v.id = m.village_id
      WHERE v.name = '井亭村' AND m.year = ${year} AND m.month = ${month}`)
  )[0]?.state ?? "open";
const ledger = async () =>
  (
    await app.query<{ n: number }>(sql`SELECT COUNT(*) AS n FROM income_records i JOIN villages v ON v.id = i.village_id
      WHERE v.name = '井亭村' AND i.received_on LIKE ${`${day(1).slice(0, 8)}%`}`)
  )[0].n;

describe("a month in the books", () => {
  it("is submitted by the clerk on a phone, from the home page's to-do", async () => {
    await clerk.goto(`${app.url}/`);
    const toDo = clerk.locator("section.to-do");
    await expect.poll(() => toDo.getByRole("heading").textContent()).toBe("待报送的月份");
    await toDo.getByRole("link", { name: title }).click();
    await clerk.waitForURL(new RegExp(`/closing/\\d+/${year}/${month}$`));
    await expect.poll(() => clerk.getByRole("heading", { level: 1 }).textContent()).toContain("未报");
    await screenshot(clerk, "closing-month-phone");
    await clerk.getByRole("button", { name: "报送本月" }).click();
    await clerk.waitForURL(/done=submitted$/);
    await expect.poll(() => clerk.getByRole("heading", { level: 1 }).textContent()).toContain("已报");
    expect(await clerk.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    expect(await monthState()).toBe("submitted");
  });

  it("is returned by the township with a reason, which the clerk then sees", async () => {
    await editor.goto(`${app.url}/closing?year=${year}`);
    const cell = editor.getByRole("row", { name: /井亭村/ }).getByRole("link", { name: "已报" });
    await expect.poll(() => cell.count()).toBe(1);
    await screenshot(editor, "closing-grid");
    await cell.click();
    await editor.waitForURL(new RegExp(`/closing/\\d+/${year}/${month}$`));
    // a return needs its reason
    await editor.getByRole("button", { name: "退回" }).click();
    await expect.poll(() => editor.locator(".error-list").allTextContents()).toEqual(["必填"]);
    await editor.getByLabel("原因").fill("少了本月的物业费收入");
    await editor.getByRole("button", { name: "退回" }).click();
    await editor.waitForURL(/done=returned$/);
    expect(await monthState()).toBe("returned");

    await clerk.goto(`${app.url}/`);
    const toDo = clerk.locator("section.to-do");
    await expect.poll(() => toDo.textContent()).toContain("退回原因：少了本月的物业费收入");
    await screenshot(clerk, "closing-returned-phone");
  });

  it("is fixed and submitted again by the clerk, and approved with the township's other submitted months", async () => {
    await clerk.goto(`${app.url}/income/new`);
    await expect.poll(() => clerk.getByRole("combobox", { name: "村名" }).inputValue()).toBe("井亭村");
    await clerk.getByLabel("日期").fill(day(15));
    await clerk.getByLabel("类别").selectOption({ label: "其他收入" });
    await clerk.getByLabel("金额（元）").fill("860");
    await clerk.getByRole("button", { name: "保存" }).click();
    await clerk.waitForURL(/done=created$/);
    await clerk.goto(`${app.url}/`);
    await clerk.locator("section.to-do").getByRole("link", { name: title }).click();
    await expect.poll(() => clerk.getByRole("alert").textContent()).toContain("少了本月的物业费收入");
    await clerk.getByRole("button", { name: "报送本月" }).click();
    await clerk.waitForURL(/done=submitted$/);

    const [{ id }] = await app.query<{ id: number }>(sql`SELECT id FROM townships WHERE name = '青杨镇'`);
    await editor.goto(`${app.url}/closing?year=${year}&township=${id}`);
    await editor.getByRole("button", { name: /审核本乡镇全部已报月份/ }).click();
    await expect.poll(() => editor.getByRole("status").textContent()).toBe("已审核 1 个月。");
    expect(await monthState()).toBe("approved");
    await expect
      .poll(() =>
        editor
          .getByRole("row", { name: /井亭村/ })
          .getByRole("link", { name: "已审" })
          .count()
      )
      .toBe(1);
  });

  it("prints a reminder list of the villages overdue, with their clerks and months", async () => {
    await editor.goto(`${app.url}/closing?year=${year}`);
    await editor.getByRole("link", { name: "打印催报单" }).click();
    await editor.waitForURL(/\/closing\/print\?year=/);
    const monthsOf = async (village: string) =>
      (
        (await editor
          .getByRole("row", { name: new RegExp(village) })
          .locator("td")
          .last()
          .textContent()) ?? ""
      ).split("、");
    await expect.poll(() => editor.getByRole("heading", { level: 1 }).textContent()).toBe(`${year} 年月报催报单`);
    // 井亭村's approved month is not overdue any more; the other months still are
    const jingting = await monthsOf("井亭村");
    expect(jingting).not.toContain(`${month}月`);
    expect(await editor.getByRole("row", { name: /井亭村/ }).textContent()).toContain("井亭村报账员");
    if (Number(today.slice(8, 10)) > 10) expect(await monthsOf("东风村")).toContain(`${month}月`);
    await screenshot(editor, "closing-reminder-print");
  });

  it("exports the grid as CSV, each month by its word", async () => {
    const response = await editor.request.get(`${app.url}/closing.csv?year=${year}`);
    expect(response.status()).toBe(200);
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(`乡镇,村名,年度,${Array.from({ length: 12 }, (_, i) => `${i + 1}月`).join(",")},报账员`);
    const jingting = lines.find((l) => l.includes("井亭村"))!.split(",");
    expect(jingting[2 + month]).toBe("已审");
    expect(jingting.at(-1)).toBe("井亭村报账员");
  });

  it("refuses the clerk's next entry in that month, naming the month and who approved it", async () => {
    const before = await ledger();
    await clerk.goto(`${app.url}/income/new`);
    await expect.poll(() => clerk.getByRole("combobox", { name: "村名" }).inputValue()).toBe("井亭村");
    await clerk.getByLabel("日期").fill(day(20));
    await clerk.getByLabel("类别").selectOption({ label: "其他收入" });
    await clerk.getByLabel("金额（元）").fill("100");
    await clerk.getByRole("button", { name: "保存" }).click();
    await expect
      .poll(() => clerk.locator(".error-list").allTextContents())
      .toEqual([expect.stringMatching(new RegExp(`^${title}已审核锁定（镇录入员，\\d{4}-\\d{2}-\\d{2}）`))]);
    await screenshot(clerk, "closing-refused-phone");
    expect(await ledger()).toBe(before);
    // a record of the month says it is locked, and offers no void and no note's edit
    const [{ id: recordId }] = await app.query<{ id: number }>(
      sql`SELECT id FROM income_records WHERE received_on = ${day(15)} AND amount_fen = 86000`
    );
    await clerk.goto(`${app.url}/income/${recordId}`);
    await expect.poll(() => clerk.getByRole("status").textContent()).toContain(`${title}已审核锁定`);
    expect(await clerk.getByRole("button", { name: "作废此记录" }).count()).toBe(0);
    expect(await clerk.getByRole("link", { name: "修改备注" }).count()).toBe(0);
    // the month's page says it is locked, and offers the clerk to ask for an unlock
    await clerk.goto(`${app.url}/`);
    expect(await clerk.locator("section.to-do").textContent()).not.toContain(title);
  });

  it("is reported by the township: report 1 of the year, the months not approved named first", async () => {
    await editor.goto(`${app.url}/summary?year=${year}`);
    await editor.getByRole("link", { name: "上报记录" }).click();
    await editor.waitForURL(/\/reports\?year=/);
    await expect.poll(() => editor.getByRole("heading", { level: 1 }).textContent()).toBe(`${year} 年上报记录`);
    await expect.poll(() => editor.locator(".empty-state").textContent()).toContain("还没有上报过");
    // the form names the village months not approved: 井亭村's approved month is not among them
    const unapproved = editor.locator(".unapproved-list li", { hasText: "井亭村" });
    if ((await unapproved.count()) > 0)
      expect(await unapproved.textContent()).not.toMatch(new RegExp(`[：、]${month}月`));
    await screenshot(editor, "report-form");
    const asked: string[] = [];
    editor.once("dialog", (dialog) => (asked.push(dialog.message()), dialog.accept()));
    await editor.getByRole("button", { name: "上报", exact: true }).click();
    await editor.waitForURL(/\/reports\/\d+\?done=reported$/);
    expect(asked).toEqual([`上报后不能修改或删除。确定上报 ${year} 年的汇总？`]);
    await expect.poll(() => editor.getByRole("heading", { level: 1 }).textContent()).toBe(`${year} · 第 1 次上报`);
    expect(await editor.getByTestId("report-differs").textContent()).toBe("现在的数据与第 1 次上报完全一致。");
    expect(await editor.getByTestId("rules").textContent()).toContain(
      "经营性收入 = 经营收入 + 发包及上交收入 + 投资收益"
    );
    await screenshot(editor, "report-1");
    const [report] = await app.query<{ number: number; rows: number }>(
      sql`SELECT r.number, (SELECT COUNT(*) FROM report_rows WHERE report_id = r.id) AS rows FROM reports r WHERE r.year = ${year}`
    );
    const [{ villages }] = await app.query<{ villages: number }>(sql`SELECT COUNT(*) AS villages FROM villages`);
    expect(report).toEqual({ number: 1, rows: villages });
    await editor.goto(`${app.url}/summary?year=${year}`);
    await expect.poll(() => editor.getByTestId("report-status").textContent()).toMatch(/^与第 1 次上报数一致/);
  });

  it("is unlocked at the clerk's request: asked with a reason, shown on the township's home page, unlocked with one", async () => {
    const [{ id }] = await app.query<{ id: number }>(sql`SELECT id FROM villages WHERE name = '井亭村'`);
    await clerk.goto(`${app.url}/closing/${id}/${year}/${month}`);
    await expect.poll(() => clerk.getByRole("heading", { level: 1 }).textContent()).toContain("已审");
    await clerk.getByLabel("原因").fill("10日的一笔录重了，需作废");
    await clerk.getByRole("button", { name: "申请解锁" }).click();
    await clerk.waitForURL(/done=unlockRequested$/);

    await editor.goto(`${app.url}/`);
    const review = editor.locator("section.to-do");
    await expect.poll(() => review.textContent()).toContain("已申请解锁：10日的一笔录重了，需作废 · 井亭村报账员");
    await screenshot(editor, "closing-township-to-do");
    await review.getByRole("link", { name: title }).click();
    await editor.waitForURL(new RegExp(`/closing/${id}/${year}/${month}$`));
    await editor.getByLabel("原因").fill("核实后解锁");
    await editor.getByRole("button", { name: "解锁" }).click();
    await editor.waitForURL(/done=unlocked$/);
    expect(await monthState()).toBe("open");
    expect(
      (
        await app.query<{ action: string }>(
          sql`SELECT action FROM audit_log WHERE entity = 'month' AND entity_id = ${id} ORDER BY id`
        )
      ).map((e) => e.action)
    ).toEqual(["submit", "return", "submit", "approve", "request_unlock", "unlock"]);
  });

  it("after an unlock and a void, the summary says it differs from report 1, by how much, and report 1 prints as reported", async () => {
    const jingtingSummary = async () =>
      (
        await editor
          .getByRole("row", { name: /井亭村/ })
          .first()
          .locator("td")
          .allTextContents()
      ).map((c) => c.trim());
    await editor.goto(`${app.url}/summary?year=${year}`);
    const reported = await jingtingSummary();
    const [{ id: recordId }] = await app.query<{ id: number }>(
      sql`SELECT id FROM income_records WHERE received_on = ${day(15)} AND amount_fen = 86000`
    );
    await editor.goto(`${app.url}/income/${recordId}`);
    await editor.getByLabel("作废原因").fill("与10日的记录重复");
    editor.once("dialog", (dialog) => dialog.accept());
    await editor.getByRole("button", { name: "作废此记录" }).click();
    await expect.poll(() => editor.getByRole("status").first().textContent()).toContain("已作废。");

    await editor.goto(`${app.url}/summary?year=${year}`);
    const status = editor.getByTestId("report-status");
    await expect.poll(() => status.textContent()).toBe("与第 1 次上报数不一致：1 个村的数据在上报后有变化。 查看差异");
    await screenshot(editor, "summary-differs");
    await status.getByRole("link", { name: "查看差异" }).click();
    await editor.waitForURL(/\/reports\/\d+\/diff/);
    const village = editor.getByTestId("diff-井亭村");
    await expect
      .poll(() => village.locator("tr").first().locator("td").allTextContents())
      .toEqual(["青杨镇", "井亭村", "其他收入", expect.any(String), expect.any(String), "-860.00"]);
    expect(await editor.getByRole("row", { name: new RegExp(`${day(15)}.*上报后作废`) }).textContent()).toContain(
      "与10日的记录重复"
    );
    await screenshot(editor, "report-diff");

    // report 1's print: the figures as reported, with its number and date
    await editor.goto(`${app.url}/reports?year=${year}`);
    await editor.getByRole("link", { name: "打印 / 打印预览" }).first().click();
    await editor.waitForURL(/\/reports\/\d+\/print$/);
    await expect
      .poll(() => editor.getByRole("heading", { level: 1 }).textContent())
      .toBe(`${year} 年度村集体经济收入汇总表（第 1 次上报）`);
    const printed = (
      await editor
        .getByRole("row", { name: /井亭村/ })
        .first()
        .locator("td")
        .allTextContents()
    ).map((c) => c.trim());
    // village, code, five categories, total: as the summary showed them before the void
    expect(printed.slice(0, 9)).toEqual(reported.slice(0, 9));
    // sixteen columns fit the A4 sheet
    expect(
      await editor.locator(".print-sheet").evaluate((sheet) => {
        const table = sheet.querySelector("table")!.getBoundingClientRect();
        return sheet.getBoundingClientRect().right - table.right;
      })
    ).toBeGreaterThanOrEqual(0);
    await screenshot(editor, "report-1-print");
    await editor.goto(`${app.url}/summary?year=${year}`);
    expect((await jingtingSummary())[8]).not.toBe(reported[8]);
  });

  it("saw no browser error, and axe-core found nothing on any page either browser showed", async () => {
    expect(browserErrors(app.browser)).toEqual([]);
    expect(browserErrors(township)).toEqual([]);
    expect(await accessibilityViolations(app.browser)).toEqual([]);
    expect(await accessibilityViolations(township)).toEqual([]);
  });
});
