import type { LinksFunction, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PrintSheet } from "~/components/print-sheet";
import { scopeText } from "~/components/report-scope";
import { PrintedSummary } from "~/components/summary-table";
import { useT } from "~/i18n";
import { pageTitle } from "~/lib/page-title";
import printStyles from "~/styles/print.css";
import { loadReportPage } from "~/utils/report-page.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await loadReportPage(request, params.reportId));
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) => t("report.printTitle", { year: d.report.year, number: d.report.number }));

/**
 * A report printed as it was made, whatever has changed since: its number and date in the
 * title and header, its own rules under the table, and the signatures.
 */
export default function ReportPrintPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const { report } = d;
  const unit = d.unit === "wan" ? t("summary.unitWan") : t("summary.unitYuan");
  const scope = d.townshipId ? d.townships[0]?.townshipName ?? "" : scopeText(t, report.townshipNames);
  return (
    <PrintSheet
      title={t("report.printTitle", { year: report.year, number: report.number })}
      meta={
        <>
          <span data-testid="print-scope">{t("summary.printScope", { scope })}</span>
          <span>
            {t("report.madeAt")}：{report.madeAt.slice(0, 10)}
          </span>
          <span>
            {t("report.madeBy")}：{report.madeBy}
          </span>
          <span>{t("summary.printUnit", { unit })}</span>
        </>
      }
    >
      <PrintedSummary
        year={report.year}
        rows={d.rows}
        townships={d.townships}
        total={d.total}
        unit={d.unit}
        rules={report.rules}
        townshipLinks={!d.villagesShown}
      />
    </PrintSheet>
  );
}
