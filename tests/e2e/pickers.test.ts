import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, startApp, type BrowserApp } from "../helpers/app";
import { browserErrors, launchBrowser, loginAs, screenshot, accessibilityViolations } from "../helpers/browser";

// Type-to-search pickers: the income form's village, project and enterprise, by keyboard and by
// mouse; the project list narrowed to the chosen village; the same form without JavaScript,
// where the server resolves what was typed; and the search the pickers ask.

let app: BrowserApp;
let page: Page;

beforeAll(async () => {
  app = await startApp({
    // a second 井亭村, in another township, so that the bare name is ambiguous
    prepare: async (db) => {
      await db.run(sql`INSERT INTO townships (name, code) VALUES ('东湖镇', '321204199')`);
      await db.run(sql`INSERT INTO villages (township_id, name, code)
        SELECT id, '井亭村', '321204199201' FROM townships WHERE name = '东湖镇'`);
    },
  });
  page = app.page;
});

afterAll(() => app?.stop());

const projectsOf = (village: string, township = "青杨镇") =>
  app
    .query<{ name: string }>(
      sql`SELECT p.name FROM projects p JOIN project_villages pv ON pv.project_id = p.id
        JOIN villages v ON v.id = pv.village_id JOIN townships t ON t.id = v.township_id
        WHERE v.name = ${village} AND t.name = ${township} ORDER BY p.name`
    )
    .then((rows) => rows.map((r) => r.name));

const options = (label: string) => page.getByRole("listbox", { name: label }).getByRole("option");
const optionNames = (label: string) => options(label).locator(".picker-name").allTextContents();

describe("the income form's pickers", () => {
  it("chooses a village by keyboard and lists only its projects", async () => {
    await app.openAs("admin");
    await page.goto(`${app.url}/income/new`);
    const village = page.getByRole("combobox", { name: "村名" });
    await village.focus();
    await page.keyboard.type("井亭");
    // both 井亭村 are offered, each with its township
    await expect
      .poll(() => options("村名").allTextContents())
      .toEqual(["井亭村青杨镇 · 321204100201", "井亭村东湖镇 · 321204199201"]);
    await screenshot(page, "picker-village");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => village.inputValue()).toBe("井亭村");
    expect(await village.getAttribute("aria-expanded")).toBe("false");

    const project = page.getByRole("combobox", { name: "项目" });
    await project.click();
    const jingting = await projectsOf("井亭村");
    expect(jingting.length).toBeGreaterThan(0);
    await expect.poll(() => optionNames("项目")).toEqual(jingting);
    await screenshot(page, "picker-projects-of-village");
    await options("项目").first().click();
    await expect.poll(() => project.inputValue()).toBe(jingting[0]);

    // another village empties the project and offers that village's projects instead
    await village.fill("");
    await village.pressSequentially("凤凰");
    await options("村名").first().click();
    await expect.poll(() => project.inputValue()).toBe("");
    await project.click();
    const fenghuang = await projectsOf("凤凰村");
    expect(fenghuang).not.toEqual(jingting);
    await expect.poll(() => optionNames("项目")).toEqual(fenghuang);
    expect(browserErrors(app.browser)).toEqual([]);
    expect(await accessibilityViolations(app.browser)).toEqual([]);
  });

  it("shows the choices again by name when the form comes back with an error", async () => {
    await page.goto(`${app.url}/income/new`);
    const village = page.getByRole("combobox", { name: "村名" });
    await village.pressSequentially("凤凰");
    await options("村名").first().click();
    await page.getByRole("combobox", { name: "付款企业" }).pressSequentially("天祥");
    await options("付款企业").first().click();
    await page.getByRole("button", { name: "保存" }).click(); // no category, no amount
    await expect.poll(() => page.locator(".error-list").count()).toBe(2);
    expect(await village.inputValue()).toBe("凤凰村");
    expect(await page.getByRole("combobox", { name: "付款企业" }).inputValue()).toBe("天祥集团");
  });
});

describe("a project's villages", () => {
  it("adds several in a row, and does not offer one already ticked", async () => {
    await page.goto(`${app.url}/projects/new`);
    const add = page.getByRole("combobox", { name: "添加村" });
    await add.pressSequentially("井亭");
    await expect.poll(() => options("添加村").count()).toBe(2);
    await options("添加村").first().click();
    // the menu stays open for the next one, without the one just added
    await expect.poll(() => options("添加村").allTextContents()).toEqual(["井亭村东湖镇 · 321204199201"]);
    const villages = page.getByRole("group", { name: /^村/ });
    expect(await villages.getByRole("checkbox", { checked: true }).count()).toBe(1);
    expect(await villages.locator("legend").textContent()).toContain("已选 1 项");
  });
});

