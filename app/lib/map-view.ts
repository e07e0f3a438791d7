import type { MapLayer } from "./map-style";

// What the map page draws, as the server sends it (models/map.server.ts mapView): each layer as
// columns of equal length rather than a GeoJSON feature per point, with only what draws a marker
// (a county view of 1,500 points is about 50 bytes a point instead of 350); the popup asks
// /map/:layer/:id for the rest when it opens. The GeoJSON download keeps every property.

export type Lng = number;
export type Lat = number;

export type MapView = {
  year: number;
  clustered: boolean;
  counts: Partial<Record<MapLayer, number>>;
  villages: {
    id: number[];
    name: string[];
    lng: (Lng | null)[];
    lat: (Lat | null)[];
    incomeFen: number[];
    weak: (0 | 1)[];
    /** a village's outline (GeoJSON geometry), or null */
    boundary: (unknown | null)[];
  };
  projects: { id: number[]; name: string[]; lng: Lng[]; lat: Lat[]; type: string[]; status: string[] };
  enterprises: { id: number[]; name: string[]; lng: Lng[]; lat: Lat[] };
  /** when clustered: one per grid cell, [lng, lat, villages, projects, enterprises, "w,s,e,n"] */
  clusters: [Lng, Lat, number, number, number, string][];
};

export type MapFeature = {
  geometry:
    | { type: "Point"; coordinates: [number, number] }
    | { type: "Polygon" | "MultiPolygon"; coordinates: unknown };
  properties: Record<string, string | number | boolean | null>;
};

/** The page's view as features for the map to draw. */
export function viewFeatures(view: MapView): MapFeature[] {
  const out: MapFeature[] = [];
  const point = (lng: number, lat: number) => ({ type: "Point" as const, coordinates: [lng, lat] as [number, number] });
  for (const [lng, lat, villages, projects, enterprises, bbox] of view.clusters) {
    out.push({
      geometry: point(lng, lat),
      properties: { layer: "cluster", count: villages + projects + enterprises, villages, projects, enterprises, bbox },
    });
  }
  const v = view.villages;
  v.id.forEach((id, i) => {
    const boundary = v.boundary[i] as MapFeature["geometry"] | null;
    const lng = v.lng[i];
    const lat = v.lat[i];
    if (!boundary && (lng === null || lat === null)) return;
    out.push({
      geometry: boundary ?? point(lng!, lat!),
      properties: { layer: "village", id, name: v.name[i], incomeFen: v.incomeFen[i], weak: v.weak[i] === 1, lat, lng },
    });
  });
  const p = view.projects;
  p.id.forEach((id, i) =>
    out.push({
      geometry: point(p.lng[i], p.lat[i]),
      properties: { layer: "project", id, name: p.name[i], projectType: p.type[i], status: p.status[i] },
    })
  );
  const e = view.enterprises;
  e.id.forEach((id, i) =>
    out.push({ geometry: point(e.lng[i], e.lat[i]), properties: { layer: "enterprise", id, name: e.name[i] } })
  );
  return out;
}

/** What a village's or a project's popup adds when it opens (GET /map/:layer/:id). */
export type MapDetails =
  | { layer: "village"; township: string; partners: string[] }
  | { layer: "project"; villages: string[]; enterprises: string[]; expectedIncomeFen: number | null };
