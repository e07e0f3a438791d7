import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadResponse, exportFile } from "~/lib/export.server";
import { invariantResponse } from "~/lib/http";
import { IMPORT_KINDS, templateOf, type ImportKind } from "~/models/formats.server";
import { requireRecorder } from "~/permissions.server";

/** A blank file with the right headers and one example row: /import/template?kind=income&format=xlsx */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRecorder(request);
  const url = new URL(request.url);
  const kind = url.searchParams.get("kind") as ImportKind;
  const format = url.searchParams.get("format") === "csv" ? "csv" : "xlsx";
  invariantResponse(IMPORT_KINDS.includes(kind), 400, "error.choose");
  const file = await exportFile({ ...templateOf(kind), rows: [null], format, english: false });
  return downloadResponse(file);
}
