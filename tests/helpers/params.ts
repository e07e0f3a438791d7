import type { ExportFormat } from "~/lib/export.server";
import { buildExport, EXPORT_PARAMS, type ExportKind } from "~/models/exports.server";
import { queryOf } from "~/validation/params";

/**
 * The file a page's export link gives: its URL's parameters parsed as the route parses them, the
 * stream read to its end — a CSV as text (its BOM kept), an XLSX as bytes.
 */
export async function exportFromUrl<K extends ExportKind>(
  kind: K,
  url: string,
  format: ExportFormat,
  english: boolean
) {
  const file = await buildExport(kind, EXPORT_PARAMS[kind].parse(queryOf(url)), format, english);
  const bytes = new Uint8Array(await new Response(file.body).arrayBuffer());
  const body: string | Uint8Array =
    format === "csv" ? new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) : bytes;
  return { ...file, body };
}