describe("the income form without JavaScript", () => {
  let context: BrowserContext;
  let plain: Page;

  beforeAll(async () => {
    context = await launchBrowser({ javaScript: false });
    plain = await context.newPage();
    await loginAs(plain, app.url, ACCOUNTS.editor.username, ACCOUNTS.editor.password);
  });

  afterAll(() => context?.close());

  const fillAndSave = async (fields: Record<string, string>) => {
    await plain.goto(`${app.url}/income/new`);
    for (const [label, value] of Object.entries(fields)) {
      if (label === "类别") await plain.getByLabel(label).selectOption({ label: value });
      else if (["村名", "项目", "付款企业"].includes(label))
        await plain.getByRole("combobox", { name: label }).fill(value);
      else await plain.getByLabel(label, { exact: true }).fill(value);
    }
    await plain.getByRole("button", { name: "保存" }).click();
    await plain.waitForLoadState();
  };

  it("says which name is ambiguous or unknown, next to the field, and writes nothing", async () => {
    const before = await app.one<{ n: number }>(sql`SELECT COUNT(*) AS n FROM income_records`);
    await fillAndSave({ 村名: "井亭村", 类别: "其他收入", "金额（元）": "10", 付款企业: "没有这家企业" });
    expect(await plain.locator(".error-list").allTextContents()).toEqual([
      "有多条同名记录，请写成“名称（乡镇）”或输入代码，或从下拉列表中选择",
      "找不到这个名称，请输入全称或代码，或从下拉列表中选择",
    ]);
    // what was typed is still there
    expect(await plain.getByRole("combobox", { name: "付款企业" }).inputValue()).toBe("没有这家企业");
    await screenshot(plain, "picker-no-javascript-errors");
    expect(await app.one<{ n: number }>(sql`SELECT COUNT(*) AS n FROM income_records`)).toEqual(before);
  });

  it("saves a record from names typed in full: 名称（乡镇）, the project within that village", async () => {
    const [project] = await projectsOf("井亭村");
    await fillAndSave({
      村名: "井亭村（青杨镇）",
      类别: "其他收入",
      "金额（元）": "321.09",
      项目: project,
      付款企业: "天祥集团",
      凭证号: "NOJS-1",
    });
    expect(plain.url()).toMatch(/\/income\/\d+\?done=created$/);
    const saved = await app.one<Record<string, unknown>>(sql`
      SELECT v.code, p.name AS project, e.name AS enterprise, i.amount_fen AS fen FROM income_records i
      JOIN villages v ON v.id = i.village_id JOIN projects p ON p.id = i.project_id
      JOIN enterprises e ON e.id = i.enterprise_id WHERE i.voucher = 'NOJS-1'`);
    expect(saved).toEqual({ code: "321204100201", project, enterprise: "天祥集团", fen: 32_109 });
  });

  it("refuses a project that is not the village's", async () => {
    const { name: other } = await app.one<{ name: string }>(sql`SELECT name FROM projects WHERE id NOT IN
      (SELECT project_id FROM project_villages pv JOIN villages v ON v.id = pv.village_id WHERE v.code = '321204100201')`);
    await fillAndSave({ 村名: "321204100201", 类别: "其他收入", "金额（元）": "1", 项目: other });
    expect(await plain.locator(".error-list").allTextContents()).toEqual([
      "找不到这个名称，请输入全称或代码，或从下拉列表中选择",
    ]);
  });
});

describe("the search behind the pickers", () => {
  const search = async (role: "admin" | "clerk", path: string) => {
    const response = await fetch(`${app.url}${path}`, { headers: { Cookie: await app.cookie(role) } });
    return { status: response.status, body: response.status === 200 ? await response.json() : null };
  };

  it("finds by the start of the name or code, then by any part of the name", async () => {
    const byCode = await search("admin", "/picks/village?q=321204100201");
    expect(byCode.body.map((c: { name: string }) => c.name)).toEqual(["井亭村"]);
    const part = await search("admin", `/picks/enterprise?q=${encodeURIComponent("集团")}`);
    const names = part.body.map((c: { name: string }) => c.name);
    const expected = await app.query<{ name: string }>(
      sql`SELECT name FROM enterprises WHERE instr(name, '集团') > 0 ORDER BY name`
    );
    expect(names.sort()).toEqual(expected.map((e) => e.name).sort());
  });

  it("keeps a clerk to their own villages when asked (own=1), and answers no one signed out", async () => {
    const own = await search("clerk", `/picks/village?own=1&q=${encodeURIComponent("村")}`);
    expect(own.body).toEqual([expect.objectContaining({ name: "井亭村", note: "青杨镇 · 321204100201" })]);
    const anyone = await fetch(`${app.url}/picks/village?q=a`, { redirect: "manual" });
    expect(anyone.status).not.toBe(200);
    expect((await search("admin", "/picks/nothing?q=a")).status).toBe(404);
  });
});
