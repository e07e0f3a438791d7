import type * as Leaflet from "leaflet";
import { gcj02ToWgs84, wgs84ToGcj02 } from "~/lib/gcj02";

// Leaflet is loaded on demand, in the browser only, so pages without a map never download it.

let loading: Promise<typeof Leaflet> | undefined;

export function loadLeaflet(): Promise<typeof Leaflet> {
  loading ??= (async () => {
    const L = (await import("leaflet")).default;
    // leaflet.markercluster extends the global L
    Object.assign(window, { L });
    await import("leaflet.markercluster");
    return L;
  })();
  return loading;
}

export type Crs = "wgs84" | "gcj02";

/** Stored WGS-84 → the tile provider's coordinates (GCJ-02 for AMap and the like). */
export const toMap = (crs: Crs, lat: number, lng: number): [number, number] =>
  crs === "gcj02" ? wgs84ToGcj02(lat, lng) : [lat, lng];
/** A point picked on the map → stored WGS-84, rounded to about a decimetre. */
export const fromMap = (crs: Crs, lat: number, lng: number): [number, number] => {
  const [a, b] = crs === "gcj02" ? gcj02ToWgs84(lat, lng) : [lat, lng];
  return [Math.round(a * 1e6) / 1e6, Math.round(b * 1e6) / 1e6];
};

/** A tile layer that tells, once, when no tile could be loaded (offline or no tile server). */
export function addTiles(
  L: typeof Leaflet,
  map: Leaflet.Map,
  config: { tileUrl: string; attribution: string; subdomains: string },
  onOffline: () => void
) {
  let told = false;
  L.tileLayer(config.tileUrl, { attribution: config.attribution, subdomains: config.subdomains, maxZoom: 18 })
    .on("tileerror", () => {
      if (!told) {
        told = true;
        onOffline();
      }
    })
    .addTo(map);
}

export function escapeHtml(text: unknown) {
  return String(text ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]!)
  );
}
