import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { prepareDatabase } from "../../db/setup";
import { currentYear } from "~/lib/dates";
import { createUser } from "~/models/user.server";
import { villageIncomeSummary } from "~/models/summary.server";
import { GRID } from "~/models/map.server";
import { loader } from "~/routes/map[.geojson]";
import { loader as jsonLoader } from "~/routes/map[.json]";
import { loader as detailsLoader } from "~/routes/map_.$layer.$id";
import { viewFeatures, type MapView } from "~/lib/map-view";
import { makeRequest, run } from "../helpers/requests";

let userId: number;

beforeAll(async () => {
  await prepareDatabase(undefined, () => {});
  userId = (
    await createUser({ username: "viewer", displayName: "领导", role: "viewer", password: "viewer-pass" }, null)
  ).id;
});

type Feature = { id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> };
async function geojson(query = "") {
  const response = await run(loader, await makeRequest(`/map.geojson${query}`, { userId }));
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

describe("/map.geojson", () => {
  it("is a FeatureCollection of every village, project site and enterprise, in WGS-84 [lng, lat]", async () => {
    const { status, type, body } = await geojson();
    expect(status).toBe(200);
    expect(type).toBe("application/geo+json; charset=utf-8");
    expect(body.type).toBe("FeatureCollection");
    const db = await getDb();
    const [counts] = await db.all<{ v: number; p: number; e: number }>(sql`
      SELECT (SELECT COUNT(*) FROM villages WHERE lat IS NOT NULL) AS v, (SELECT COUNT(*) FROM projects WHERE lat IS NOT NULL) AS p,
        (SELECT COUNT(*) FROM enterprises WHERE lat IS NOT NULL) AS e`);
    const byLayer = (layer: string) => body.features.filter((f: Feature) => f.properties.layer === layer);
    expect([byLayer("village").length, byLayer("project").length, byLayer("enterprise").length]).toEqual([
      counts.v,
      counts.p,
      counts.e,
    ]);
    const [site] = await db.all<{ id: number; lat: number; lng: number; name: string; status: string }>(
      sql`SELECT id, lat, lng, name, status FROM projects WHERE name = '井亭村标准厂房租赁'`
    );
    const feature = body.features.find((f: Feature) => f.id === `project-${site.id}`);
    expect(feature.geometry).toEqual({ type: "Point", coordinates: [site.lng, site.lat] });
    expect(feature.properties).toMatchObject({
      name: site.name,
      status: "operating",
      projectType: "building_lease",
      villages: "井亭村",
      enterprises: "天祥集团",
      url: `/projects/${site.id}`,
    });
  });

  it("carries each village's income and weak flag for the chosen year, as the summary has them", async () => {
    const year = currentYear() - 1;
    const { body } = await geojson(`?layers=villages&year=${year}`);
    const summary = await villageIncomeSummary({ year });
    for (const row of summary.rows) {
      const f = body.features.find((x: Feature) => x.properties.id === row.villageId);
      expect(f.properties, row.villageName).toMatchObject({ incomeFen: row.totalFen, weak: row.weak });
    }
    expect(body.year).toBe(year);
  });

  it("filters by status, type, organization, township and visible area", async () => {
    const db = await getDb();
    const count = async (where: ReturnType<typeof sql>) =>
      (await db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM projects p WHERE lat IS NOT NULL AND ${where}`))[0].n;
    expect((await geojson("?layers=projects&status=negotiating")).body.features).toHaveLength(
      await count(sql`status = 'negotiating'`)
    );
    expect((await geojson("?layers=projects&type=building_lease")).body.features).toHaveLength(
      await count(sql`type = 'building_lease'`)
    );
    const [org] = await db.all<{ id: number }>(sql`SELECT id FROM organizations WHERE name = '井亭村天祥绿杨联合党委'`);
    expect(
      (await geojson(`?layers=projects&organization=${org.id}`)).body.features
        .map((f: Feature) => f.properties.name)
        .sort()
    ).toEqual(["井亭村入股绿杨新材料分红", "井亭村标准厂房租赁"]);
    const [baima] = await db.all<{ id: number }>(sql`SELECT id FROM townships WHERE name = '白马镇'`);
    const inBaima = (await geojson(`?township=${baima.id}&layers=villages,projects`)).body.features;
    expect(inBaima.filter((f: Feature) => f.properties.layer === "village")).toHaveLength(5);
    expect(
      inBaima.every(
        (f: Feature) =>
          f.properties.layer === "village" || String(f.properties.villages).match(/白马村|凤凰村|民主村|长生村|马庄村/)
      )
    ).toBe(true);
    const box = (await geojson("?bbox=120.13,32.53,120.15,32.55")).body.features;
    expect(box.length).toBeGreaterThan(0);
    for (const f of box as Feature[]) {
      if (f.geometry.type !== "Point") continue;
      const [lng, lat] = f.geometry.coordinates;
      expect(lng >= 120.13 && lng <= 120.15 && lat >= 32.53 && lat <= 32.55).toBe(true);
    }
  });

  it.each([
    ["?status=finished", "未知的项目状态"],
    ["?type=mine", "未知的项目类型"],
    ["?year=20x4", "年度应为"],
    ["?township=abc", "编号应为正整数"],
    ["?bbox=121,32,120,33", "范围应为"],
  ])("answers %s with 400 and a message", async (query, message) => {
    const { status, body } = await geojson(query);
    expect(status).toBe(400);
    expect(body.error).toContain(message);
  });

  it("beyond 2,000 points in view answers a grid of clusters that adds up, and the download still holds every point", async () => {
    const db = await getDb();
    // 2,100 enterprises spread over a square around the township
    const values = Array.from(
      { length: 2100 },
      (_, i) => `('测试企业${i}', ${32.4 + (i % 50) * 0.004}, ${120.1 + Math.floor(i / 50) * 0.004})`
    );
    await db.run(sql.raw(`INSERT INTO enterprises (name, lat, lng) VALUES ${values.join(",")}`));
    const [counts] = await db.all<{ v: number; p: number; e: number }>(sql`
      SELECT (SELECT COUNT(*) FROM villages WHERE lat IS NOT NULL) AS v, (SELECT COUNT(*) FROM projects WHERE lat IS NOT NULL) AS p,
        (SELECT COUNT(*) FROM enterprises WHERE lat IS NOT NULL) AS e`);

    const { status, body } = await geojson();
    expect(status).toBe(200);
    expect(body.clustered).toBe(true);
    expect(body.counts).toEqual({ villages: counts.v, projects: counts.p, enterprises: counts.e });
    expect(body.features.length).toBeLessThanOrEqual(GRID * GRID);
    const sum = (key: string) => body.features.reduce((n: number, f: Feature) => n + Number(f.properties[key]), 0);
    expect([sum("villages"), sum("projects"), sum("enterprises")]).toEqual([counts.v, counts.p, counts.e]);
    for (const f of body.features as Feature[]) {
      expect(f.properties.layer).toBe("cluster");
      // each cluster sits inside its own cell, which the page zooms into on a click
      const [w, s, e, n] = String(f.properties.bbox).split(",").map(Number);
      const [lng, lat] = f.geometry.coordinates;
      expect(lng >= w - 1e-9 && lng <= e + 1e-9 && lat >= s - 1e-9 && lat <= n + 1e-9).toBe(true);
    }

    // a smaller view holds fewer points: every one of them, not clusters
    const small = (await geojson("?bbox=120.1,32.4,120.12,32.42")).body;
    expect(small.clustered).toBe(false);
    const inView = await db.all<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM enterprises WHERE lng BETWEEN 120.1 AND 120.12 AND lat BETWEEN 32.4 AND 32.42`
    );
    expect(small.features.filter((f: Feature) => f.properties.layer === "enterprise")).toHaveLength(inView[0].n);

    const full = (await geojson("?full=1")).body;
    expect(full.clustered).toBe(false);
    expect(full.features.filter((f: Feature) => f.properties.layer === "enterprise")).toHaveLength(counts.e);
  });
});

describe("/map.json, what the map page draws", () => {
  it("holds the same points as the GeoJSON, with each village's income and weak flag, in a third of the bytes", async () => {
    const year = currentYear() - 1;
    const response = await run(jsonLoader, await makeRequest(`/map.json?year=${year}`, { userId }));
    const text = await response.text();
    const view = JSON.parse(text) as MapView;
    const { body } = await geojson(`?year=${year}`);
    const features = viewFeatures(view);
    const key = (f: { geometry: unknown; properties: Record<string, unknown> }) =>
      `${f.properties.layer}-${f.properties.id}-${f.properties.name}-${JSON.stringify(f.geometry)}`;
    // the same points, at five decimals
    const round = (f: Feature) => ({
      ...f,
      geometry:
        f.geometry.type === "Point"
          ? { ...f.geometry, coordinates: f.geometry.coordinates.map((c) => Math.round(c * 1e5) / 1e5) }
          : f.geometry,
    });
    expect(features.map(key).sort()).toEqual(body.features.map(round).map(key).sort());
    for (const f of features.filter((x) => x.properties.layer === "village")) {
      const g = body.features.find((x: Feature) => x.id === `village-${f.properties.id}`);
      expect(f.properties).toMatchObject({ incomeFen: g.properties.incomeFen, weak: g.properties.weak });
    }
    const geojsonBytes = JSON.stringify(body).length;
    expect(text.length).toBeLessThan(geojsonBytes / 3);
  });

  it("gives a popup what its marker does not carry: a village's township and partners, a project's members", async () => {
    const db = await getDb();
    const [village] = await db.all<{ id: number }>(sql`SELECT id FROM villages WHERE name = '井亭村'`);
    const [project] = await db.all<{ id: number; expected: number }>(
      sql`SELECT id, expected_income_fen AS expected FROM projects WHERE name = '井亭村标准厂房租赁'`
    );
    const details = async (layer: string, id: number | string) => {
      const response = await run(detailsLoader, await makeRequest(`/map/${layer}/${id}`, { userId }), {
        layer,
        id: String(id),
      });
      return { status: response.status, body: response.status === 200 ? await response.json() : null };
    };
    expect((await details("village", village.id)).body).toEqual({
      layer: "village",
      township: "青杨镇",
      partners: ["天祥集团", "绿杨新材料有限公司"],
    });
    expect((await details("project", project.id)).body).toEqual({
      layer: "project",
      villages: ["井亭村"],
      enterprises: ["天祥集团"],
      expectedIncomeFen: project.expected,
    });
    expect((await details("enterprise", 1)).status).toBe(404);
    expect((await details("village", 999_999)).status).toBe(404);
  });
});
