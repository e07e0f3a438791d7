import type * as Leaflet from "leaflet";
import { useEffect, useRef, useState } from "react";
import { STATUS_COLORS } from "~/lib/map-style";
import type { MapDetails, MapFeature } from "~/lib/map-view";
import { formatFen } from "~/lib/money";
import { addTiles, escapeHtml, fromMap, loadLeaflet, toMap, type Crs } from "./leaflet.client";

/** A popup that shows what its marker knows at once, and what /map/:layer/:id adds when it opens. */
function lazyPopup(layer: Leaflet.Layer, url: string, render: (details: MapDetails | null) => string) {
  let details: MapDetails | null = null;
  layer.bindPopup(render(null));
  layer.on("popupopen", () => {
    if (details) return;
    fetch(url)
      .then((response) => (response.ok ? (response.json() as Promise<MapDetails>) : null))
      .then((found) => {
        if (!found) return;
        details = found;
        layer.setPopupContent(render(found));
      })
      .catch(() => {
        // offline: the popup keeps what the marker knows
      });
  });
}

export type MapLabels = Record<string, string> & {
  offline: string;
  open: string;
  income: string;
  expectedIncome: string;
  villages: string;
  enterprises: string;
  status: string;
  weak: string;
  partners: string;
  clusterHint: string;
  layerVillages: string;
  layerProjects: string;
  layerEnterprises: string;
};

/** The glyph that marks a project's type inside its marker: the first character of its label. */
const glyph = (labels: MapLabels, type: string) => (labels[`type.${type}`] ?? "?").slice(0, 1);

function transformRings(crs: Crs, coordinates: unknown): unknown {
  if (Array.isArray(coordinates) && typeof coordinates[0] === "number") {
    const [lng, lat] = coordinates as number[];
    const [mLat, mLng] = toMap(crs, lat, lng);
    return [mLng, mLat];
  }
  return (coordinates as unknown[]).map((c) => transformRings(crs, c));
}

/**
 * The project map: villages (outline, or a circle sized by the year's income; weak villages in
 * orange), project sites coloured by status and marked by type, enterprises; clusters when crowded.
 */
