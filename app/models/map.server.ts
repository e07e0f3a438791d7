import { and, count, eq, isNotNull, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import { enterprises, PROJECT_STATUSES, PROJECT_TYPES, projects, townships, villages } from "../../db/schema";
import type { Boundary } from "~/lib/geojson";
import type { MapLayer } from "~/lib/map-style";
import type { MapDetails, MapView } from "~/lib/map-view";
import { inJson, jsonRows, jsonTuples, namesBy } from "./shared.server";
import { projectMembers } from "./project.server";
import { operatingSql, yearRules } from "./settings.server";

// The map's data as a GeoJSON FeatureCollection (WGS-84, [lng, lat]): villages (point or outline)
// with the year's income, project sites, enterprises. The same filters as the map page.

export type MapFilters = {
  townshipId?: number;
  type?: (typeof PROJECT_TYPES)[number];
  status?: (typeof PROJECT_STATUSES)[number];
  organizationId?: number;
  year: number;
  layers: MapLayer[];
  /** [minLng, minLat, maxLng, maxLat]: only what is in view */
  bbox?: [number, number, number, number];
};

type Feature = {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: [number, number] } | Boundary;
  properties: Record<string, string | number | boolean | null>;
};

/** Beyond this many points in view, the map gets a grid of clusters instead of every point. */
export const MAP_FEATURE_LIMIT = 2000;
/** The cluster grid: at most GRID × GRID cells over the view (about 60 px a cell on a laptop). */
export const GRID = 16;

type Box = [number, number, number, number];
const within = (lng: AnyColumn, lat: AnyColumn, box?: Box) =>
  box ? sql`${lng} BETWEEN ${box[0]} AND ${box[2]} AND ${lat} BETWEEN ${box[1]} AND ${box[3]}` : undefined;

/** Which rows of each layer the filters and the view select (points only: a site needs a place). */
function layerWhere(f: MapFilters) {
  const project: SQL[] = [isNotNull(projects.lat), isNotNull(projects.lng)];
  if (f.type) project.push(eq(projects.type, f.type));
  if (f.status) project.push(eq(projects.status, f.status));
  if (f.organizationId) project.push(eq(projects.organizationId, f.organizationId));
  if (f.townshipId) {
    project.push(
      sql`EXISTS (SELECT 1 FROM project_villages pv JOIN villages tv ON tv.id = pv.village_id
        WHERE pv.project_id = ${projects.id} AND tv.township_id = ${f.townshipId})`
    );
  }
  return {
    villages: and(
      isNotNull(villages.lat),
      isNotNull(villages.lng),
      f.townshipId ? eq(villages.townshipId, f.townshipId) : undefined,
      within(villages.lng, villages.lat, f.bbox)
    )!,
    projects: and(...project, within(projects.lng, projects.lat, f.bbox))!,
    enterprises: and(
      isNotNull(enterprises.lat),
      isNotNull(enterprises.lng),
      within(enterprises.lng, enterprises.lat, f.bbox)
    )!,
  };
}

const LAYER_TABLES = { villages, projects, enterprises } as const;

/** How many points of each layer the filters and the view select, and in all. */
async function layerCounts(f: MapFilters, where: ReturnType<typeof layerWhere>) {
  const db = await getDb();
  const counted = await Promise.all(
    f.layers.map(async (layer) => {
      const [row] = await db.select({ n: count() }).from(LAYER_TABLES[layer]).where(where[layer]);
      return [layer, row.n] as const;
    })
  );
  return {
    counts: Object.fromEntries(counted) as Partial<Record<MapLayer, number>>,
    total: counted.reduce((n, [, c]) => n + c, 0),
  };
}

/**
 * The map's features. Up to MAP_FEATURE_LIMIT points in view: every village, site and enterprise
 * with what its popup shows. Beyond that (a province seen whole): one cluster per grid cell with
 * its counts, and the page asks again for the smaller view the user zooms into.
 */
