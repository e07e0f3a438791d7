import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useLocation, useSubmit } from "@remix-run/react";
import clusterCss from "leaflet.markercluster/dist/MarkerCluster.css";
import { useCallback, useEffect, useRef, useState } from "react";
import { ClientOnly } from "~/components/client-only";
import { FilterSelect } from "~/components/list";
import { FilterPicker } from "~/components/picker";
import { LayerSwitch, MapLegend, useMapLabels } from "~/components/map-controls";
import MapView from "~/components/map-view.client";
import { useT } from "~/i18n";
import { mapConfig } from "~/lib/map-config.server";
import { MAP_LAYERS } from "~/lib/map-style";
import { viewFeatures, type MapFeature, type MapView as MapViewData } from "~/lib/map-view";
import { incomeYears } from "~/models/income.server";
import { latestIncomeYear } from "~/models/summary.server";
import { listTownships } from "~/models/village.server";
import { requireUser } from "~/session.server";
import { resolveQueryPicks } from "~/utils/pickers.server";
import { PROJECT_STATUSES, PROJECT_TYPES } from "../../db/enums";
import { pageTitle } from "~/lib/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: clusterCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const [townships, { picked }, years, latest] = await Promise.all([
    listTownships(),
    resolveQueryPicks(request, { organization: "organization" }),
    incomeYears(),
    latestIncomeYear(),
  ]);
  return json({ config: mapConfig(), townships, organization: picked.organization, years, latest });
}

export const meta = pageTitle("map.title");

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

  // the map's data comes from /map.json (lib/map-view) with the same filters as the URL
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/map.json${query}`, { signal: controller.signal })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(body.error);
        setError(null);
        setFeatures(viewFeatures(body as MapViewData));
        if (!view) {
          setCounts(body.counts ?? {});
          setPartial(body.clustered ? { search: location.search, view: null } : null);
        }
      })
      .catch((e: Error) => {
        if (e.name !== "AbortError") setError(e.message);
      });
    return () => controller.abort();
    // query is made of location.search and view: a new one of either is a new query
  }, [query, view, location.search]);
  const onView = useCallback(
    (bbox: string) => setPartial((p) => (p && p.search === search.current ? { ...p, view: bbox } : p)),
    []
  );

  const labels = useMapLabels();

  const fitKey = `${params.get("township") ?? ""}|${params.get("organization") ?? ""}`;

  return (
    <main className="page wide map-page">
      <Form
        method="get"
        className="filters map-filters"
        onChange={(event) => {
          // a picker's typing is not a choice: it submits when a record is chosen (below)
          if ((event.target as HTMLElement).closest(".picker")) return;
          submit(event.currentTarget, { replace: true, preventScrollReset: true });
        }}
        onSubmit={(event) => {
          // the layer checkboxes travel as one comma-separated value
          event.preventDefault();
          submit(event.currentTarget, { replace: true, preventScrollReset: true });
        }}
      >
        <h1 className="map-title">{t("map.title")}</h1>
        <FilterSelect
          label={t("village.township")}
          name="township"
          value={params.get("township")}
          options={d.townships.map((x) => ({ value: x.id, label: x.name }))}
        />
        <FilterSelect
          label={t("project.type")}
          name="type"
          value={params.get("type")}
          options={PROJECT_TYPES.map((x) => ({ value: x, label: t(`project.type.${x}`) }))}
        />
        <FilterSelect
          label={t("project.status")}
          name="status"
          value={params.get("status")}
          options={PROJECT_STATUSES.map((x) => ({ value: x, label: t(`project.status.${x}`) }))}
        />
        <FilterPicker
          kind="organization"
          label={t("project.organization")}
          name="organization"
          initial={d.organization}
          onChange={(choice) => {
            const next = new URLSearchParams(location.search);
            if (choice) next.set("organization", String(choice.id));
            else next.delete("organization");
            submit(next, { replace: true, preventScrollReset: true });
          }}
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
        <a
          className="button small"
          href={`/map.geojson${location.search}${location.search ? "&" : "?"}full=1`}
          download="map.geojson"
        >
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
        <MapLegend />
      </div>
    </main>
  );
}
