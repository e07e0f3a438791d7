import { CHINA_EXTENT } from "~/validation/form";

// A village boundary arrives as a GeoJSON file: a Polygon or MultiPolygon, bare or wrapped in a
// Feature or a one-feature FeatureCollection. It is stored as the bare geometry.

export type Boundary =
  | { type: "Polygon"; coordinates: number[][][] }
  | { type: "MultiPolygon"; coordinates: number[][][][] };

function ringOk(ring: unknown): boolean {
  if (!Array.isArray(ring) || ring.length < 4) return false;
  const points = ring as unknown[];
  for (const p of points) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== "number" || typeof p[1] !== "number") return false;
    const [lng, lat] = p as number[];
    if (
      lng < CHINA_EXTENT.minLng ||
      lng > CHINA_EXTENT.maxLng ||
      lat < CHINA_EXTENT.minLat ||
      lat > CHINA_EXTENT.maxLat
    )
      return false;
  }
  const first = points[0] as number[];
  const last = points[points.length - 1] as number[];
  return first[0] === last[0] && first[1] === last[1];
}

const polygonOk = (rings: unknown) => Array.isArray(rings) && rings.length > 0 && rings.every(ringOk);

type GeoJsonObject = { type?: unknown; coordinates?: unknown; geometry?: unknown; features?: unknown };
/** A JSON value as an object to look into: null, a number or a list hold nothing. */
const asObject = (value: unknown): GeoJsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as GeoJsonObject) : {};

/** Parses and checks a boundary; errors are i18n keys. */
export function parseBoundary(text: string): { ok: true; value: Boundary } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "error.boundary.json" };
  }
  let geometry = asObject(json);
  if (geometry.type === "FeatureCollection") {
    if (!Array.isArray(geometry.features) || geometry.features.length !== 1)
      return { ok: false, error: "error.boundary.oneFeature" };
    geometry = asObject(asObject(geometry.features[0]).geometry);
  } else if (geometry.type === "Feature") {
    geometry = asObject(geometry.geometry);
  }
  if (geometry.type === "Polygon") {
    return polygonOk(geometry.coordinates)
      ? { ok: true, value: { type: "Polygon", coordinates: geometry.coordinates as number[][][] } }
      : { ok: false, error: "error.boundary.rings" };
  }
  if (geometry.type === "MultiPolygon") {
    const polygons = geometry.coordinates;
    return Array.isArray(polygons) && polygons.length > 0 && polygons.every(polygonOk)
      ? { ok: true, value: { type: "MultiPolygon", coordinates: polygons as number[][][][] } }
      : { ok: false, error: "error.boundary.rings" };
  }
  return { ok: false, error: "error.boundary.type" };
}
