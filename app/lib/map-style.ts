/** Project status colours, shared by the map markers, its legend and the lists' status dots. */
export const STATUS_COLORS: Record<string, string> = {
  negotiating: "#9e9e9e",
  signed: "#1a5fb4",
  building: "#e08a00",
  operating: "#1e7d45",
  ended: "#6d2b2b",
};

export const MAP_LAYERS = ["villages", "projects", "enterprises"] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];
