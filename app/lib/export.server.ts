import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { CSV_BOM, csvLine } from "./csv";
import { writeXlsxStream } from "./xlsx-writer.server";

// One table, written as the CSV or XLSX file a list or summary exports: as a stream. Rows arrive
// a page at a time and leave as they come, the event loop free between pages, so the first bytes
// go out at once, memory stays flat whatever the size, and others' pages keep answering. The
// headers are the Chinese names of DESIGN.md (or the English field names), so a file can be
// edited and imported back.

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
export type ExportedFile = { body: ReadableStream<Uint8Array>; contentType: string; fileName: string };

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Rows a file writes at a time when given whole (a province's summary is 16,000). */
const WHOLE_PAGE = 1_000;

/**
 * Rows given whole, or page by page. Whole rows go in pages too: written as one, a summary's XLSX
 * held its whole sheet in memory and sent nothing until it was done (+70 MB, first byte 0.7 s).
 */
async function* pagesOf<R>(rows: R[] | AsyncIterable<R[]>): AsyncIterable<R[]> {
  if (!Array.isArray(rows)) return yield* rows;
  for (let at = 0; at < rows.length; at += WHOLE_PAGE) yield rows.slice(at, at + WHOLE_PAGE);
}

export function exportFile<R>({
  rows,
  columns,
  format,
  english,
  sheetName,
  fileName,
  notes = [],
}: {
  rows: R[] | AsyncIterable<R[]>;
  columns: ExportColumn<R>[];
  format: ExportFormat;
  english: boolean;
  sheetName: string;
  fileName: string;
  /** lines under the table, after an empty row (a summary's rules, a report's number) */
  notes?: string[];
}): ExportedFile {
  const headers = columns.map((c) => (english ? c.en : c.zh));
  const out = new PassThrough();
  const write = format === "csv" ? writeCsv : writeXlsx;
  write(out, pagesOf(rows), columns, headers, sheetName, notes).catch((error: Error) => out.destroy(error));
  return {
    body: Readable.toWeb(out) as ReadableStream<Uint8Array>,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE,
    fileName: `${fileName}.${format}`,
  };
}

async function writeCsv<R>(
  out: PassThrough,
  pages: AsyncIterable<R[]>,
  columns: ExportColumn<R>[],
  headers: string[],
  _sheetName: string,
  notes: string[]
) {
  out.write(CSV_BOM + csvLine(headers));
  for await (const page of pages) {
    const text = page
      .map((row) =>
        csvLine(
          columns.map((c) => {
            const v = c.value(row);
            // amounts always with two decimals, as a ledger shows them
            if (c.money && typeof v === "number") return v.toFixed(2);
            // a leading tab keeps Excel from showing a 12-digit code as 3.21204E+11; import trims it
            return c.code && typeof v === "string" && /^\d{11,}$/.test(v) ? `\t${v}` : v;
          })
        )
      )
      .join("");
    if (!out.write(text)) await once(out, "drain");
    await nextTurn();
  }
  out.end(notes.length ? csvLine([]) + notes.map((n) => csvLine([n])).join("") : "");
}

async function writeXlsx<R>(
  out: PassThrough,
  pages: AsyncIterable<R[]>,
  columns: ExportColumn<R>[],
  headers: string[],
  sheetName: string,
  notes: string[]
) {
  async function* values() {
    for await (const page of pages) {
      yield page.map((row) => columns.map((c) => c.value(row)));
      await nextTurn();
    }
    if (notes.length) yield [[], ...notes.map((n) => [n])];
  }
  await writeXlsxStream(out, {
    sheetName,
    columns: columns.map((c, i) => ({
      header: headers[i],
      width: c.width ?? Math.max(10, Math.min(40, headers[i].length * 2 + 4)),
      style: c.money ? "money" : c.code ? "text" : undefined,
    })),
    pages: values(),
  });
}

/** The download response, with a file name that keeps its Chinese in every browser. */
export function downloadResponse(file: ExportedFile) {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_");
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
