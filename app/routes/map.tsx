import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useLocation, useSubmit } from "@remix-run/react";
import clusterCss from "leaflet.markercluster/dist/MarkerCluster.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ClientOnly } from "~/components/client-only";
import MapView, { type MapFeature, type MapLabels } from "~/components/map-view.client";
import { useT } from "~/i18n";
import { mapConfig } from "~/lib/map-config.server";
import { MAP_LAYERS, STATUS_COLORS } from "~/lib/map-style";
import { incomeYears } from "~/models/income.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { latestIncomeYear } from "~/models/summary.server";
import { listTownships } from "~/models/village.server";
import { requireUser } from "~/session.server";
import { PROJECT_STATUSES, PROJECT_TYPES } from "../../db/enums";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: clusterCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const [townships, organizations, years, latest] = await Promise.all([
    listTownships(),
    listOrganizationOptions(),
    incomeYears(),
    latestIncomeYear(),
  ]);
  return json({ config: mapConfig(), townships, organizations, years, latest });
}

export default function MapPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const location = useLocation();
  const submit = useSubmit();
  const params = new URLSearchParams(location.search);
  const layers = (params.get("layers") ?? MAP_LAYERS.join(",")).split(",");
  const [features, setFeatures] = useState<MapFeature[]>([]);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  // When the filters select more than the page shows at once, the server answers clusters and the
  // page asks again for the visible area after every move: `partial` holds that area.
  const [partial, setPartial] = useState<{ search: string; view: string | null } | null>(null);
  const search = useRef(location.search);
  search.current = location.search;
  const view = partial?.search === location.search ? partial.view : null;
  const query = view ? `${location.search}${location.search ? "&" : "?"}bbox=${view}` : location.search;

  // the map's data comes from /map.geojson with the same filters as the URL
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/map.geojson${query}`, { signal: controller.signal })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(body.error);
        setError(null);
        setFeatures(body.features);
        if (!view) {
          setCounts(body.counts ?? {});
          setPartial(body.clustered ? { search: location.search, view: null } : null);
        }
      })
      .catch((e: Error) => {
        if (e.name !== "AbortError") setError(e.message);
      });
    return () => controller.abort();
  }, [query]); // eslint-disable-line react-hooks/exhaustive-deps
  const onView = useCallback(
    (bbox: string) => setPartial((p) => (p && p.search === search.current ? { ...p, view: bbox } : p)),
    []
  );

  const labels = useMemo(() => {
    const l: Record<string, string> = {
      offline: t("map.offline"),
      open: t("map.open"),
      income: t("map.income"),
      expectedIncome: t("project.expectedIncome"),
      villages: t("project.villages"),
      enterprises: t("project.enterprises"),
      status: t("project.status"),
      weak: t("dashboard.weakVillages"),
      partners: t("village.partners"),
      clusterHint: t("map.clusterHint"),
      layerVillages: t("map.layer.villages"),
      layerProjects: t("map.layer.projects"),
      layerEnterprises: t("map.layer.enterprises"),
    };
    for (const type of PROJECT_TYPES) l[`type.${type}`] = t(`project.type.${type}`);
    for (const status of PROJECT_STATUSES) l[`status.${status}`] = t(`project.status.${status}`);
    return l as MapLabels;
  }, [t]);

  const fitKey = `${params.get("township") ?? ""}|${params.get("organization") ?? ""}`;

  return (
    <main className="page wide map-page">
      <Form
        method="get"
        className="filters map-filters"
        onChange={(event) => submit(event.currentTarget, { replace: true, preventScrollReset: true })}
        onSubmit={(event) => {
          // the layer checkboxes travel as one comma-separated value
          event.preventDefault();
          submit(event.currentTarget, { replace: true, preventScrollReset: true });
        }}
      >
        <h1 className="map-title">{t("map.title")}</h1>
        <FilterField
          label={t("village.township")}
          name="township"
          value={params.get("township")}
          options={d.townships.map((x) => ({ value: x.id, label: x.name }))}
        />
        <FilterField
          label={t("project.type")}
          name="type"
          value={params.get("type")}
          options={PROJECT_TYPES.map((x) => ({ value: x, label: t(`project.type.${x}`) }))}
        />
        <FilterField
          label={t("project.status")}
          name="status"
          value={params.get("status")}
          options={PROJECT_STATUSES.map((x) => ({ value: x, label: t(`project.status.${x}`) }))}
        />
        <FilterField
          label={t("project.organization")}
          name="organization"
          value={params.get("organization")}
          options={d.organizations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <label>
          <span>{t("summary.year")}</span>
          <select
            name="year"
            defaultValue={params.get("year") ?? String(d.latest ?? "")}
            key={params.get("year") ?? "latest"}
          >
            {d.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <LayerSwitch layers={layers} counts={counts} />
        <a className="button small" href={`/map.geojson${location.search}${location.search ? "&" : "?"}full=1`} download="map.geojson">
          {t("map.download")}
        </a>
      </Form>
      {error ? (
        <p className="notice danger" role="alert">
          {error}
        </p>
      ) : null}
      <div className="map-layout">
        <ClientOnly fallback={<div className="map-frame map-placeholder">{t("map.loading")}</div>}>
          {() => <MapView config={d.config} features={features} labels={labels} fitKey={fitKey} onView={onView} />}
        </ClientOnly>
        <Legend />
      </div>
    </main>
  );
}

function FilterField({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: string | null;
  options: { value: string | number; label: string }[];
}) {
  const t = useT();
  return (
    <label>
      <span>{label}</span>
      <select name={name} defaultValue={value ?? ""} key={value ?? ""}>
        <option value="">{t("common.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Layer checkboxes, sent as one `layers` value so that the URL stays short and shareable. */
function LayerSwitch({ layers, counts }: { layers: string[]; counts: Record<string, number> }) {
  const t = useT();
  const submit = useSubmit();
  const [on, setOn] = useState(layers);
  useEffect(() => setOn(layers), [layers.join(",")]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <fieldset className="layer-switch">
      <legend>{t("map.layers")}</legend>
      <input type="hidden" name="layers" value={on.join(",")} />
      {MAP_LAYERS.map((layer) => (
        <label key={layer}>
          <input
            type="checkbox"
            checked={on.includes(layer)}
            onChange={(e) => {
              // submitted here, with the new value: the form's own onChange would still see the old one
              e.stopPropagation();
              const next = e.target.checked ? [...on, layer] : on.filter((l) => l !== layer);
              setOn(next);
              const data = new FormData(e.target.form!);
              data.set("layers", next.join(","));
              submit(data, { method: "get", replace: true, preventScrollReset: true });
            }}
          />{" "}
          {t(`map.layer.${layer}`)} <span className="muted small">({counts[layer] ?? 0})</span>
        </label>
      ))}
    </fieldset>
  );
}

function Legend() {
  const t = useT();
  return (
    <aside className="map-legend card" aria-label={t("map.legend")}>
      <h2>{t("map.legend")}</h2>
      <ul>
        {PROJECT_STATUSES.map((s) => (
          <li key={s}>
            <span className="legend-dot" style={{ background: STATUS_COLORS[s] }} /> {t(`project.status.${s}`)}
          </li>
        ))}
      </ul>
      <p className="small muted">{t("map.typeHint")}</p>
      <ul className="small">
        <li>
          <span className="legend-circle" /> {t("map.villageHint")}
        </li>
        <li>
          <span className="legend-circle weak" /> {t("map.weakHint")}
        </li>
        <li>
          <span className="legend-square">企</span> {t("map.layer.enterprises")}
        </li>
      </ul>
    </aside>
  );
}
