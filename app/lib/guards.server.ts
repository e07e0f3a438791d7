import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getLang } from "~/i18n";
import { downloadResponse, type ExportFormat } from "~/lib/export.server";
import { buildExport, type ExportKind } from "~/models/exports.server";
import { requireRole, requireUser } from "~/session.server";

// Loaders that only check the role: pages a later release fills in, and every list's exports.

export async function anyUserLoader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({});
}

/** Income, projects, import: everyone but a viewer (a clerk for their own villages). */
export async function recorderLoader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin", "editor", "clerk");
  return json({});
}

/** The loader of `X.csv` / `X.xlsx`: anyone signed in may export what they may read. */
export function exportLoader(kind: ExportKind, format: ExportFormat) {
  return async ({ request }: LoaderFunctionArgs) => {
    await requireUser(request);
    const file = await buildExport(kind, new URL(request.url), format, getLang(request) === "en");
    return downloadResponse(file);
  };
}
