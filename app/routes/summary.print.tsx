import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SummaryTable } from "~/components/summary-table";
import { useT } from "~/i18n";
import { todayIso } from "~/lib/dates";
import { formatFen } from "~/lib/money";
import { villageIncomeSummary } from "~/models/summary.server";
import { summaryParams } from "~/utils/params.server";
import { requireUser } from "~/session.server";
import printStyles from "~/styles/print.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = await summaryParams(request);
  const summary = await villageIncomeSummary(params);
  return json({ ...summary, today: todayIso(), unit: params.unit });
}

/** The summary as it goes to a meeting or to the county: A4 landscape, header on every page, signatures. */
export default function SummaryPrintPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const unit = d.unit === "wan" ? t("summary.unitWan") : t("summary.unitYuan");
  return (
    <main className="print-sheet">
      <div className="print-tools">
        <button type="button" className="button primary" onClick={() => window.print()}>
          {t("summary.print")}
        </button>
      </div>
      <h1>{t("summary.printTitle", { year: d.year })}</h1>
      <div className="print-meta">
        <span>{t("summary.printDate", { date: d.today })}</span>
        <span>{t("summary.threshold", { threshold: formatFen(d.thresholdFen) })}</span>
        <span>{t("summary.printUnit", { unit })}</span>
      </div>
      <SummaryTable
        year={d.year}
        rows={d.rows}
        townships={d.townships}
        total={d.total}
        unit={d.unit}
        sortable={false}
      />
      <div className="signatures">
        <span>{t("summary.filledBy")}</span>
        <span>{t("summary.reviewedBy")}</span>
        <span>{t("summary.printDate", { date: "" })}</span>
      </div>
    </main>
  );
}
