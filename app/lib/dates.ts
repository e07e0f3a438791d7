import { toHalfWidth } from "./money";

// Dates are stored as ISO YYYY-MM-DD; people type 2024/3/5 or 2024年3月5日 as well.
const PATTERNS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/,
];

/** Parses a date as typed; returns ISO text, or null when it is not a real calendar date. */
export function parseDate(input: string): string | null {
  const text = toHalfWidth(input).trim();
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    return isoIfReal(Number(match[1]), Number(match[2]), Number(match[3]));
  }
  return null;
}

/** The years the ledger knows: the one rule for dates typed, years in URLs and settings. */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2999;
export const isYear = (year: number) => Number.isInteger(year) && year >= YEAR_MIN && year <= YEAR_MAX;

function isoIfReal(year: number, month: number, day: number): string | null {
  if (!isYear(year) || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null; // 2023-02-29 rolls into March
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Excel's serial day number (1900 date system) to ISO. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const ms = Math.round((serial - 25569) * 86400 * 1000);
  const date = new Date(ms);
  return isoIfReal(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The ISO date `days` after (or, negative, before) another. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Today in China (UTC+8), as ISO: a clerk at 07:00 Beijing time is already on the new day. */
export function todayIso(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

export function currentYear(now = new Date()): number {
  return Number(todayIso(now).slice(0, 4));
}

/** A stored UTC timestamp shown as Beijing time: "2024-03-05 14:30". */
export function formatDateTime(isoUtc: string | null | undefined): string {
  if (!isoUtc) return "—";
  const date = new Date(isoUtc.endsWith("Z") || isoUtc.includes("+") ? isoUtc : `${isoUtc}Z`);
  if (Number.isNaN(date.getTime())) return isoUtc;
  return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace("T", " ");
}

/** The first day of the last full quarter before today's: on 2024-11-25 it is 2024-07-01. */
export function lastFullQuarterStart(today = todayIso()): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const currentQuarterMonth = Math.floor((month - 1) / 3) * 3 + 1;
  const start = currentQuarterMonth - 3;
  return start < 1
    ? `${year - 1}-${String(start + 12).padStart(2, "0")}-01`
    : `${year}-${String(start).padStart(2, "0")}-01`;
}

/** "2024-07-01" → { year: 2024, quarter: 3 } */
export function quarterOf(iso: string) {
  return { year: Number(iso.slice(0, 4)), quarter: Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1 };
}
