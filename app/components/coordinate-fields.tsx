import { useRouteLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useT } from "~/i18n";
import { ClientOnly } from "./client-only";
import { Field } from "./field";
import LocationPicker from "./location-picker.client";

type RootData = { map: { tileUrl: string; attribution: string; subdomains: string; crs: "wgs84" | "gcj02" } };

const asNumber = (text: string) => {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : null;
};

/** Latitude and longitude inputs with a picker map: either one changes the other. */
export function CoordinateFields({
  lat,
  lng,
  errors,
  labels,
  boundary,
}: {
  lat: string;
  lng: string;
  errors: { lat?: string[]; lng?: string[] };
  labels: { lat: string; lng: string };
  boundary?: unknown;
}) {
  const t = useT();
  const root = useRouteLoaderData<RootData>("root");
  const [latText, setLat] = useState(lat);
  const [lngText, setLng] = useState(lng);
  return (
    <div className="coordinates wide">
      <div className="coordinate-inputs">
        <Field
          label={labels.lat}
          name="lat"
          value={latText}
          onChange={(e) => setLat(e.target.value)}
          error={errors.lat}
          inputMode="decimal"
          hint={t("common.coordsHint")}
        />
        <Field
          label={labels.lng}
          name="lng"
          value={lngText}
          onChange={(e) => setLng(e.target.value)}
          error={errors.lng}
          inputMode="decimal"
        />
        <p className="field-hint">{t("map.pick")}</p>
      </div>
      {root?.map ? (
        <ClientOnly fallback={<div className="picker-map" />}>
          {() => (
            <LocationPicker
              config={root.map}
              lat={asNumber(latText)}
              lng={asNumber(lngText)}
              label={t("common.map")}
              boundary={boundary}
              onPick={(a, b) => {
                setLat(String(a));
                setLng(String(b));
              }}
            />
          )}
        </ClientOnly>
      ) : null}
    </div>
  );
}

/** A small map of a record's location (and a village's boundary) on its page. */
export function RecordMap({
  lat,
  lng,
  boundary,
}: {
  lat: number | null;
  lng: number | null;
  boundary?: string | null;
}) {
  const t = useT();
  const root = useRouteLoaderData<RootData>("root");
  if (!root?.map || ((lat === null || lng === null) && !boundary)) return null;
  return (
    <section className="card">
      <h2>{t("common.map")}</h2>
      <ClientOnly fallback={<div className="picker-map mini" />}>
        {() => (
          <LocationPicker
            config={root.map}
            lat={lat}
            lng={lng}
            label={t("common.map")}
            boundary={boundary ? JSON.parse(boundary) : undefined}
            readOnly
            onPick={() => {}}
          />
        )}
      </ClientOnly>
    </section>
  );
}
