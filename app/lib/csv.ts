// CSV as Excel in China opens it: UTF-8 with a BOM (else Excel guesses GBK and garbles the
// Chinese), CRLF line ends, fields quoted when they hold a comma, quote or line break.

const BOM = "\uFEFF";

// A cell that starts with = + - @ (or a tab or CR before them) runs as a formula in Excel and WPS:
// a clerk's note could become a command on the township's PC (OWASP, "CSV Injection"). Such text
// goes out behind a ' that the spreadsheet hides; numbers (-3.00, -3.0%) and our own tab before a
// long code stay as they are. The import takes the ' off again (unguardCell).
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN = /^(\t\d+|[+-]?\d[\d,]*(\.\d+)?%?)$/;

/** A text cell as a spreadsheet may read it safely. */
export const guardCell = (text: string) => (FORMULA_START.test(text) && !PLAIN.test(text) ? `'${text}` : text);

/** The text a guarded cell stood for. */
export const unguardCell = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  // a number is never quoted nor guarded (-3 is not a formula): most cells of a ledger are
  if (typeof value === "number") return String(value);
  const text = guardCell(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of a CSV file, with its line end. */
export const csvLine = (values: unknown[]) => values.map(cell).join(",") + "\r\n";

/** The start of every CSV file this app writes. */
export const CSV_BOM = BOM;

export function toCsv(headers: string[], rows: unknown[][]): string {
  return BOM + [headers, ...rows].map(csvLine).join("");
}
