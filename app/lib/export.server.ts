import ExcelJS from "exceljs";
import { toCsv } from "./csv";

// One table, written as the CSV or XLSX file a list or summary exports. The headers are the
// Chinese names of DESIGN.md (or the English field names), so a file can be edited and imported back.

export type ExportColumn<R> = {
  zh: string;
  en: string;
  value: (row: R) => string | number | null;
  /** numbers shown with two decimals (amounts in yuan) */
  money?: boolean;
  /** codes of digits that Excel would otherwise turn into numbers (division, credit codes) */
  code?: boolean;
  width?: number;
};

export type ExportFormat = "csv" | "xlsx";

export async function exportFile<R>({
  rows,
  columns,
  format,
  english,
  sheetName,
  fileName,
}: {
  rows: R[];
  columns: ExportColumn<R>[];
  format: ExportFormat;
  english: boolean;
  sheetName: string;
  fileName: string;
}): Promise<{ body: string | Uint8Array<ArrayBuffer>; contentType: string; fileName: string }> {
  const headers = columns.map((c) => (english ? c.en : c.zh));
  if (format === "csv") {
    // a leading tab keeps Excel from showing a 12-digit code as 3.21204E+11; import trims it
    const data = rows.map((row) =>
      columns.map((c) => {
        const v = c.value(row);
        // amounts always with two decimals, as a ledger shows them
        if (c.money && typeof v === "number") return v.toFixed(2);
        return c.code && typeof v === "string" && /^\d{11,}$/.test(v) ? `\t${v}` : v;
      })
    );
    return { body: toCsv(headers, data), contentType: "text/csv; charset=utf-8", fileName: `${fileName}.csv` };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "村企联建台账";
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: headers[i],
    width: c.width ?? Math.max(10, Math.min(40, headers[i].length * 2 + 4)),
    style: c.money ? { numFmt: "#,##0.00" } : c.code ? { numFmt: "@" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row)));
  const buffer = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return {
    body: buffer,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName: `${fileName}.xlsx`,
  };
}

/** The download response, with a file name that keeps its Chinese in every browser. */
export function downloadResponse(file: {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
  fileName: string;
}) {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_");
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
