import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { yearSettings } from "../../db/schema";

/** 集体经济薄弱村 threshold when the admin has set none for a year: 100,000 yuan. */
export const DEFAULT_WEAK_THRESHOLD_FEN = 100_000 * 100;

export async function weakThresholdFen(year: number): Promise<number> {
  const db = await getDb();
  const [row] = await db.select().from(yearSettings).where(eq(yearSettings.year, year));
  return row?.weakThresholdFen ?? DEFAULT_WEAK_THRESHOLD_FEN;
}
