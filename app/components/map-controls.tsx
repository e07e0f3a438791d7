import { useSubmit } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { useT } from "~/i18n";
import { MAP_LAYERS, STATUS_COLORS } from "~/lib/map-style";
import { PROJECT_STATUSES, PROJECT_TYPES } from "../../db/enums";
import type { MapLabels } from "./map-view.client";

// The map page's filters, layer switch, legend and labels.

/** The words the map draws in popups and tooltips, in the user's language. */
export function useMapLabels(): MapLabels {
  const t = useT();
  return useMemo(() => {
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
}

/** Layer checkboxes, sent as one `layers` value so that the URL stays short and shareable. */
export function LayerSwitch({ layers, counts }: { layers: string[]; counts: Record<string, number> }) {
  const t = useT();
  const submit = useSubmit();
  const [on, setOn] = useState(layers);
  // the URL's layers win again after every navigation (back, a shared link)
  const fromUrl = layers.join(",");
  useEffect(() => setOn(fromUrl ? fromUrl.split(",") : []), [fromUrl]);
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

/** What the colours and marks on the map mean. */
export function MapLegend() {
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
