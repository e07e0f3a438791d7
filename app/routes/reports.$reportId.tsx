import type { LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { Crumbs } from "~/components/crumbs";
import { ReportScope } from "~/components/report-scope";
import { RulesAndBands, SummaryTable } from "~/components/summary-table";
import { useT } from "~/i18n";
import { pageTitle } from "~/lib/page-title";
import { loadReportPage } from "~/utils/report-page.server";

// One report as it was made: its number, date, maker, townships and rules, its figures (a
// province's by township), and whether today's figures still agree with it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await loadReportPage(request, params.reportId));
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) => `${t("report.number", { number: d.report.number })} · ${d.report.year}`);

export default function ReportPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const { report } = d;
  const location = useLocation();
  const query = location.search.replace(/([?&])done=[^&]*&?/, "$1").replace(/[?&]$/, "");
  const files = `/reports/${report.id}/export`;
  return (
    <main className="page wide">
      <Crumbs
        trail={[
          [t("report.listTitle", { year: report.year }), `/reports?year=${report.year}`],
          [t("report.number", { number: report.number })],
        ]}
      />
      <div className="page-head">
        <h1>
          {report.year} · {t("report.number", { number: report.number })}
        </h1>
        <div className="head-actions">
          <span className="export-links">
            <a href={`${files}.csv${query}`} className="button small" download>
              {t("common.exportCsv")}
            </a>
            <a href={`${files}.xlsx${query}`} className="button small" download>
              {t("common.exportXlsx")}
            </a>
          </span>
          <Link to={`/reports/${report.id}/print${query}`} className="button small">
            {t("summary.print")}
          </Link>
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>{t("report.madeAt")}</dt>
          <dd>{report.madeAt.slice(0, 16).replace("T", " ")}</dd>
        </div>
        <div>
          <dt>{t("report.madeBy")}</dt>
          <dd>{report.madeBy}</dd>
        </div>
        <div>
          <dt>{t("report.scope")}</dt>
          <dd>
            <ReportScope names={report.townshipNames} />
          </dd>
        </div>
        {report.note ? (
          <div>
            <dt>{t("report.note")}</dt>
            <dd>{report.note}</dd>
          </div>
        ) : null}
      </dl>
      {d.differences ? (
        <p className="notice warn" role="status" data-testid="report-differs">
          {t("report.inconsistent", { number: report.number })}：
          {t("report.inconsistentCount", { count: d.differences })}{" "}
          <Link to={`/reports/${report.id}/diff${query}`}>{t("report.showDiff")}</Link>
        </p>
      ) : (
        <p className="notice success" role="status" data-testid="report-differs">
          {t("report.noDifference", { number: report.number })}
        </p>
      )}
      <p className="muted">{t("report.asReported")}</p>
      <RulesAndBands rules={report.rules} bands={d.total.bands} />
      {!d.villagesShown ? <p className="notice">{t("report.chooseTownship")}</p> : null}
      <div className="table-wrap">
        <SummaryTable
          year={report.year}
          rows={d.rows}
          townships={d.townships}
          total={d.total}
          unit={d.unit}
          sortable={false}
          townshipLinks={!d.villagesShown}
        />
      </div>
    </main>
  );
}
