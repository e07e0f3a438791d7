import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type BrowserApp } from "../helpers/app";
import { browserErrors, screenshot, accessibilityViolations } from "../helpers/browser";
import type { TestServer } from "../helpers/server";

// More points than the page shows at once (2,000): the map gets a grid of clusters, and asks
// for the visible area again after every move, until what is in view fits.

let app: BrowserApp;
let server: TestServer;
let browser: BrowserContext;
let page: Page;
const ADDED = 3000;

beforeAll(async () => {
  // 3,000 enterprises over a square around the demo township
  app = await startApp({
    prepare: async (db) => {
      const values = Array.from(
        { length: ADDED },
        (_, i) => `('测试企业${i}', ${32.42 + (i % 60) * 0.003}, ${120.08 + Math.floor(i / 60) * 0.004})`
      );
      await db.run(sql.raw(`INSERT INTO enterprises (name, lat, lng) VALUES ${values.join(",")}`));
    },
  });
  ({ server, browser, page } = app);
  await app.openAs("admin");
});

afterAll(() => app?.stop());

const gridCounts = async () =>
  (await page.locator(".cluster-grid span").allTextContents()).reduce((n, c) => n + Number(c), 0);

describe("a map with more points than one page shows", () => {
  it("shows clusters that add up to every point, and the layer counts of the whole", async () => {
    const bboxRequests: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/map.json") && r.url().includes("bbox=")) bboxRequests.push(r.url());
    });
    await page.goto(`${server.url}/map`);
    await page.locator(".cluster-grid").first().waitFor();
    const { points, enterprises } = await app.one<{ points: number; enterprises: number }>(sql`
      SELECT (SELECT COUNT(*) FROM villages WHERE lat IS NOT NULL) + (SELECT COUNT(*) FROM projects WHERE lat IS NOT NULL)
        + (SELECT COUNT(*) FROM enterprises WHERE lat IS NOT NULL) AS points,
        (SELECT COUNT(*) FROM enterprises WHERE lat IS NOT NULL) AS enterprises`);
    expect(enterprises).toBeGreaterThan(ADDED);
    // after fitting the clusters the page asks for the visible area: still clusters, all of them in view
    await expect.poll(() => bboxRequests.length).toBeGreaterThan(0);
    await page.waitForLoadState("networkidle");
    await expect.poll(gridCounts).toBe(points);
    expect(await page.locator(".layer-switch").textContent()).toContain(`(${enterprises})`);
    await screenshot(page, "map-clusters");
  });

  it("zooms into a cluster on a click and then draws each point in view", async () => {
    const cluster = page.locator(".cluster-grid").first();
    const inCell = Number(await cluster.textContent());
    await cluster.click();
    await expect.poll(() => page.locator(".cluster-grid").count()).toBe(0);
    const shown = async () =>
      (await page.locator(".enterprise-marker, .project-marker").count()) +
      (await page.locator(".cluster-enterprises span, .cluster-projects span").allTextContents()).reduce(
        (n, c) => n + Number(c),
        0
      ) +
      (await page.locator("path.village-marker").count());
    await expect.poll(shown).toBeGreaterThanOrEqual(inCell);
    await screenshot(page, "map-clusters-zoomed");
    expect(browserErrors(browser)).toEqual([]);
    expect(await accessibilityViolations(browser)).toEqual([]);
  });
});
