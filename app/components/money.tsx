import { formatFen, formatWan } from "~/lib/money";

/** An amount in fen shown as yuan with two decimals (or in 万元). */
export function Money({ fen, unit = "yuan" }: { fen: number; unit?: "yuan" | "wan" }) {
  return <span className="money">{unit === "wan" ? formatWan(fen) : formatFen(fen)}</span>;
}
