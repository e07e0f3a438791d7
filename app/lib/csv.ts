// CSV as Excel in China opens it: UTF-8 with a BOM (else Excel guesses GBK and garbles the
// Chinese), CRLF line ends, fields quoted when they hold a comma, quote or line break.

const BOM = "\uFEFF";

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(headers: string[], rows: unknown[][]): string {
  return BOM + [headers, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
