import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentYear, todayIso } from "~/lib/dates";
import { ACCOUNTS, startApp, type BrowserApp } from "../helpers/app";
import { accessibilityViolations, browserErrors, screenshot } from "../helpers/browser";

// A village clerk on a 390×844 phone (DESIGN, "On a phone"): enters income and finds the
// village's figures without pinching or guessing; the menu and the user's name in sight; tables
// scroll sideways with the column that names each row kept in view. Then the same in English.

let app: BrowserApp;
let page: Page;
const year = currentYear();

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  await page.setViewportSize({ width: 390, height: 844 });
  await app.openAs("clerk");
});

afterAll(() => app?.stop());

/** Nothing wider than the phone, and no table cell narrower than two of its characters. */
async function fitsThePhone(p: Page) {
  return p.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    narrow: [...document.querySelectorAll("td, th")]
      .map((cell) => {
        const style = getComputedStyle(cell);
        const width = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { text: (cell.textContent ?? "").trim(), width, two: 2 * parseFloat(style.fontSize) };
      })
      // a pixel's rounding allowed
      .filter((c) => [...c.text].length >= 2 && c.width + 1 < c.two)
      .map((c) => c.text),
  }));
}

describe("a clerk on a phone", () => {
  it("sees their name and every section of the menu without scrolling sideways", async () => {
    await page.goto(`${app.url}/`);
    expect(await page.locator(".whoami").isVisible()).toBe(true);
    expect(await page.locator(".whoami").textContent()).toContain(ACCOUNTS.clerk.name);
    const links = page.getByRole("navigation", { name: "菜单" }).getByRole("link");
    expect(await links.count()).toBeGreaterThan(5);
    for (const box of await Promise.all((await links.all()).map((l) => l.boundingBox())))
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await fitsThePhone(page)).toEqual({ overflow: 0, narrow: [] });
    await screenshot(page, "phone-dashboard");
  });

  it("enters income for their village", async () => {
    await page.getByRole("navigation", { name: "菜单" }).getByRole("link", { name: "收入" }).click();
    await page.getByRole("link", { name: "登记收入" }).click();
    await page.waitForURL(/\/income\/new$/);
    // their one village is chosen already
    await expect.poll(() => page.getByRole("combobox", { name: "村名" }).inputValue()).toBe("井亭村");
    expect(await fitsThePhone(page)).toEqual({ overflow: 0, narrow: [] });
    await page.getByLabel("类别").selectOption({ label: "发包及上交收入" });
    await page.getByLabel("金额（元）").fill("2,400.50");
    await page.getByLabel("凭证号").fill("PHONE-1");
    await screenshot(page, "phone-income-new");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/income\/\d+\?done=created$/);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("已登记。");
    expect(await fitsThePhone(page)).toEqual({ overflow: 0, narrow: [] });
    await screenshot(page, "phone-income-saved");
    expect(
      await app.one(sql`SELECT v.name AS village, i.amount_fen AS fen, i.received_on AS day FROM income_records i
        JOIN villages v ON v.id = i.village_id WHERE i.voucher = 'PHONE-1'`)
    ).toEqual({ village: "井亭村", fen: 240_050, day: todayIso() });
  });

  it("finds the village in the list, one name a line", async () => {
    await page.goto(`${app.url}/villages`);
    expect(await fitsThePhone(page)).toEqual({ overflow: 0, narrow: [] });
    // each village's name on one line: its cell is one line high
    const heights = await page
      .locator("tbody td:first-child")
      .evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(2 * Math.min(...heights));
    await screenshot(page, "phone-villages");
  });

  it("finds the village's figures, the village's name in sight across the summary", async () => {
    await page.goto(`${app.url}/summary?year=${year}`);
    expect(await fitsThePhone(page)).toEqual({ overflow: 0, narrow: [] });
    const wrap = page.locator(".table-wrap").first();
    const village = page
      .getByRole("row", { name: /井亭村/ })
      .getByRole("cell")
      .nth(1);
    const left = (await wrap.boundingBox())!.x;
    await wrap.evaluate((w) => (w.scrollLeft = w.scrollWidth));
    // scrolled to the last column, 井亭村 and the total's label are still at the table's left edge
    await expect.poll(async () => (await village.boundingBox())!.x - left).toBeLessThan(4);
    const total = page.locator("tr.grand-total td").first();
    expect((await total.boundingBox())!.x - left).toBeLessThan(4);
    await screenshot(page, "phone-summary-scrolled");
    await page.getByRole("link", { name: "井亭村" }).click();
    await page.waitForURL(/\/summary\/\d+/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("井亭村");
    expect(await fitsThePhone(page)).toEqual({ overflow: 0, narrow: [] });
    await screenshot(page, "phone-village-figures");
  });

  it("does the same in English", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    for (const path of ["/", "/villages", `/summary?year=${year}`, "/income/new", "/income"]) {
      await page.goto(`${app.url}${path}`);
      expect({ path, ...(await fitsThePhone(page)) }).toEqual({ path, overflow: 0, narrow: [] });
    }
    await screenshot(page, "phone-income-list-en");
  });

  it("saw no browser error, and axe-core found nothing on any page it showed", async () => {
    expect(browserErrors(app.browser)).toEqual([]);
    expect(await accessibilityViolations(app.browser)).toEqual([]);
  });
});
