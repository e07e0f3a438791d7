import { and, eq, exists, isNotNull, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import { enterprises, PROJECT_STATUSES, PROJECT_TYPES, projects, projectVillages, villages } from "../../db/schema";
import { currentYear } from "~/lib/dates";
import type { Boundary } from "~/lib/geojson";
import { MAP_LAYERS, type MapLayer } from "~/lib/map-style";
import { namesBy } from "./shared.server";
import { projectMembers } from "./project.server";
import { latestIncomeYear, villageIncomeSummary } from "./summary.server";

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

/** Reads the filters from a URL; an error key for anything that makes no sense (a 400, not a guess). */
export async function mapFiltersFrom(
  url: URL
): Promise<{ ok: true; filters: MapFilters } | { ok: false; error: string }> {
  const p = url.searchParams;
  const id = (name: string) => {
    const v = p.get(name);
    if (!v) return { ok: true as const, value: undefined };
    const n = Number(v);
    return Number.isSafeInteger(n) && n > 0 ? { ok: true as const, value: n } : { ok: false as const };
  };
  const township = id("township");
  const organization = id("organization");
  if (!township.ok || !organization.ok) return { ok: false, error: "error.map.id" };
  const type = p.get("type") || undefined;
  if (type && !PROJECT_TYPES.includes(type as (typeof PROJECT_TYPES)[number]))
    return { ok: false, error: "error.map.type" };
  const status = p.get("status") || undefined;
  if (status && !PROJECT_STATUSES.includes(status as (typeof PROJECT_STATUSES)[number]))
    return { ok: false, error: "error.map.status" };
  const yearText = p.get("year");
  if (yearText && !/^\d{4}$/.test(yearText)) return { ok: false, error: "error.year" };
  const layersText = p.get("layers");
  const layers = layersText ? layersText.split(",").filter(Boolean) : [...MAP_LAYERS];
  if (layers.some((l) => !MAP_LAYERS.includes(l as MapLayer))) return { ok: false, error: "error.map.layers" };
  let bbox: MapFilters["bbox"];
  const bboxText = p.get("bbox");
  if (bboxText) {
    const parts = bboxText.split(",").map(Number);
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[0] > parts[2] || parts[1] > parts[3]) {
      return { ok: false, error: "error.map.bbox" };
    }
    bbox = parts as [number, number, number, number];
  }
  return {
    ok: true,
    filters: {
      townshipId: township.value,
      organizationId: organization.value,
      type: type as MapFilters["type"],
      status: status as MapFilters["status"],
      year: yearText ? Number(yearText) : (await latestIncomeYear()) ?? currentYear(),
      layers: layers as MapLayer[],
      bbox,
    },
  };
}

type Feature = {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: [number, number] } | Boundary;
  properties: Record<string, string | number | boolean | null>;
};

const inBox = (f: MapFilters, lat: number, lng: number) =>
  !f.bbox || (lng >= f.bbox[0] && lat >= f.bbox[1] && lng <= f.bbox[2] && lat <= f.bbox[3]);

export async function mapFeatures(f: MapFilters) {
  const db = await getDb();
  const features: Feature[] = [];

  if (f.layers.includes("villages")) {
    const summary = await villageIncomeSummary({ year: f.year, townshipId: f.townshipId });
    const income = new Map(summary.rows.map((r) => [r.villageId, r]));
    const rows = await db
      .select({
        id: villages.id,
        name: villages.name,
        lat: villages.lat,
        lng: villages.lng,
        boundary: villages.boundary,
      })
      .from(villages)
      .where(f.townshipId ? eq(villages.townshipId, f.townshipId) : undefined);
    // partner enterprises of each village, through its organizations and projects: one query
    const partners = namesBy(
      await db.all<{ key: number; name: string }>(sql`
        SELECT DISTINCT links.village_id AS key, e.name FROM (
          SELECT ov.village_id, oe.enterprise_id FROM organization_villages ov JOIN organization_enterprises oe ON oe.organization_id = ov.organization_id
          UNION SELECT pv.village_id, pe.enterprise_id FROM project_villages pv JOIN project_enterprises pe ON pe.project_id = pv.project_id
        ) links JOIN enterprises e ON e.id = links.enterprise_id ORDER BY e.name`)
    );
    for (const v of rows) {
      const s = income.get(v.id);
      const hasPoint = v.lat !== null && v.lng !== null;
      if (!v.boundary && !hasPoint) continue;
      if (hasPoint && !inBox(f, v.lat!, v.lng!)) continue;
      features.push({
        type: "Feature",
        id: `village-${v.id}`,
        geometry: v.boundary ? (JSON.parse(v.boundary) as Boundary) : { type: "Point", coordinates: [v.lng!, v.lat!] },
        properties: {
          layer: "village",
          id: v.id,
          name: v.name,
          township: s?.townshipName ?? null,
          partners: (partners.get(v.id) ?? []).join("、"),
          lat: v.lat,
          lng: v.lng,
          incomeFen: s?.totalFen ?? 0,
          operatingIncomeFen: s?.operatingIncomeFen ?? 0,
          weak: s?.weak ?? false,
          url: `/villages/${v.id}`,
        },
      });
    }
  }

  if (f.layers.includes("projects")) {
    const where: SQL[] = [isNotNull(projects.lat), isNotNull(projects.lng)];
    if (f.type) where.push(eq(projects.type, f.type));
    if (f.status) where.push(eq(projects.status, f.status));
    if (f.organizationId) where.push(eq(projects.organizationId, f.organizationId));
    if (f.townshipId) {
      where.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(projectVillages)
            .innerJoin(villages, eq(villages.id, projectVillages.villageId))
            .where(and(eq(projectVillages.projectId, projects.id), eq(villages.townshipId, f.townshipId)))
        )
      );
    }
    if (f.bbox) {
      where.push(
        sql`${projects.lng} BETWEEN ${f.bbox[0]} AND ${f.bbox[2]} AND ${projects.lat} BETWEEN ${f.bbox[1]} AND ${f.bbox[3]}`
      );
    }
    const rows = await db
      .select()
      .from(projects)
      .where(and(...where));
    const members = await projectMembers(rows.map((r) => r.id));
    for (const p of rows) {
      features.push({
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
      });
    }
  }

  if (f.layers.includes("enterprises")) {
    const rows = await db
      .select({
        id: enterprises.id,
        name: enterprises.name,
        industry: enterprises.industry,
        lat: enterprises.lat,
        lng: enterprises.lng,
      })
      .from(enterprises)
      .where(and(isNotNull(enterprises.lat), isNotNull(enterprises.lng)));
    for (const e of rows) {
      if (!inBox(f, e.lat!, e.lng!)) continue;
      features.push({
        type: "Feature",
        id: `enterprise-${e.id}`,
        geometry: { type: "Point", coordinates: [e.lng!, e.lat!] },
        properties: { layer: "enterprise", id: e.id, name: e.name, industry: e.industry, url: `/enterprises/${e.id}` },
      });
    }
  }

  return { type: "FeatureCollection" as const, year: f.year, features };
}
