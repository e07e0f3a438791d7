import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PrintSheet } from "~/components/print-sheet";
import { ReportStatus } from "~/components/report-status";
import { PrintedSummary } from "~/components/summary-table";
import { useT } from "~/i18n";
import { todayIso } from "~/lib/dates";
import { reportStatus } from "~/models/report.server";
import { summaryForPage } from "~/models/summary.server";
import { summaryParams } from "~/utils/params.server";
import { requireUser } from "~/session.server";
import printStyles from "~/styles/print.css";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = await summaryParams(request);
  const [summary, reported] = await Promise.all([summaryForPage(params), reportStatus(params.year, params.townshipId)]);
  return json({ ...summary, reported, filtered: Boolean(params.townshipId), today: todayIso(), unit: params.unit });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) => t("summary.printTitle", { year: d.year }));

/**
 * The summary as it goes to a meeting or to the county: A4 landscape, header on every page,
 * signatures. A province prints by township: the whole prints the townships' subtotals, and each
 * township's villages print on their own (the township names link there); the header says which.
 */
export default function SummaryPrintPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const unit = d.unit === "wan" ? t("summary.unitWan") : t("summary.unitYuan");
  const scope = d.filtered
    ? d.townships[0]?.townshipName ?? ""
    : d.villagesShown
    ? t("summary.scopeAll", { villages: d.villageCount.toLocaleString() })
    : t("summary.scopeByTownship", { villages: d.villageCount.toLocaleString(), townships: d.townships.length });
  return (
    <PrintSheet
      title={t("summary.printTitle", { year: d.year })}
      meta={
        <>
          <span data-testid="print-scope">{t("summary.printScope", { scope })}</span>
          <span>{t("summary.printDate", { date: d.today })}</span>
          <span>{t("summary.printUnit", { unit })}</span>
        </>
      }
    >
      <ReportStatus status={d.reported} print />
      <PrintedSummary
        year={d.year}
        rows={d.rows}
        townships={d.townships}
        total={d.total}
        unit={d.unit}
        rules={d.rules}
        townshipLinks={!d.villagesShown}
      />
    </PrintSheet>
  );
}