export async function mapFeatures(f: MapFilters, { clusterBeyond = MAP_FEATURE_LIMIT } = {}) {
  const where = layerWhere(f);
  const { counts, total } = await layerCounts(f, where);
  if (total > clusterBeyond) {
    return { type: "FeatureCollection" as const, year: f.year, clustered: true, counts, features: await clusters(f) };
  }
  const features: Feature[] = [];
  if (f.layers.includes("villages")) features.push(...(await villageFeatures(f, where.villages)));
  if (f.layers.includes("projects")) features.push(...(await projectFeatures(where.projects)));
  if (f.layers.includes("enterprises")) features.push(...(await enterpriseFeatures(where.enterprises)));
  return { type: "FeatureCollection" as const, year: f.year, clustered: false, counts, features };
}

async function villageFeatures(f: MapFilters, where: SQL): Promise<Feature[]> {
  const db = await getDb();
  const rules = await yearRules(f.year);
  // points in view, and outlines of villages without a point (they have no place to test)
  const rows = await db
    .select({
      id: villages.id,
      name: villages.name,
      lat: villages.lat,
      lng: villages.lng,
      boundary: villages.boundary,
      township: townships.name,
      totalFen: sql<number>`COALESCE(y.total_fen, 0)`,
      operatingIncomeFen: sql<number>`${operatingSql(rules, "y")}`,
    })
    .from(villages)
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .leftJoin(sql`village_year_income y`, sql`y.year = ${f.year} AND y.village_id = ${villages.id}`)
    .where(
      or(
        where,
        and(
          isNotNull(villages.boundary),
          or(isNull(villages.lat), isNull(villages.lng)),
          f.townshipId ? eq(villages.townshipId, f.townshipId) : undefined
        )
      )
    );
  // partner enterprises of each village, through its organizations and projects
  const ids = inJson(rows.map((r) => r.id));
  const partners = namesBy(
    await db.all<{ key: number; name: string }>(sql`
      SELECT DISTINCT links.village_id AS key, e.name FROM (
        SELECT ov.village_id, oe.enterprise_id FROM organization_villages ov JOIN organization_enterprises oe ON oe.organization_id = ov.organization_id
        WHERE ov.village_id IN ${ids}
        UNION SELECT pv.village_id, pe.enterprise_id FROM project_villages pv JOIN project_enterprises pe ON pe.project_id = pv.project_id
        WHERE pv.village_id IN ${ids}
      ) links JOIN enterprises e ON e.id = links.enterprise_id ORDER BY e.name`)
  );
  return rows.map((v) => ({
    type: "Feature",
    id: `village-${v.id}`,
    geometry: v.boundary ? (JSON.parse(v.boundary) as Boundary) : { type: "Point", coordinates: [v.lng!, v.lat!] },
    properties: {
      layer: "village",
      id: v.id,
      name: v.name,
      township: v.township,
      partners: (partners.get(v.id) ?? []).join("、"),
      lat: v.lat,
      lng: v.lng,
      incomeFen: v.totalFen,
      operatingIncomeFen: v.operatingIncomeFen,
      weak: v.operatingIncomeFen < rules.weakThresholdFen,
      url: `/villages/${v.id}`,
    },
  }));
}

async function projectFeatures(where: SQL): Promise<Feature[]> {
  const rows = await jsonRows<{
    id: number;
    name: string;
    type: string;
    status: string;
    lat: number;
    lng: number;
    expectedIncomeFen: number | null;
  }>(
    ["id", "name", "type", "status", "lat", "lng", "expectedIncomeFen"],
    sql`SELECT id, name, type, status, lat, lng, expected_income_fen AS expectedIncomeFen FROM projects WHERE ${where}`
  );
  const members = await projectMembers(rows.map((r) => r.id));
  return rows.map((p) => ({
    type: "Feature",
    id: `project-${p.id}`,
    geometry: { type: "Point", coordinates: [p.lng!, p.lat!] },
    properties: {
      layer: "project",
      id: p.id,
      name: p.name,
      projectType: p.type,
      status: p.status,
      villages: (members.villages.get(p.id) ?? []).join("、"),
      enterprises: (members.enterprises.get(p.id) ?? []).join("、"),
      expectedIncomeFen: p.expectedIncomeFen,
      url: `/projects/${p.id}`,
    },
  }));
}

