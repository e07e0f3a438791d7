import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { yearSettings } from "../../db/schema";
import { writeAudit, type Actor } from "./audit.server";

/** 集体经济薄弱村 threshold when the admin has set none for a year: 100,000 yuan. */
export const DEFAULT_WEAK_THRESHOLD_FEN = 100_000 * 100;

export async function weakThresholdFen(year: number): Promise<number> {
  const db = await getDb();
  const [row] = await db.select().from(yearSettings).where(eq(yearSettings.year, year));
  return row?.weakThresholdFen ?? DEFAULT_WEAK_THRESHOLD_FEN;
}

/** The day of the next month a month of the year is due by (报送截止日): the 10th unless set. */
export const DEFAULT_REPORT_DEADLINE_DAY = 10;

export async function reportDeadlineDay(year: number): Promise<number> {
  const db = await getDb();
  const [row] = await db.select().from(yearSettings).where(eq(yearSettings.year, year));
  return row?.reportDeadlineDay ?? DEFAULT_REPORT_DEADLINE_DAY;
}

/** Every year's threshold, for the years with income, with a setting, and this one. */
export async function listThresholds(years: number[]) {
  const db = await getDb();
  const rows = await db.select().from(yearSettings);
  const all = [...new Set([...years, ...rows.map((r) => r.year)])].sort((a, b) => b - a);
  return all.map((year) => {
    const row = rows.find((r) => r.year === year);
    return {
      year,
      weakThresholdFen: row?.weakThresholdFen ?? DEFAULT_WEAK_THRESHOLD_FEN,
      reportDeadlineDay: row?.reportDeadlineDay ?? DEFAULT_REPORT_DEADLINE_DAY,
      isSet: Boolean(row),
      version: row?.version ?? 0,
    };
  });
}

export async function setWeakThreshold(
  year: number,
  weakThresholdFen: number,
  actor: Actor,
  reportDeadlineDay = DEFAULT_REPORT_DEADLINE_DAY
) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(yearSettings).where(eq(yearSettings.year, year));
    const [after] = before
      ? await tx
          .update(yearSettings)
          .set({
            weakThresholdFen,
            reportDeadlineDay,
            version: before.version + 1,
            updatedAt: new Date().toISOString(),
          })
          .where(eq(yearSettings.year, year))
          .returning()
      : await tx.insert(yearSettings).values({ year, weakThresholdFen, reportDeadlineDay }).returning();
    await writeAudit(tx, {
      actor,
      action: before ? "update" : "create",
      entity: "settings",
      entityId: year,
      before,
      after,
    });
    return after;
  });
}
