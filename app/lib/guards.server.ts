import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { forbidden, notFound, requireId } from "~/lib/http";
import { canWriteAll, canWriteForVillages } from "~/lib/permissions";
import { incomeVillageId, projectVillageIds, recordExists } from "~/models/records.server";
import { getLang } from "~/i18n";
import { downloadResponse, type ExportFormat } from "~/lib/export.server";
import { buildExport, type ExportKind } from "~/models/exports.server";
import { requireRole, requireUser } from "~/session.server";

// Loaders of pages that only need the role check (the pages a later release fills in).

export async function anyUserLoader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({});
}

export async function writerLoader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin", "editor");
  return json({});
}

/** Income, projects, import: everyone but a viewer (a clerk for their own villages). */
export async function recorderLoader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin", "editor", "clerk");
  return json({});
}

export async function adminLoader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({});
}

type RecordKind = "enterprise" | "organization" | "project" | "income";

/** A record's page: any signed-in user, 404 when it does not exist. */
export function recordLoader(kind: RecordKind, param: string) {
  return async ({ request, params }: LoaderFunctionArgs) => {
    await requireUser(request);
    const id = requireId(params[param]);
    if (!(await recordExists(kind, id))) notFound();
    return json({ id });
  };
}

/**
 * A record's edit page: admin and editor; a clerk only for a project or income record that
 * involves one of their villages.
 */
export function editRecordLoader(kind: RecordKind, param: string) {
  return async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const id = requireId(params[param]);
    if (!(await recordExists(kind, id))) notFound();
    if (canWriteAll(user.role)) return json({ id });
    const villageIds =
      kind === "project"
        ? await projectVillageIds(id)
        : kind === "income"
        ? [await incomeVillageId(id)].filter((v) => v !== null)
        : [];
    if (user.role !== "clerk" || !canWriteForVillages(user, villageIds)) forbidden();
    return json({ id });
  };
}

/** The loader of `X.csv` / `X.xlsx`: anyone signed in may export what they may read. */
export function exportLoader(kind: ExportKind, format: ExportFormat) {
  return async ({ request }: LoaderFunctionArgs) => {
    await requireUser(request);
    const file = await buildExport(kind, new URL(request.url), format, getLang(request) === "en");
    return downloadResponse(file);
  };
}