async function enterpriseFeatures(where: SQL): Promise<Feature[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      industry: enterprises.industry,
      lat: enterprises.lat,
      lng: enterprises.lng,
    })
    .from(enterprises)
    .where(where);
  return rows.map((e) => ({
    type: "Feature",
    id: `enterprise-${e.id}`,
    geometry: { type: "Point", coordinates: [e.lng!, e.lat!] },
    properties: { layer: "enterprise", id: e.id, name: e.name, industry: e.industry, url: `/enterprises/${e.id}` },
  }));
}

/**
 * Everything in view counted on a grid, in SQL: one feature per non-empty cell, placed at the
 * mean of its points, with how many villages, sites and enterprises it holds and the cell's box.
 */
async function clusters(f: MapFilters): Promise<Feature[]> {
  const db = await getDb();
  const where = layerWhere(f);
  const parts = f.layers.map((layer) => {
    const table = LAYER_TABLES[layer];
    return sql`SELECT ${layer} AS layer, ${table.lat} AS lat, ${table.lng} AS lng FROM ${table} WHERE ${where[layer]}`;
  });
  const points = sql.join(parts, sql` UNION ALL `);
  let box = f.bbox;
  if (!box) {
    const [extent] = await db.all<{ w: number; s: number; e: number; n: number }>(
      sql`SELECT MIN(lng) AS w, MIN(lat) AS s, MAX(lng) AS e, MAX(lat) AS n FROM (${points})`
    );
    box = [extent.w, extent.s, extent.e, extent.n];
  }
  const [w, s, e, n] = box;
  // square cells (in degrees), GRID along the longer side, so clusters do not crowd one way
  const cell = Math.max(e - w, n - s, 1e-9) / GRID;
  const cols = Math.max(1, Math.ceil((e - w) / cell));
  const rows = Math.max(1, Math.ceil((n - s) / cell));
  const cells = await db.all<{ cx: number; cy: number; lat: number; lng: number } & Record<MapLayer, number>>(sql`
    SELECT MIN(CAST((lng - ${w}) / ${cell} AS INTEGER), ${cols - 1}) AS cx,
      MIN(CAST((lat - ${s}) / ${cell} AS INTEGER), ${rows - 1}) AS cy,
      AVG(lat) AS lat, AVG(lng) AS lng,
      SUM(layer = 'villages') AS villages, SUM(layer = 'projects') AS projects, SUM(layer = 'enterprises') AS enterprises
    FROM (${points}) GROUP BY cx, cy`);
  return cells.map((c) => ({
    type: "Feature",
    id: `cluster-${c.cx}-${c.cy}`,
    geometry: { type: "Point", coordinates: [c.lng, c.lat] },
    properties: {
      layer: "cluster",
      count: c.villages + c.projects + c.enterprises,
      villages: c.villages,
      projects: c.projects,
      enterprises: c.enterprises,
      // the cell, to zoom into: [west, south, east, north]
      bbox: [w + c.cx * cell, s + c.cy * cell, w + (c.cx + 1) * cell, s + (c.cy + 1) * cell].join(","),
    },
  }));
}

/** Coordinates to five decimals (about a metre): what a marker needs, in fewer bytes. */
const round5 = (x: number | null) => (x === null ? null : Math.round(x * 1e5) / 1e5);

/**
 * What the map page draws (lib/map-view): the same selection as mapFeatures, each layer as
 * columns with only what draws its markers; clusters beyond MAP_FEATURE_LIMIT points in view.
 */
