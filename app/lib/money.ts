// Money is integer fen (分) everywhere; yuan text only at the edges (forms, files, screens).

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const YUAN_PATTERN = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
/** Larger than any real village ledger, small enough that fen stay exact in a double. */
export const MAX_FEN = 10 ** 15;

/**
 * Parses yuan text as people type it ("1234.5", "¥1,234.50", "１２３４元") into fen.
 * Errors are i18n keys. By default the amount must be greater than zero.
 */
export function parseYuan(
  input: unknown,
  { allowZero = false, allowNegative = false }: { allowZero?: boolean; allowNegative?: boolean } = {}
): ParseResult<number> {
  if (typeof input === "number") input = String(input);
  if (typeof input !== "string" || input.trim() === "") return { ok: false, error: "error.required" };
  const text = toHalfWidth(input)
    .trim()
    .replace(/^[¥￥]\s*/, "")
    .replace(/^(-)\s*[¥￥]\s*/, "$1")
    .replace(/\s*元$/, "")
    .trim();
  if (/^-?\d+\.\d{3,}$/.test(text.replace(/,/g, ""))) return { ok: false, error: "error.money.decimals" };
  const match = YUAN_PATTERN.exec(text);
  if (!match) return { ok: false, error: "error.money.format" };
  const [, minus, whole, decimals = ""] = match;
  const fen = Number(whole.replace(/,/g, "")) * 100 + Number(decimals.padEnd(2, "0"));
  const signed = minus ? -fen : fen;
  if (!Number.isSafeInteger(signed) || Math.abs(signed) > MAX_FEN) return { ok: false, error: "error.money.tooLarge" };
  if (signed < 0 && !allowNegative) return { ok: false, error: "error.money.positive" };
  if (signed === 0 && !allowZero) return { ok: false, error: "error.money.positive" };
  return { ok: true, value: signed };
}

/** 123456 fen → "1,234.56" (or "1234.56" without grouping, as files carry it). */
export function formatFen(fen: number, { grouping = true }: { grouping?: boolean } = {}): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, "0");
  // thousands separators by hand: toLocaleString costs microseconds a call, and a summary has thousands
  const wholeText = grouping ? String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : String(whole);
  return `${negative ? "-" : ""}${wholeText}.${cents}`;
}

/** An amount as a form's field shows it: "1234.56", nothing for none. */
export function fenInput(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? "" : formatFen(fen, { grouping: false });
}

/** Fen in 万元 (ten thousand yuan) with two decimals: 55000000 fen → "55.00". */
export function formatWan(fen: number): string {
  // hundredths of 万元 are 10,000 fen, rounded half away from zero; formatFen then writes them
  // (toLocaleString with options builds a number format each call: a millisecond a village page)
  const hundredths = Math.sign(fen) * Math.round(Math.abs(fen) / 10_000);
  return formatFen(hundredths);
}

/** Full-width digits and punctuation (as Chinese IMEs type them) to ASCII. */
export function toHalfWidth(text: string): string {
  // most text has nothing to change: a test is far cheaper than two replaces
  if (!/[\uFF01-\uFF5E\u3000]/.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/** 同比: (this year − last year) / last year, or null when last year had nothing to compare with. */
export const changeRatio = (currentFen: number, previousFen: number) =>
  previousFen === 0 ? null : (currentFen - previousFen) / previousFen;

/** 同比 as DESIGN.md writes it, on pages and in files alike: "12.5%", "-3.0%", or "" when there is none. */
export function formatChange(change: number | null): string {
  if (change === null) return "";
  return `${(Math.round(change * 1000) / 10).toFixed(1)}%`;
}
