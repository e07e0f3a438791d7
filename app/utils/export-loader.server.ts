import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLang } from "~/i18n";
import { downloadResponse, type ExportFormat } from "~/lib/export.server";
import { buildExport, type ExportKind } from "~/models/exports.server";
import { requireUser } from "~/session.server";

/** The loader of `X.csv` / `X.xlsx`: anyone signed in may export what they may read. */
export function exportLoader(kind: ExportKind, format: ExportFormat) {
  return async ({ request }: LoaderFunctionArgs) => {
    await requireUser(request);
    const file = await buildExport(kind, new URL(request.url), format, getLang(request) === "en");
    return downloadResponse(file);
  };
}
