import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { unguardCell } from "./csv";
import { checkXlsx } from "./xlsx-guard.server";

// Reads the files township offices have: CSV as Excel in China saves it (GB18030/GBK), or UTF-8
// with or without a BOM — told apart from the bytes, never asked — and XLSX.

export type Cell = string | number | Date | null;
export type Table = { headers: string[]; rows: { rowNumber: number; cells: Cell[] }[] };
export type ReadResult =
  | { ok: true; table: Table; format: "csv" | "xlsx"; encoding?: string }
  | { ok: false; error: string; params?: Record<string, string> };

/** The largest file one import takes, by the web page or the command line (the page says so). */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** Rows one file may hold (IMPORT_MAX_ROWS): a bigger file is refused before it is checked row by row. */
export const maxImportRows = () => Number(process.env.IMPORT_MAX_ROWS) || 1_000_000;
const tooManyRows = (limit: number): ReadResult => ({
  ok: false,
  error: "error.import.tooManyRows",
  params: { limit: limit.toLocaleString("en-US") },
});

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else GB18030, which includes GBK and GB2312. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "gb18030" } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Node's TextDecoder carries ICU's GB18030 tables: no extra package needed
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellValue(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
  }
  return String(value);
}

const blankRow = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""));

/** Rows numbered as the spreadsheet shows them: the header is row 1. Blank rows are left out. */
function toTable(raw: Cell[][]): Table | null {
  const headerIndex = raw.findIndex((r) => !blankRow(r));
  if (headerIndex < 0) return null;
  const headers = raw[headerIndex].map((h) =>
    String(h ?? "")
      .replace(/^\uFEFF/, "")
      .trim()
  );
  const rows = raw
    .map((cells, i) => ({ rowNumber: i + 1, cells }))
    .slice(headerIndex + 1)
    .filter((r) => !blankRow(r.cells));
  return { headers, rows };
}

/**
 * The first worksheet's cells, row by row, or null when the bytes are not a workbook. Read as a
 * stream: a 100,000-row sheet takes seconds to parse, and the server answers others meanwhile.
 */
async function readFirstSheet(bytes: Uint8Array, maxRows: number): Promise<Cell[][] | "tooManyRows" | null> {
  const raw: Cell[][] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes)), {
      sharedStrings: "cache",
      styles: "cache", // to tell date cells from numbers
      hyperlinks: "ignore",
      worksheets: "emit",
      entries: "emit",
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // a few rows of title above the header are allowed for; a million more are not read
        if (row.number > maxRows + 20) return "tooManyRows";
        raw[row.number - 1] = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
      }
      break; // the first sheet only
    }
  } catch {
    return null;
  }
  for (let i = 0; i < raw.length; i++) raw[i] ??= [];
  return raw;
}

export async function readTable(bytes: Uint8Array, maxRows = maxImportRows()): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, error: "error.import.empty" };
  if (isZip(bytes)) {
    // sizes and shape first: a zip bomb or a file cut short never reaches the reader
    const checked = await checkXlsx(bytes);
    if (!checked.ok) return checked;
    const raw = await readFirstSheet(bytes, maxRows);
    if (raw === "tooManyRows") return tooManyRows(maxRows);
    if (!raw) return { ok: false, error: "error.import.format" };
    const table = toTable(raw);
    if (table && table.rows.length > maxRows) return tooManyRows(maxRows);
    return table ? { ok: true, table, format: "xlsx" } : { ok: false, error: "error.import.empty" };
  }
  // a file with NUL bytes is neither CSV nor text (an old .xls, a picture, a PDF)
  if (bytes.subarray(0, 4096).includes(0)) return { ok: false, error: "error.import.format" };
  const { text, encoding } = decodeText(bytes);
  const table = toTable(parseCsv(text));
  if (table && table.rows.length > maxRows) return tooManyRows(maxRows);
  return table ? { ok: true, table, format: "csv", encoding } : { ok: false, error: "error.import.empty" };
}

/**
 * A cell as text, as typed (notes keep their full-width punctuation); a date cell as ISO; a
 * formula guard our CSV export put in front of =, +, -, @ taken off again.
 */
export const cellText = (cell: Cell | undefined) =>
  cell === null || cell === undefined
    ? ""
    : cell instanceof Date
    ? cell.toISOString().slice(0, 10)
    : unguardCell(String(cell).trim()).trim();
