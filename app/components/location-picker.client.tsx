import type * as Leaflet from "leaflet";
import { useEffect, useRef, useState } from "react";
import { addTiles, fromMap, loadLeaflet, toMap, type Crs } from "./leaflet.client";

const pinIcon = (L: typeof Leaflet) =>
  L.divIcon({ className: "pick-marker", html: "<span></span>", iconSize: [22, 22], iconAnchor: [11, 22] });

/**
 * A small map beside the latitude/longitude inputs: click to set the point, drag the marker to
 * move it; typing in the inputs moves the marker. Points are kept in WGS-84.
 */
export default function LocationPicker({
  config,
  lat,
  lng,
  onPick,
  label,
  boundary,
  readOnly = false,
}: {
  config: { tileUrl: string; attribution: string; subdomains: string; crs: Crs };
  lat: number | null;
  lng: number | null;
  onPick: (lat: number, lng: number) => void;
  label: string;
  boundary?: unknown;
  /** a small map on a record's page: shows the point, picks nothing */
  readOnly?: boolean;
}) {
  const element = useRef<HTMLDivElement>(null);
  const state = useRef<{ L: typeof Leaflet; map: Leaflet.Map; marker: Leaflet.Marker | null } | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  // the map is made once, from the values it opened with; later changes move the marker below
  const opened = useRef({ config, lat, lng, boundary, readOnly });
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const { config, lat, lng, boundary, readOnly } = opened.current;
    loadLeaflet().then((L) => {
      if (cancelled || !element.current) return;
      const map = L.map(element.current, {
        zoomAnimation: false,
        markerZoomAnimation: false,
        fadeAnimation: false,
      }).setView(lat !== null && lng !== null ? toMap(config.crs, lat, lng) : [32.52, 120.18], lat !== null ? 14 : 10);
      addTiles(L, map, config, () => element.current?.setAttribute("data-offline", "true"));
      if (boundary) {
        const shape = L.geoJSON(boundary as never, {
          style: { color: "#b3261e", weight: 2, fillOpacity: 0.08 },
          coordsToLatLng: ([x, y]: number[]) => L.latLng(...toMap(config.crs, y, x)),
        }).addTo(map);
        if (lat === null) map.fitBounds(shape.getBounds());
      }
      if (!readOnly)
        map.on("click", (event: Leaflet.LeafletMouseEvent) =>
          pick.current(...fromMap(config.crs, event.latlng.lat, event.latlng.lng))
        );
      state.current = { L, map, marker: null };
      setReady(true);
    });
    return () => {
      cancelled = true;
      state.current?.map.remove();
      state.current = null;
    };
  }, []);

  // the marker follows the inputs
  useEffect(() => {
    const s = state.current;
    if (!ready || !s) return;
    if (lat === null || lng === null) {
      s.marker?.remove();
      s.marker = null;
      return;
    }
    const at = toMap(config.crs, lat, lng);
    if (!s.marker) {
      s.marker = s.L.marker(at, { draggable: !readOnly, icon: pinIcon(s.L), title: label }).addTo(s.map);
      s.marker.on("dragend", () => {
        const p = s.marker!.getLatLng();
        pick.current(...fromMap(config.crs, p.lat, p.lng));
      });
    } else {
      s.marker.setLatLng(at);
    }
  }, [ready, lat, lng, config.crs, label, readOnly]);

  return (
    <div
      ref={element}
      className={readOnly ? "picker-map mini" : "picker-map"}
      // a region, not an image: Leaflet's marker and attribution inside it can take the focus
      role={readOnly ? "region" : "application"}
      aria-label={label}
      data-ready={ready ? "true" : "false"}
    />
  );
}