export async function mapView(f: MapFilters): Promise<MapView> {
  const where = layerWhere(f);
  const { counts, total } = await layerCounts(f, where);
  const view: MapView = {
    year: f.year,
    clustered: false,
    counts,
    villages: { id: [], name: [], lng: [], lat: [], incomeFen: [], weak: [], boundary: [] },
    projects: { id: [], name: [], lng: [], lat: [], type: [], status: [] },
    enterprises: { id: [], name: [], lng: [], lat: [] },
    clusters: [],
  };
  if (total > MAP_FEATURE_LIMIT) {
    view.clustered = true;
    view.clusters = (await clusters(f)).map((c) => {
      const p = c.properties;
      const [lng, lat] = (c.geometry as { coordinates: [number, number] }).coordinates;
      return [
        round5(lng)!,
        round5(lat)!,
        Number(p.villages),
        Number(p.projects),
        Number(p.enterprises),
        String(p.bbox),
      ];
    });
    return view;
  }
  if (f.layers.includes("villages")) {
    const rules = await yearRules(f.year);
    const rows = (await jsonTuples(
      ["id", "name", "lng", "lat", "incomeFen", "operatingFen", "boundary"],
      // the table by its own name: the layer's condition names its columns so
      sql`SELECT villages.id, villages.name, villages.lng, villages.lat, COALESCE(y.total_fen, 0) AS incomeFen,
        ${operatingSql(rules, "y")} AS operatingFen, villages.boundary
      FROM villages LEFT JOIN village_year_income y ON y.year = ${f.year} AND y.village_id = villages.id
      WHERE ${where.villages} OR (villages.boundary IS NOT NULL AND (villages.lat IS NULL OR villages.lng IS NULL)
        ${f.townshipId ? sql`AND villages.township_id = ${f.townshipId}` : sql``})`
    )) as [number, string, number | null, number | null, number, number, string | null][];
    const v = view.villages;
    for (const [id, name, lng, lat, incomeFen, operatingFen, boundary] of rows) {
      v.id.push(id);
      v.name.push(name);
      v.lng.push(round5(lng));
      v.lat.push(round5(lat));
      v.incomeFen.push(incomeFen);
      v.weak.push(operatingFen < rules.weakThresholdFen ? 1 : 0);
      v.boundary.push(boundary ? JSON.parse(boundary) : null);
    }
  }
  if (f.layers.includes("projects")) {
    const rows = (await jsonTuples(
      ["id", "name", "lng", "lat", "type", "status"],
      sql`SELECT id, name, lng, lat, type, status FROM projects WHERE ${where.projects}`
    )) as [number, string, number, number, string, string][];
    const p = view.projects;
    for (const [id, name, lng, lat, type, status] of rows) {
      p.id.push(id);
      p.name.push(name);
      p.lng.push(round5(lng)!);
      p.lat.push(round5(lat)!);
      p.type.push(type);
      p.status.push(status);
    }
  }
  if (f.layers.includes("enterprises")) {
    const rows = (await jsonTuples(
      ["id", "name", "lng", "lat"],
      sql`SELECT id, name, lng, lat FROM enterprises WHERE ${where.enterprises}`
    )) as [number, string, number, number][];
    const e = view.enterprises;
    for (const [id, name, lng, lat] of rows) {
      e.id.push(id);
      e.name.push(name);
      e.lng.push(round5(lng)!);
      e.lat.push(round5(lat)!);
    }
  }
  return view;
}

/** What a popup shows beyond its marker: a village's township and partners, a project's members. */
export async function mapDetails(layer: "village" | "project", id: number): Promise<MapDetails | null> {
  const db = await getDb();
  if (layer === "village") {
    const [village] = await db
      .select({ township: townships.name })
      .from(villages)
      .innerJoin(townships, eq(townships.id, villages.townshipId))
      .where(eq(villages.id, id));
    if (!village) return null;
    const partners = await db.all<{ name: string }>(sql`
      SELECT DISTINCT e.name FROM (
        SELECT oe.enterprise_id FROM organization_villages ov JOIN organization_enterprises oe ON oe.organization_id = ov.organization_id
        WHERE ov.village_id = ${id}
        UNION SELECT pe.enterprise_id FROM project_villages pv JOIN project_enterprises pe ON pe.project_id = pv.project_id
        WHERE pv.village_id = ${id}
      ) links JOIN enterprises e ON e.id = links.enterprise_id ORDER BY e.name`);
    return { layer, township: village.township, partners: partners.map((p) => p.name) };
  }
  const [project] = await db
    .select({ expectedIncomeFen: projects.expectedIncomeFen })
    .from(projects)
    .where(eq(projects.id, id));
  if (!project) return null;
  const members = await projectMembers([id]);
  return {
    layer,
    villages: members.villages.get(id) ?? [],
    enterprises: members.enterprises.get(id) ?? [],
    expectedIncomeFen: project.expectedIncomeFen,
  };
}
