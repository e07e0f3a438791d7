import { and, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import { villageMonths, villages, type MonthState, type VillageMonth } from "../../db/schema";
import { withParams } from "~/i18n/params";
import { canWriteAll, canWriteForVillages, type SessionUser } from "~/lib/permissions";
import { writeAudit } from "./audit.server";
import { fieldError, nowIso, type SaveResult } from "./shared.server";

// Closing the books (DESIGN, "Closing the books"): a village's month is 未报 (open, no row), 已报
// (submitted), 已审 (approved: locked) or 退回 (returned with a reason). While a month is approved
// no income record dated in it is written: every income write asks lockOf / locksOf here first,
// and triggers on income_records refuse any other write (db/migrations/0008_village_months.sql).

export type MonthKey = { villageId: number; year: number; month: number };

/** An approved month, as a refusal names it: the village, the month, who approved it and when. */
export type MonthLock = MonthKey & { villageName: string; approvedBy: string | null; approvedAt: string | null };

const monthOf = (receivedOn: string) => ({
  year: Number(receivedOn.slice(0, 4)),
  month: Number(receivedOn.slice(5, 7)),
});

/** The approved months among those the records fall in (by village and date), by "village|year|month". */
export async function locksOf(executor: DbOrTx, records: { villageId: number; receivedOn: string }[]) {
  const keys = [
    ...new Map(
      records.map((r) => {
        const { year, month } = monthOf(r.receivedOn);
        return [`${r.villageId}|${year}|${month}`, [r.villageId, year, month]];
      })
    ).values(),
  ];
  const locks = new Map<string, MonthLock>();
  if (!keys.length) return locks;
  const rows = await executor.all<MonthLock>(sql`
    SELECT m.village_id AS villageId, m.year, m.month, v.name AS villageName,
      u.display_name AS approvedBy, m.approved_at AS approvedAt
    FROM json_each(${JSON.stringify(keys)}) k
    JOIN village_months m ON m.village_id = k.value ->> 0 AND m.year = k.value ->> 1 AND m.month = k.value ->> 2
    JOIN villages v ON v.id = m.village_id LEFT JOIN users u ON u.id = m.approved_by
    WHERE m.state = 'approved'`);
  for (const r of rows) locks.set(`${r.villageId}|${r.year}|${r.month}`, r);
  return locks;
}

/** The approved month a record dated `receivedOn` for the village falls in, if it does. */
export async function lockOf(executor: DbOrTx, record: { villageId: number; receivedOn: string }) {
  const { year, month } = monthOf(record.receivedOn);
  return (await locksOf(executor, [record])).get(`${record.villageId}|${year}|${month}`) ?? null;
}

/** The refusal's words: 井亭村 2026 年 3 月已审核锁定（张三，2026-04-05）… as a message with its parameters. */
export function lockedMessage(lock: MonthLock) {
  return withParams("error.monthLocked", {
    village: lock.villageName,
    year: lock.year,
    month: lock.month,
    who: lock.approvedBy ?? "—",
    when: lock.approvedAt?.slice(0, 10) ?? "—",
  });
}

/** An import's rows that fall in approved months, found when it commits (after its preview). */
export class MonthsLocked extends Error {
  constructor(readonly locks: MonthLock[]) {
    super("month locked");
  }
}

// ---- the month's cycle -------------------------------------------------------------------------

type Change = "submit" | "approve" | "return" | "unlock" | "request_unlock";

/** From which states each change may be made, and who may make it. */
const RULES: Record<Change, { from: MonthState[]; may: (user: SessionUser, villageId: number) => boolean }> = {
  // a clerk for their own villages, the township's staff for any
  submit: { from: ["open", "returned"], may: (u, v) => canWriteForVillages(u, [v]) },
  request_unlock: { from: ["approved"], may: (u, v) => canWriteForVillages(u, [v]) },
  approve: { from: ["submitted"], may: (u) => canWriteAll(u.role) },
  return: { from: ["submitted"], may: (u) => canWriteAll(u.role) },
  unlock: { from: ["approved"], may: (u) => canWriteAll(u.role) },
};

/** Changes that need a reason, and the form field it goes in. */
const NEEDS_REASON: Partial<Record<Change, true>> = { return: true, unlock: true, request_unlock: true };

export type MonthChange = MonthKey & { change: Change; reason?: string | null; noIncome?: boolean };

/** A village's month as it stands (open when it has no row). */
export async function getMonth(executor: DbOrTx, key: MonthKey): Promise<VillageMonth | null> {
  const [row] = await executor
    .select()
    .from(villageMonths)
    .where(
      and(
        eq(villageMonths.villageId, key.villageId),
        eq(villageMonths.year, key.year),
        eq(villageMonths.month, key.month)
      )
    );
  return row ?? null;
}

/**
 * Moves a village's month on: submit (本月无收入 too), approve, return or unlock with a reason, or
 * ask for an unlock. Refused with a field error when the month is not in a state the change starts
 * from, or the user may not make it; every change goes in the audit log with the month before and
 * after. Returns "forbidden" for a user who may not touch the village at all.
 */
export async function changeMonth(
  user: SessionUser,
  input: MonthChange
): Promise<SaveResult<VillageMonth> | "forbidden"> {
  const rule = RULES[input.change];
  if (!rule.may(user, input.villageId)) return "forbidden";
  const reason = input.reason?.trim() || null;
  if (NEEDS_REASON[input.change] && !reason) return fieldError("reason", "error.required");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [village] = await tx.select({ id: villages.id }).from(villages).where(eq(villages.id, input.villageId));
    if (!village) return fieldError("villageId", "error.unknownVillage");
    const before = await getMonth(tx, input);
    const state: MonthState = before?.state ?? "open";
    if (!rule.from.includes(state)) return fieldError("state", `closing.cannot.${input.change}`);
    const now = nowIso();
    const after: Omit<VillageMonth, "version" | "updatedAt"> = {
      villageId: input.villageId,
      year: input.year,
      month: input.month,
      state,
      noIncome: before?.noIncome ?? false,
      submittedBy: before?.submittedBy ?? null,
      submittedAt: before?.submittedAt ?? null,
      approvedBy: before?.approvedBy ?? null,
      approvedAt: before?.approvedAt ?? null,
      returnReason: before?.returnReason ?? null,
      unlockRequest: before?.unlockRequest ?? null,
      unlockRequestedBy: before?.unlockRequestedBy ?? null,
    };
    if (input.change === "submit")
      Object.assign(after, {
        state: "submitted",
        noIncome: Boolean(input.noIncome),
        submittedBy: user.id,
        submittedAt: now,
        returnReason: null,
      });
    else if (input.change === "approve")
      Object.assign(after, { state: "approved", approvedBy: user.id, approvedAt: now });
    else if (input.change === "return") Object.assign(after, { state: "returned", returnReason: reason });
    // back to 未报: the month takes records again, and must be submitted and approved anew
    else if (input.change === "unlock")
      Object.assign(after, {
        state: "open",
        approvedBy: null,
        approvedAt: null,
        unlockRequest: null,
        unlockRequestedBy: null,
      });
    else Object.assign(after, { unlockRequest: reason, unlockRequestedBy: user.id });
    const [row] = await tx
      .insert(villageMonths)
      .values({ ...after, version: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: [villageMonths.villageId, villageMonths.year, villageMonths.month],
        set: { ...after, version: sql`${villageMonths.version} + 1`, updatedAt: now },
      })
      .returning();
    await writeAudit(tx, {
      actor: user,
      action: input.change,
      entity: "month",
      entityId: input.villageId,
      before: before ?? { villageId: input.villageId, year: input.year, month: input.month, state: "open" },
      after: { ...row, ...(reason ? { reason } : {}) },
    });
    return { ok: true as const, record: row };
  });
}
