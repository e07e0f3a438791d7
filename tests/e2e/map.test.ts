import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type BrowserApp } from "../helpers/app";
import { browserErrors, pick, screenshot, accessibilityViolations } from "../helpers/browser";
import type { TestServer } from "../helpers/server";

// The map with no tile server reachable (every request off this machine is refused).

let app: BrowserApp;
let server: TestServer;
let browser: BrowserContext;
let page: Page;
const query = <T>(q: ReturnType<typeof sql>) => app.query<T>(q);

beforeAll(async () => {
  app = await startApp();
  ({ server, browser, page } = app);
  await app.openAs("admin");
});

afterAll(() => app?.stop());

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
    // the township and partners come when the popup opens (GET /map/village/:id)
    await expect.poll(() => popup.textContent()).toContain("合作企业：天祥集团、绿杨新材料有限公司");
    expect(await popup.textContent()).toContain("青杨镇");
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
    const cookie = await app.cookie("admin");
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

describe("picking a location in a form", () => {
  it("fills the inputs by a click on the picker, and moves the marker when the inputs change", async () => {
    await page.goto(`${server.url}/projects/new`);
    const picker = page.getByRole("application", { name: "位置" });
    await page.locator('.picker-map[data-ready="true"]').waitFor();
    expect(await page.locator(".pick-marker").count()).toBe(0);
    const box = (await picker.boundingBox())!;
    await picker.click({ position: { x: box.width / 2 + 20, y: box.height / 2 - 10 } });
    await expect.poll(() => page.getByLabel("纬度").inputValue()).toMatch(/^3[12]\.\d+$/);
    const lng = Number(await page.getByLabel("经度").inputValue());
    expect(lng).toBeGreaterThan(119);
    expect(lng).toBeLessThan(121);
    expect(await page.locator(".pick-marker").count()).toBe(1);
    await screenshot(page, "picker");
    // typing moves the marker
    const before = await page.locator(".pick-marker").boundingBox();
    await page.getByLabel("纬度").fill("32.60");
    await expect.poll(async () => (await page.locator(".pick-marker").boundingBox())?.y).not.toBe(before?.y);
  });

  it("places a new project by clicking, and it appears on the map", async () => {
    await page.getByLabel("项目名称").fill("地图上放置的项目");
    await page.getByLabel("类型").selectOption({ label: "新能源" });
    await pick(page, "添加村", "井亭村");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/projects\/\d+\?done=created$/);
    const [row] = await query<{ lat: number; lng: number }>(
      sql`SELECT lat, lng FROM projects WHERE name = '地图上放置的项目'`
    );
    expect(row.lat).toBe(32.6);
    const geo = await page.evaluate(async () =>
      (await fetch("/map.geojson?layers=projects&status=negotiating")).json()
    );
    const feature = geo.features.find(
      (f: { properties: { name: string } }) => f.properties.name === "地图上放置的项目"
    );
    expect(feature.geometry.coordinates).toEqual([row.lng, row.lat]);
    await page.locator('.picker-map.mini[data-ready="true"]').waitFor();
    expect(await page.locator(".pick-marker").count()).toBe(1);
  });
});

describe("a village's boundary", () => {
  const polygon = {
    type: "Feature",
    properties: {},
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [120.13, 32.535],
          [120.147, 32.535],
          [120.147, 32.548],
          [120.13, 32.548],
          [120.13, 32.535],
        ],
      ],
    },
  };

  it("refuses a file that is not a polygon, writing nothing, then takes a good one and draws it", async () => {
    const [v] = await query<{ id: number }>(sql`SELECT id FROM villages WHERE name = '井亭村'`);
    await page.goto(`${server.url}/villages/${v.id}/edit`);
    await page.getByLabel("村界（GeoJSON 文件）").setInputFiles({
      name: "point.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(JSON.stringify({ type: "Point", coordinates: [120.1, 32.5] })),
    });
    await page.getByRole("button", { name: "保存" }).click();
    await expect
      .poll(() => page.locator(".error-list").allTextContents())
      .toEqual(["边界应为面（Polygon 或 MultiPolygon），不能是点或线"]);
    expect(
      (await query<{ boundary: string | null }>(sql`SELECT boundary FROM villages WHERE id = ${v.id}`))[0].boundary
    ).toBeNull();
    await page.getByLabel("村界（GeoJSON 文件）").setInputFiles({
      name: "jingting.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(JSON.stringify(polygon)),
    });
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/villages\/\d+\?done=saved$/);
    const [saved] = await query<{ boundary: string }>(sql`SELECT boundary FROM villages WHERE id = ${v.id}`);
    expect(JSON.parse(saved.boundary)).toEqual(polygon.geometry);
    await page.locator('.picker-map.mini[data-ready="true"]').waitFor();
    await expect.poll(() => page.locator(".picker-map.mini path.leaflet-interactive").count()).toBe(1);
    await screenshot(page, "village-boundary");
    await page.goto(`${server.url}/map?layers=villages`);
    await expect.poll(() => page.locator("path.village-boundary").count()).toBe(1);
  });
});

describe("the browser", () => {
  it("saw no uncaught error and no console error", async () => {
    expect(browserErrors(browser)).toEqual([]);
    // and axe-core found nothing wrong on any page it showed, of any impact
    expect(await accessibilityViolations(browser)).toEqual([]);
  });
});
