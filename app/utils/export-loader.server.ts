import type { LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { getLang } from "~/i18n";
import { downloadResponse, type ExportFormat } from "~/lib/export.server";
import { EXPORT_PARAMS, type ExportKind, type ExportParams } from "~/models/exports.server";
import { notFound, requireId } from "~/lib/http";
import { getReport } from "~/models/report.server";
import { requireUser } from "~/session.server";
import { ReportFileParams } from "~/validation/params";
import { runExport } from "./export-run.server";
import { parseWith } from "./params.server";

/** The loader of `X.csv` / `X.xlsx`: anyone signed in may export what they may read. */
export function exportLoader<K extends ExportKind>(kind: K, format: ExportFormat) {
  return async ({ request }: LoaderFunctionArgs) => {
    await requireUser(request);
    const schema: z.ZodType<ExportParams[K]> = EXPORT_PARAMS[kind];
    const params = parseWith(schema, request);
    const file = await runExport({ kind, params, format, english: getLang(request) === "en" });
    return downloadResponse(file);
  };
}

/** The loader of a report's file, `/reports/:reportId/export.csv` (`?township=` for one township). */
export function reportExportLoader(format: ExportFormat) {
  return async ({ request, params }: LoaderFunctionArgs) => {
    await requireUser(request);
    const reportId = requireId(params.reportId);
    if (!(await getReport(reportId))) notFound();
    const query = new URL(request.url).searchParams;
    query.set("report", String(reportId));
    const filters = parseWith(ReportFileParams, { url: `http://x/?${query}` });
    const file = await runExport({ kind: "report", params: filters, format, english: getLang(request) === "en" });
    return downloadResponse(file);
  };
}
