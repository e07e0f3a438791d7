import { notFound, requireId } from "~/lib/http";
import { todayIso } from "~/lib/dates";
import { countDifferences, getReport, reportSummary } from "~/models/report.server";
import { SUMMARY_PAGE_VILLAGES } from "~/models/summary.server";
import { requireUser } from "~/session.server";
import { summaryParams } from "./params.server";

/**
 * What a report's page and its print show: the report, its rows (one township's, when asked and
 * covered; a province's by township only), and how many villages' figures differ from it today.
 */
export async function loadReportPage(request: Request, param: string | undefined) {
  await requireUser(request);
  const report = await getReport(requireId(param));
  if (!report) notFound();
  const { townshipId, unit } = await summaryParams(request);
  const shown = townshipId && report.townshipIds.includes(townshipId) ? townshipId : null;
  const villagesShown = shown !== null || report.villages <= SUMMARY_PAGE_VILLAGES;
  const [summary, differences] = await Promise.all([
    reportSummary(report, shown, { villages: villagesShown }),
    countDifferences(report, shown),
  ]);
  return {
    report,
    ...summary,
    townshipId: shown,
    villagesShown,
    differences,
    unit,
    today: todayIso(),
  };
}
