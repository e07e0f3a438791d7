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

/**
 * Rows one file may hold (IMPORT_MAX_ROWS, default 200,000: a county's year of income): a bigger
 * file is refused before it is checked row by row, so its cells never fill the server's memory.
 */
export const maxImportRows = () => Number(process.env.IMPORT_MAX_ROWS) || 200_000;
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

/**
 * RFC 4180 CSV, row by row: quoted fields may hold commas, quotes ("") and line breaks. Fields
 * are cut out of the text whole rather than built a character at a time (a 25 MB file made
 * hundreds of MB of passing strings that way).
 */
export function* csvRows(text: string): Generator<string[]> {
  const n = text.length;
  /** where the field that starts at `from` ends: the next comma or line break */
  const fieldEnd = (from: number) => {
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 44 || c === 10 || c === 13) break; // , \n \r
      j++;
    }
    return j;
  };
  let row: string[] = [];
  let i = 0;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      // a quoted field: "" is a quote; what follows the closing quote up to the comma is kept
      let out = "";
      let start = ++i;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          out += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(quote + 1) === 34) {
          out += text.slice(start, quote + 1);
          i = start = quote + 2;
          continue;
        }
        out += text.slice(start, quote);
        i = quote + 1;
        break;
      }
      const end = fieldEnd(i);
      field = out + text.slice(i, end);
      i = end;
    } else {
      const end = fieldEnd(i);
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (i >= n) break;
    if (text.charCodeAt(i) === 44) {
      i++;
      // a comma at the very end: one more, empty field
      if (i >= n) row.push("");
      continue;
    }
    if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
    i++;
    yield row;
    row = [];
  }
  if (row.length) yield row;
}

export const parseCsv = (text: string): string[][] => Array.from(csvRows(text));

/**
 * A CSV's rows, read in slices so that other requests are answered in between (a 25 MB file
 * takes about half a second), and no further than a few rows past the limit.
 */
async function readCsvRows(text: string, maxRows: number): Promise<string[][] | "tooManyRows"> {
  const rows: string[][] = [];
  for (const row of csvRows(text)) {
    rows.push(row);
    if (rows.length > maxRows + 20) return "tooManyRows";
    if (rows.length % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
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

function countLines(bytes: Uint8Array) {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

export async function readTable(bytes: Uint8Array, maxRows = maxImportRows()): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, error: "error.import.empty" };
  if (isZip(bytes)) {
    // sizes and shape first: a zip bomb or a file cut short never reaches the reader
    const checked = await checkXlsx(bytes, undefined, maxRows);
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
  // a file with twice as many lines as the limit has more rows than it, unless half its lines sit
  // inside quoted cells: refused before it is decoded, so it never fills the memory
  if (countLines(bytes) > 2 * maxRows + 100) return tooManyRows(maxRows);
  const { text, encoding } = decodeText(bytes);
  const raw = await readCsvRows(text, maxRows);
  if (raw === "tooManyRows") return tooManyRows(maxRows);
  const table = toTable(raw);
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
