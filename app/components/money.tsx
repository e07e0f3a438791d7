import { formatFen, formatWan } from "~/lib/money";

/** An amount in fen shown as yuan with two decimals (or in 万元). */
export function Money({ fen, unit = "yuan" }: { fen: number; unit?: "yuan" | "wan" }) {
  return <span className="money">{unit === "wan" ? formatWan(fen) : formatFen(fen)}</span>;
}

/** Year-on-year change as "+12.5%", or "—" when last year had nothing to compare with. */
export function formatChange(current: number, previous: number): string {
  if (!previous) return "—";
  const pct = ((current - previous) / previous) * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%`;
}
