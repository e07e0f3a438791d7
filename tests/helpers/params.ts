import type { ExportFormat } from "~/lib/export.server";
import { buildExport, EXPORT_PARAMS, type ExportKind } from "~/models/exports.server";
import { queryOf } from "~/validation/params";

/** The file a page's export link gives: its URL's parameters parsed as the route parses them. */
export function exportFromUrl<K extends ExportKind>(kind: K, url: string, format: ExportFormat, english: boolean) {
  return buildExport(kind, EXPORT_PARAMS[kind].parse(queryOf(url)), format, english);
}