export default function MapView({
  config,
  features,
  labels,
  fitKey,
  onView,
}: {
  config: { tileUrl: string; attribution: string; subdomains: string; crs: Crs };
  features: MapFeature[];
  labels: MapLabels;
  /** when it changes, the map fits itself to the data again */
  fitKey: string;
  /** told the visible area (WGS-84 "west,south,east,north") after every move or zoom */
  onView?: (bbox: string) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<{ L: typeof Leaflet; map: Leaflet.Map; layers: Leaflet.LayerGroup } | null>(null);
  const [offline, setOffline] = useState(false);
  const [ready, setReady] = useState(false);
  const fitted = useRef("");
  const viewListener = useRef(onView);
  viewListener.current = onView;
  // the map is made once, with the tiles it opened with; data changes are drawn below
  const tiles = useRef(config);

  useEffect(() => {
    let cancelled = false;
    const config = tiles.current;
    loadLeaflet().then((L) => {
      if (cancelled || !element.current) return;
      const m = L.map(element.current, {
        zoomAnimation: false,
        markerZoomAnimation: false,
        fadeAnimation: false,
      }).setView([32.52, 120.18], 11);
      addTiles(L, m, config, () => setOffline(true));
      m.on("moveend", () => {
        const b = m.getBounds();
        const [s, w] = fromMap(config.crs, b.getSouth(), b.getWest());
        const [n, e] = fromMap(config.crs, b.getNorth(), b.getEast());
        viewListener.current?.([w, s, e, n].join(","));
      });
      map.current = { L, map: m, layers: L.layerGroup().addTo(m) };
      setReady(true);
    });
    return () => {
      cancelled = true;
      map.current?.map.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const current = map.current;
    if (!ready || !current) return;
    const { L, layers } = current;
    layers.clearLayers();
    const crs = config.crs;
    const maxIncome = Math.max(
      1,
      ...features.filter((f) => f.properties.layer === "village").map((f) => Number(f.properties.incomeFen))
    );
    const clusterFor = (kind: string) =>
      L.markerClusterGroup({
        maxClusterRadius: 28,
        // no animations: a page left mid-animation would make Leaflet touch a removed map
        animate: false,
        showCoverageOnHover: false,
        iconCreateFunction: (cluster) =>
          L.divIcon({
            html: `<span>${cluster.getChildCount()}</span>`,
            className: `map-cluster cluster-${kind}`,
            iconSize: [34, 34],
          }),
      });
    const projectsLayer = clusterFor("projects");
    const enterprisesLayer = clusterFor("enterprises");
    const bounds: Leaflet.LatLngExpression[] = [];

    for (const f of features) {
      const p = f.properties;
      const link = `<a href="/${p.layer}s/${p.id}">${escapeHtml(labels.open)}</a>`;
      if (p.layer === "cluster" && f.geometry.type === "Point") {
        // more in this cell than the page shows at once: a click zooms into it
        const [lng, lat] = f.geometry.coordinates;
        const at = toMap(crs, lat, lng);
        const n = Number(p.count);
        const size = Math.round(30 + 6 * Math.log10(Math.max(1, n)));
        const parts = [
          [labels.layerVillages, p.villages],
          [labels.layerProjects, p.projects],
          [labels.layerEnterprises, p.enterprises],
        ]
          .filter(([, c]) => Number(c) > 0)
          .map(([label, c]) => `${label} ${c}`)
          .join(" · ");
        const [w, s, e, north] = String(p.bbox).split(",").map(Number);
        L.marker(at, {
          icon: L.divIcon({
            html: `<span>${n >= 10000 ? `${Math.round(n / 1000)}k` : n}</span>`,
            className: "map-cluster cluster-grid",
            iconSize: [size, size],
          }),
          // a plain title, not a Leaflet tooltip: hundreds of these are drawn at once
          title: `${parts} · ${labels.clusterHint}`,
          keyboard: true,
        })
          .on("click", () =>
            current.map.fitBounds(L.latLngBounds([toMap(crs, s, w), toMap(crs, north, e)]), {
              animate: false,
              // room for the sites on the cell's edges, clear of the offline notice
              padding: [48, 48],
            })
          )
          .addTo(layers);
        bounds.push(at);
      } else if (p.layer === "village") {
        const income = `${escapeHtml(labels.income)}：${formatFen(Number(p.incomeFen))}`;
        const villagePopup = (d: MapDetails | null) => {
          const more = d?.layer === "village" ? d : null;
          const partners = more?.partners.length
            ? `<br>${escapeHtml(labels.partners)}：${escapeHtml(more.partners.join("、"))}`
            : "";
          return `<strong>${escapeHtml(p.name)}</strong>${
            more ? `<br>${escapeHtml(more.township)}` : ""
          }<br>${income}${partners}${
            p.weak ? `<br><span class="popup-weak">${escapeHtml(labels.weak)}</span>` : ""
          }<br>${link}`;
        };
        const details = `/map/village/${p.id}`;
        const style = { color: p.weak ? "#e08a00" : "#b3261e", weight: 2, dashArray: p.weak ? "6 4" : undefined };
        if (f.geometry.type !== "Point") {
          const shape = L.geoJSON(
            {
              type: "Feature",
              geometry: { ...f.geometry, coordinates: transformRings(crs, f.geometry.coordinates) },
              properties: {},
            } as never,
            {
              style: () => ({ ...style, fillOpacity: 0.12, className: "village-boundary" }),
            }
          );
          lazyPopup(shape, details, villagePopup);
          layers.addLayer(shape);
          bounds.push(
            ...(shape.getBounds().isValid() ? [shape.getBounds().getSouthWest(), shape.getBounds().getNorthEast()] : [])
          );
        }
        if (p.lat !== null && p.lng !== null) {
          const at = toMap(crs, Number(p.lat), Number(p.lng));
          // area proportional to income: radius by square root, 5–16 px
          const radius = 5 + 11 * Math.sqrt(Number(p.incomeFen) / maxIncome);
          const marker = L.circleMarker(at, {
            ...style,
            radius,
            fillColor: p.weak ? "#f6c26b" : "#e8857f",
            fillOpacity: 0.55,
            className: `village-marker${p.weak ? " weak" : ""}`,
          })
            .bindTooltip(String(p.name), { direction: "top" })
            .addTo(layers);
          lazyPopup(marker, details, villagePopup);
          bounds.push(at);
        }
      } else if (p.layer === "project" && f.geometry.type === "Point") {
        const [lng, lat] = f.geometry.coordinates;
        const at = toMap(crs, lat, lng);
        const color = STATUS_COLORS[String(p.status)] ?? "#555";
        const icon = L.divIcon({
          className: "project-marker",
          html: `<span style="background:${color}" title="${escapeHtml(labels[`type.${p.projectType}`])}">${escapeHtml(
            glyph(labels, String(p.projectType))
          )}</span>`,
          iconSize: [26, 26],
        });
        const projectPopup = (d: MapDetails | null) => {
          const more = d?.layer === "project" ? d : null;
          const expected =
            more?.expectedIncomeFen === null || more?.expectedIncomeFen === undefined
              ? "—"
              : formatFen(more.expectedIncomeFen);
          return (
            `<strong>${escapeHtml(p.name)}</strong><br>${escapeHtml(labels[`type.${p.projectType}`])} · ${escapeHtml(
              labels.status
            )}：${escapeHtml(labels[`status.${p.status}`])}` +
            (more
              ? `<br>${escapeHtml(labels.villages)}：${escapeHtml(more.villages.join("、"))}` +
                (more.enterprises.length
                  ? `<br>${escapeHtml(labels.enterprises)}：${escapeHtml(more.enterprises.join("、"))}`
                  : "") +
                `<br>${escapeHtml(labels.expectedIncome)}：${expected}`
              : "") +
            `<br>${link}`
          );
        };
        const marker = L.marker(at, { icon, title: String(p.name) });
        lazyPopup(marker, `/map/project/${p.id}`, projectPopup);
        projectsLayer.addLayer(marker);
        bounds.push(at);
      } else if (p.layer === "enterprise" && f.geometry.type === "Point") {
        const [lng, lat] = f.geometry.coordinates;
        const at = toMap(crs, lat, lng);
        const icon = L.divIcon({ className: "enterprise-marker", html: "<span>企</span>", iconSize: [20, 20] });
        enterprisesLayer.addLayer(
          L.marker(at, { icon, title: String(p.name) }).bindPopup(`<strong>${escapeHtml(p.name)}</strong><br>${link}`)
        );
        bounds.push(at);
      }
    }
    layers.addLayer(projectsLayer);
    layers.addLayer(enterprisesLayer);
    if (bounds.length && fitted.current !== fitKey) {
      fitted.current = fitKey;
      current.map.fitBounds(L.latLngBounds(bounds), { padding: [30, 30], maxZoom: 15, animate: false });
    }
  }, [ready, features, labels, config.crs, fitKey]);

  return (
    <div className="map-frame">
      {offline ? (
        <p className="map-offline" role="status">
          {labels.offline}
        </p>
      ) : null}
      <div ref={element} className="map-canvas" data-ready={ready ? "true" : "false"} />
    </div>
  );
}
