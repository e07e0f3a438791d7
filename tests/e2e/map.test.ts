import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { launchBrowser, loginAs, screenshot } from "../helpers/browser";
import { loginCookie, startServer, type TestServer } from "../helpers/server";

// The map with no tile server reachable (every request off this machine is refused).

let server: TestServer;
let browser: BrowserContext;
let page: Page;

async function query<T>(q: ReturnType<typeof sql>) {
  const { db, client } = await openDatabase(`file:${server.databaseFile}`);
  try {
    return await db.all<T>(q);
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
  await loginAs(page, server.url, "admin", "demo-admin-2024");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Project markers on screen, counting each cluster as the number it shows. */
async function projectsShown() {
  const single = await page.locator(".project-marker").count();
  const clusters = await page.locator(".cluster-projects span").allTextContents();
  return single + clusters.reduce((n, c) => n + Number(c), 0);
}

describe("the project map", () => {
  it("draws every village and project site offline, and says the tiles are missing", async () => {
    await page.goto(`${server.url}/map`);
    await page.locator('.map-canvas[data-ready="true"]').waitFor();
    const [{ villages }] = await query<{ villages: number }>(
      sql`SELECT COUNT(*) AS villages FROM villages WHERE lat IS NOT NULL`
    );
    const [{ sites }] = await query<{ sites: number }>(
      sql`SELECT COUNT(*) AS sites FROM projects WHERE lat IS NOT NULL`
    );
    await expect.poll(() => page.locator("path.village-marker").count()).toBe(villages);
    await expect.poll(projectsShown).toBe(sites);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("地图底图无法加载");
    expect(await page.locator("path.village-marker.weak").count()).toBeGreaterThan(0);
    await screenshot(page, "map");
  });

  it("opens a village's popup with its name, income and a link to it", async () => {
    const [v] = await query<{ id: number }>(sql`SELECT id FROM villages WHERE name = '井亭村'`);
    // villages alone, so that no project marker lies on top of the circle
    await page.goto(`${server.url}/map?layers=villages`);
    await page.locator('.map-canvas[data-ready="true"]').waitFor();
    await expect.poll(() => page.locator("path.village-marker").count()).toBeGreaterThan(0);
    // the largest circle is the village with the most income: 井亭村
    const circles = page.locator("path.village-marker");
    const boxes = await circles.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
    await circles.nth(boxes.indexOf(Math.max(...boxes))).click({ force: true });
    const popup = page.locator(".leaflet-popup-content");
    await expect.poll(() => popup.textContent()).toContain("井亭村");
    expect(await popup.getByRole("link").getAttribute("href")).toBe(`/villages/${v.id}`);
    await screenshot(page, "map-popup");
  });

  it("filters the project sites without reloading the page, and keeps the filter in the URL", async () => {
    await page.goto(`${server.url}/map`);
    await page.locator('.map-canvas[data-ready="true"]').waitFor();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.getByLabel("状态").selectOption({ label: "洽谈" });
    await page.waitForURL(/status=negotiating/);
    const [{ n }] = await query<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM projects WHERE status = 'negotiating' AND lat IS NOT NULL`
    );
    await expect.poll(projectsShown).toBe(n);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    // a shared link shows the same map
    const shared = await browser.newPage();
    await shared.goto(page.url());
    await shared.locator('.map-canvas[data-ready="true"]').waitFor();
    await expect
      .poll(
        async () =>
          (await shared.locator(".project-marker").count()) + (await shared.locator(".cluster-projects").count())
      )
      .toBeGreaterThan(0);
    expect(await shared.getByLabel("状态").inputValue()).toBe("negotiating");
    await shared.close();
  });

  it("switches a layer off", async () => {
    await page.getByRole("checkbox", { name: /项目/ }).uncheck();
    await page.waitForURL(/layers=villages%2Centerprises|layers=villages,enterprises/);
    await expect.poll(projectsShown).toBe(0);
    expect(await page.locator("path.village-marker").count()).toBeGreaterThan(0);
  });
});

describe("/map.geojson", () => {
  it("answers nonsense filters with 400 and a message", async () => {
    const cookie = await loginCookie(server.url, "admin", "demo-admin-2024");
    for (const [query, message] of [
      ["status=finished", "未知的项目状态"],
      ["year=abcd", "年度应为"],
      ["bbox=1,2,3", "范围应为"],
      ["layers=roads", "未知的图层"],
    ]) {
      const response = await fetch(`${server.url}/map.geojson?${query}`, { headers: { Cookie: cookie } });
      expect(response.status, query).toBe(400);
      expect((await response.json()).error, query).toContain(message);
    }
  });
});
