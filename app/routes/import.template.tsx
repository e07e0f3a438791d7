import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadResponse, exportFile } from "~/lib/export.server";
import { IMPORT_COLUMNS, IMPORT_KINDS, TEMPLATE_EXAMPLES, type ImportKind } from "~/lib/import-columns";
import { requireRole } from "~/session.server";

/** A blank file with the right headers and one example row: /import/template?kind=income&format=xlsx */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin", "editor", "clerk");
  const url = new URL(request.url);
  const kind = url.searchParams.get("kind") as ImportKind;
  const format = url.searchParams.get("format") === "csv" ? "csv" : "xlsx";
  if (!IMPORT_KINDS.includes(kind)) throw new Response("error.choose", { status: 400 });
  const columns = IMPORT_COLUMNS[kind].map((c) => ({
    zh: c.key === "amount" || c.key === "investment" || c.key === "expectedIncome" ? `${c.names[0]}（元）` : c.names[0],
    en: c.names[1],
    value: (row: Record<string, string | number>) => row[c.key] ?? null,
    code: c.key === "code" || c.key === "creditCode",
  }));
  const names: Record<ImportKind, string> = {
    villages: "村庄",
    enterprises: "企业",
    organizations: "联合党组织",
    projects: "共建项目",
    income: "收入记录",
  };
  const file = await exportFile({
    rows: [TEMPLATE_EXAMPLES[kind]],
    columns,
    format,
    english: false,
    sheetName: names[kind],
    fileName: `导入模板-${names[kind]}`,
  });
  return downloadResponse(file);
}
