import { Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { useT } from "~/i18n";
import { formatFen } from "~/lib/money";
import type { weakForecast } from "~/models/forecast.server";
import { Money } from "./money";

type Data = SerializeFrom<Awaited<ReturnType<typeof weakForecast>>>;

/** "预计可达标" or "缺口 X 元". */
export function ForecastVerdict({ gapFen }: { gapFen: number }) {
  const t = useT();
  return gapFen === 0 ? (
    <span className="badge ok">{t("forecast.reaches")}</span>
  ) : (
    <span className="badge warn">{t("forecast.gap", { gap: formatFen(gapFen) })}</span>
  );
}

/**
 * 摘帽预测: each weak village's operating income so far, what its terms still expect this year,
 * the verdict, and the payments that decide it (each a link to its term).
 */
export function ForecastTable({ forecast, villageColumn = true }: { forecast: Data; villageColumn?: boolean }) {
  const t = useT();
  if (!forecast.villages.length) return null;
  return (
    <div className="table-wrap">
      <table className="table forecast-table">
        <thead>
          <tr>
            {villageColumn ? <th>{t("summary.village")}</th> : null}
            <th className="num">{t("forecast.soFar")}</th>
            <th className="num">{t("forecast.expected")}</th>
            <th>{t("forecast.verdict")}</th>
            <th>{t("forecast.payments")}</th>
          </tr>
        </thead>
        <tbody>
          {forecast.villages.map((v) => (
            <tr key={v.villageId} data-testid={`forecast-${v.villageName}`}>
              {villageColumn ? (
                <td>
                  <Link to={`/villages/${v.villageId}`}>{v.villageName}</Link>
                  <span className="muted small"> {v.townshipName}</span>
                </td>
              ) : null}
              <td className="num">
                <Money fen={v.operatingFen} />
              </td>
              <td className="num">
                <Money fen={v.expectedFen} />
              </td>
              <td className="nowrap">
                <ForecastVerdict gapFen={v.gapFen} />
              </td>
              <td>
                {v.payments.length ? (
                  <ul className="plain-list">
                    {v.payments.map((p) => (
                      <li key={`${p.termId}-${p.dueOn}`}>
                        <Link to={`/projects/${p.projectId}/terms/${p.termId}`}>{p.dueOn}</Link> {p.enterpriseName}{" "}
                        {formatFen(p.openFen)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{t("forecast.noPayments")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
