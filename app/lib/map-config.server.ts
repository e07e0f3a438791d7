/** Tiles by configuration: OpenStreetMap by default, Tianditu or an intranet server by MAP_TILE_URL. */
export function mapConfig() {
  return {
    tileUrl: process.env.MAP_TILE_URL || "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",
    attribution: process.env.MAP_TILE_ATTRIBUTION || "© OpenStreetMap contributors",
    subdomains: process.env.MAP_TILE_SUBDOMAINS || "abc",
    crs: process.env.MAP_TILE_CRS === "gcj02" ? ("gcj02" as const) : ("wgs84" as const),
  };
}

export type MapConfig = ReturnType<typeof mapConfig>;
