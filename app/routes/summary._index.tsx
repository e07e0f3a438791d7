import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { ExportLinks, YearAndTownship } from "~/components/list";
import { ReportStatus } from "~/components/report-status";
import { RulesAndBands, SummaryTable } from "~/components/summary-table";
import { useT } from "~/i18n";
import { formatFen } from "~/lib/money";
import { incomeYears } from "~/models/income.server";
import { reportStatus } from "~/models/report.server";
import { weakForecast } from "~/models/forecast.server";
import { ForecastTable } from "~/components/forecast";
import { currentYear } from "~/lib/dates";
import { summaryForPage } from "~/models/summary.server";
import { summaryParams } from "~/utils/params.server";
import { listTownships } from "~/models/village.server";
import { requireUser } from "~/session.server";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = await summaryParams(request);
  const [years, townshipOptions, summary, reported, forecast] = await Promise.all([
    incomeYears(),
    listTownships(),
    summaryForPage(params),
    reportStatus(params.year, params.townshipId),
    // this year's weak villages and what their terms still expect (the year is not over)
    params.year === currentYear() ? weakForecast({ townshipId: params.townshipId }) : null,
  ]);
  return json({
    ...summary,
    reported,
    forecast,
    params,
    years,
    townshipOptions,
    unit: params.unit,
  });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => String(d.year), "summary.title");

export default function SummaryPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const location = useLocation();
  const withParam = (name: string, value: string) => {
    const p = new URLSearchParams(location.search);
    p.set(name, value);
    return `?${p}`;
  };
  const hasIncome = d.total.totalFen > 0 || d.total.lastYearFen > 0;
  const years = [...new Set([d.year, ...d.years])].sort((a, b) => b - a);
  return (
    <main className="page wide">
      <div className="page-head">
        <h1>
          {t("summary.title")} · {d.year}
        </h1>
        <div className="head-actions">
          <ExportLinks base="/summary" />
          <Link to={`/summary/print${location.search}`} className="button small">
            {t("summary.print")}
          </Link>
          <Link to={`/reports?year=${d.year}`} className="button small">
            {t("report.summaryLink")}
          </Link>
        </div>
      </div>
      <Form method="get" className="filters">
        <YearAndTownship year={d.year} years={years} townshipId={d.params.townshipId} townships={d.townshipOptions} />
        <input type="hidden" name="unit" value={d.unit} />
        <button type="submit" className="button">
          {t("common.filter")}
        </button>
        <span className="unit-switch" role="group" aria-label={t("summary.unit")}>
          {t("summary.unit")}：
          <Link to={withParam("unit", "yuan")} aria-current={d.unit === "yuan" ? "true" : undefined}>
            {t("summary.unitYuan")}
          </Link>
          <Link to={withParam("unit", "wan")} aria-current={d.unit === "wan" ? "true" : undefined}>
            {t("summary.unitWan")}
          </Link>
        </span>
      </Form>
      <ReportStatus status={d.reported} townshipId={d.params.townshipId} />
      <RulesAndBands rules={d.rules} bands={d.total.bands} />
      <p className="muted small">
        {t("summary.printUnit", { unit: d.unit === "wan" ? t("summary.unitWan") : t("summary.unitYuan") })}
      </p>
      {!hasIncome ? <p className="empty-state">{t("summary.noData", { year: d.year })}</p> : null}
      {!d.villagesShown ? (
        <p className="notice" role="status">
          {t("summary.byTownships", { villages: d.villageCount.toLocaleString(), townships: d.townships.length })}
        </p>
      ) : null}
      <div className="table-wrap">
        <SummaryTable
          year={d.year}
          rows={d.rows}
          townships={d.townships}
          total={d.total}
          unit={d.unit}
          townshipLinks={!d.villagesShown}
        />
      </div>
      {d.forecast && d.forecast.weak ? (
        <section className="card" id="forecast" aria-labelledby="forecast-title">
          <h2 id="forecast-title">{t("forecast.title")}</h2>
          <p className="muted small">
            {t("forecast.hint", { year: d.forecast.year, threshold: formatFen(d.forecast.thresholdFen) })}
          </p>
          <p data-testid="forecast-summary">
            {t("forecast.summary", { weak: d.forecast.weak, lifted: d.forecast.lifted })}
          </p>
          <ForecastTable forecast={d.forecast} />
          {d.forecast.weak > d.forecast.villages.length ? (
            <p className="muted small">{t("forecast.more", { count: d.forecast.weak - d.forecast.villages.length })}</p>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}
