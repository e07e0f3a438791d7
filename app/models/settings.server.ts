import { eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { yearSettings } from "../../db/schema";
import { DEFAULT_RULES, parseCategories, type YearRules } from "~/lib/rules";
import { writeAudit, type Actor } from "./audit.server";

/** The day of the next month a month of the year is due by (报送截止日): the 10th unless set. */
export const DEFAULT_REPORT_DEADLINE_DAY = 10;

type Row = typeof yearSettings.$inferSelect;

function rulesOf(row: Row | undefined): YearRules {
  if (!row) return { ...DEFAULT_RULES, operatingCategories: [...DEFAULT_RULES.operatingCategories] };
  return {
    weakThresholdFen: row.weakThresholdFen,
    operatingCategories: parseCategories(row.operatingCategories),
    shellBelowFen: row.shellBelowFen,
    richFromFen: row.richFromFen,
  };
}

async function settingsRow(year: number): Promise<Row | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(yearSettings).where(eq(yearSettings.year, year));
  return row;
}

/** The year's rules (口径): the defaults of DESIGN.md until the admin sets the year's own. */
export async function yearRules(year: number): Promise<YearRules> {
  return rulesOf(await settingsRow(year));
}

export async function weakThresholdFen(year: number): Promise<number> {
  return (await yearRules(year)).weakThresholdFen;
}

export async function reportDeadlineDay(year: number): Promise<number> {
  return (await settingsRow(year))?.reportDeadlineDay ?? DEFAULT_REPORT_DEADLINE_DAY;
}

/** Every year's settings, for the years with income, with a setting, and this one. */
export async function listYearSettings(years: number[]) {
  const db = await getDb();
  const rows = await db.select().from(yearSettings);
  const all = [...new Set([...years, ...rows.map((r) => r.year)])].sort((a, b) => b - a);
  return all.map((year) => {
    const row = rows.find((r) => r.year === year);
    return {
      year,
      rules: rulesOf(row),
      reportDeadlineDay: row?.reportDeadlineDay ?? DEFAULT_REPORT_DEADLINE_DAY,
      isSet: Boolean(row),
      version: row?.version ?? 0,
    };
  });
}

/** Sets a year's rules and deadline day; reports already made keep the rules they were made with. */
export async function setYearSettings(
  year: number,
  rules: YearRules,
  actor: Actor,
  reportDeadlineDay = DEFAULT_REPORT_DEADLINE_DAY
) {
  const db = await getDb();
  const values = {
    weakThresholdFen: rules.weakThresholdFen,
    operatingCategories: rules.operatingCategories.join(","),
    shellBelowFen: rules.shellBelowFen,
    richFromFen: rules.richFromFen,
    reportDeadlineDay,
  };
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(yearSettings).where(eq(yearSettings.year, year));
    const [after] = before
      ? await tx
          .update(yearSettings)
          .set({ ...values, version: before.version + 1, updatedAt: new Date().toISOString() })
          .where(eq(yearSettings.year, year))
          .returning()
      : await tx
          .insert(yearSettings)
          .values({ year, ...values })
          .returning();
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

/** The SQL sum of a year's operating categories under the rules, over village_year_income `alias`. */
export function operatingSql(rules: YearRules, alias: string) {
  // in brackets: it is subtracted from as well as added to
  return sql.raw(`(${rules.operatingCategories.map((c) => `COALESCE(${alias}.${c}, 0)`).join(" + ") || "0"})`);
}
