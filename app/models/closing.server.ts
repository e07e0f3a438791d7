import { and, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import { villageMonths, villages, type MonthState, type VillageMonth } from "../../db/schema";
import { withParams } from "~/i18n/params";
import { canWriteAll, canWriteForVillages, type SessionUser } from "~/lib/permissions";
import { writeAudit, writeAudits } from "./audit.server";
import { reportDeadlineDay } from "./settings.server";
import { fieldError, nowIso, type SaveResult } from "./shared.server";

// Closing the books (DESIGN, "Closing the books"): a village's month is 未报 (open, no row), 已报
// (submitted), 已审 (approved: locked) or 退回 (returned with a reason). While a month is approved
// no income record dated in it is written: every income write asks lockOf / locksOf here first,
// and triggers on income_records refuse any other write (db/migrations/0008_village_months.sql).

export type MonthKey = { villageId: number; year: number; month: number };

/** An approved month, as a refusal names it: the village, the month, who approved it and when. */
export type MonthLock = MonthKey & { villageName: string; approvedBy: string | null; approvedAt: string | null };

type Dated = { villageId: number; receivedOn: string };
const monthOf = (r: Dated): [villageId: number, year: number, month: number] => [
  r.villageId,
  Number(r.receivedOn.slice(0, 4)),
  Number(r.receivedOn.slice(5, 7)),
];
/** The key of the month a record falls in, as locksOf's answer is keyed: "village|year|month". */
export const lockKeyOf = (r: Dated) => monthOf(r).join("|");

/** The approved months among those the records fall in (by village and date), by lockKeyOf. */
export async function locksOf(executor: DbOrTx, records: Dated[]) {
  const keys = [...new Map(records.map((r) => [lockKeyOf(r), monthOf(r)])).values()];
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
export async function lockOf(executor: DbOrTx, record: Dated) {
  return (await locksOf(executor, [record])).get(lockKeyOf(record)) ?? null;
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

// ---- the reporting grid (报送情况) -----------------------------------------------------------------

/** Whether a month still open (未报 or 退回) is past its deadline, the Nth of the month after (/settings). */
export function isOverdue(state: MonthState, year: number, month: number, today: string, deadlineDay: number) {
  if (state !== "open" && state !== "returned") return false;
  const next = month === 12 ? [year + 1, 1] : [year, month + 1];
  const deadline = `${next[0]}-${String(next[1]).padStart(2, "0")}-${String(deadlineDay).padStart(2, "0")}`;
  return today > deadline;
}

export type GridCell = {
  month: number;
  state: MonthState;
  overdue: boolean;
  noIncome: boolean;
  returnReason: string | null;
  unlockRequest: string | null;
};
export type GridCount = Record<MonthState | "overdue", number>;
export type GridVillage = { id: number; name: string; townshipName: string; clerks: string | null; months: GridCell[] };

/** Up to this many villages the grid shows each; beyond, a township is to be chosen. */
const GRID_VILLAGES = 1000;

/**
 * A year's villages × months, each month's state, for one township (or every village of a county
 * small enough), with the counts per state; months of the future are left out of the counts.
 * A province without a township chosen gets its townships' counts instead.
 */
export async function closingGrid(
  year: number,
  townshipId: number | null,
  today: string,
  { everyVillage = false }: { everyVillage?: boolean } = {}
) {
  const db = await getDb();
  const deadlineDay = await reportDeadlineDay(year);
  const lastMonth =
    Number(today.slice(0, 4)) > year ? 12 : Number(today.slice(0, 4)) < year ? 0 : Number(today.slice(5, 7));
  const [{ n }] = await db.all<{ n: number }>(
    townshipId === null
      ? sql`SELECT COUNT(*) AS n FROM villages`
      : sql`SELECT COUNT(*) AS n FROM villages WHERE township_id = ${townshipId}`
  );
  const counts = (): GridCount => ({ open: 0, submitted: 0, approved: 0, returned: 0, overdue: 0 });
  if (townshipId === null && n > GRID_VILLAGES && !everyVillage) {
    // a province: each township's months by state, the villages without a row being 未报
    const rows = await db.all<{
      id: number;
      name: string;
      villages: number;
      month: number | null;
      state: MonthState | null;
      n: number;
    }>(sql`
      SELECT t.id, t.name, (SELECT COUNT(*) FROM villages v WHERE v.township_id = t.id) AS villages, m.month, m.state, COUNT(m.village_id) AS n
      FROM townships t LEFT JOIN villages v ON v.township_id = t.id
      LEFT JOIN village_months m ON m.village_id = v.id AND m.year = ${year} AND m.month <= ${lastMonth}
      GROUP BY t.id, m.month, m.state ORDER BY t.code, t.name`);
    const townships = new Map<number, { id: number; name: string; villages: number; counts: GridCount }>();
    for (const r of rows) {
      const tw = townships.get(r.id) ?? { id: r.id, name: r.name, villages: r.villages, counts: counts() };
      townships.set(r.id, tw);
      if (r.state) tw.counts[r.state] += r.n;
    }
    for (const tw of townships.values()) {
      const rowsOf = tw.counts.submitted + tw.counts.approved + tw.counts.returned + tw.counts.open;
      tw.counts.open += tw.villages * lastMonth - rowsOf;
    }
    return {
      year,
      lastMonth,
      deadlineDay,
      villages: [] as GridVillage[],
      townships: [...townships.values()],
      villageCount: n,
      counts: null,
    };
  }
  const villageRows = await db.all<{ id: number; name: string; townshipName: string; clerks: string | null }>(sql`
    SELECT v.id, v.name, t.name AS townshipName,
      (SELECT group_concat(u.display_name, '、') FROM user_villages uv JOIN users u ON u.id = uv.user_id
        WHERE uv.village_id = v.id AND u.active = 1 AND u.role = 'clerk') AS clerks
    FROM villages v JOIN townships t ON t.id = v.township_id
    ${townshipId === null ? sql`` : sql`WHERE v.township_id = ${townshipId}`}
    ORDER BY t.code, t.name, v.code, v.name`);
  const monthRows = await db.all<VillageMonth & { village_id: number }>(sql`
    SELECT m.village_id AS villageId, m.month, m.state, m.no_income AS noIncome, m.return_reason AS returnReason,
      m.unlock_request AS unlockRequest
    FROM village_months m JOIN villages v ON v.id = m.village_id
    WHERE m.year = ${year} ${townshipId === null ? sql`` : sql`AND v.township_id = ${townshipId}`}`);
  const byKey = new Map(monthRows.map((m) => [`${m.villageId}|${m.month}`, m]));
  const total = counts();
  const villagesOut = villageRows.map((v) => ({
    ...v,
    months: Array.from({ length: 12 }, (_, i): GridCell => {
      const m = byKey.get(`${v.id}|${i + 1}`);
      const state: MonthState = m?.state ?? "open";
      const cell = {
        month: i + 1,
        state,
        overdue: isOverdue(state, year, i + 1, today, deadlineDay),
        noIncome: Boolean(m?.noIncome),
        returnReason: m?.returnReason ?? null,
        unlockRequest: m?.unlockRequest ?? null,
      };
      if (i + 1 <= lastMonth) {
        total[state]++;
        if (cell.overdue) total.overdue++;
      }
      return cell;
    }),
  }));
  return {
    year,
    lastMonth,
    deadlineDay,
    villages: villagesOut as GridVillage[],
    townships: [] as { id: number; name: string; villages: number; counts: GridCount }[],
    villageCount: n,
    counts: total as GridCount | null,
  };
}

/** Approves every submitted month of a township's year at once; the count approved. */
export async function approveSubmitted(user: SessionUser, year: number, townshipId: number) {
  if (!canWriteAll(user.role)) return "forbidden" as const;
  const db = await getDb();
  // one statement for the township's submitted months and one for their audit entries, in one
  // transaction, rather than a transaction a month
  return db.transaction(async (tx) => {
    const now = nowIso();
    const approved = await tx.all<{ villageId: number; month: number }>(sql`
      UPDATE village_months SET state = 'approved', approved_by = ${user.id}, approved_at = ${now},
        version = version + 1, updated_at = ${now}
      WHERE year = ${year} AND state = 'submitted'
        AND village_id IN (SELECT id FROM villages WHERE township_id = ${townshipId})
      RETURNING village_id AS villageId, month`);
    await writeAudits(
      tx,
      approved.map(({ villageId, month }) => ({
        actor: user,
        action: "approve" as const,
        entity: "month",
        entityId: villageId,
        before: { villageId, year, month, state: "submitted" },
        after: { villageId, year, month, state: "approved", approvedBy: user.id, approvedAt: now, bulk: true },
      }))
    );
    return approved.length;
  });
}

/** A clerk's months to attend to: returned ones (with the reason), and open ones due or overdue. */
export async function clerkToDo(user: SessionUser, today: string) {
  if (!user.villageIds.length) return [];
  const db = await getDb();
  const year = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  const deadlines = { [year - 1]: await reportDeadlineDay(year - 1), [year]: await reportDeadlineDay(year) };
  // the months up to last month, this year and last, that are not submitted or approved
  const rows = await db.all<{
    id: number;
    name: string;
    year: number;
    month: number;
    state: MonthState | null;
    returnReason: string | null;
  }>(sql`
    WITH months(year, month) AS (
      SELECT ${year - 1}, value FROM json_each(${JSON.stringify(Array.from({ length: 12 }, (_, i) => i + 1))})
      UNION ALL SELECT ${year}, value FROM json_each(${JSON.stringify(
    Array.from({ length: thisMonth - 1 }, (_, i) => i + 1)
  )})
    )
    SELECT v.id, v.name, ms.year, ms.month, m.state, m.return_reason AS returnReason
    FROM villages v CROSS JOIN months ms
    LEFT JOIN village_months m ON m.village_id = v.id AND m.year = ms.year AND m.month = ms.month
    WHERE v.id IN (SELECT value FROM json_each(${JSON.stringify(user.villageIds)}))
      AND coalesce(m.state, 'open') IN ('open', 'returned')
    ORDER BY ms.year DESC, ms.month DESC, v.name LIMIT 50`);
  return rows.map((r) => ({
    villageId: r.id,
    villageName: r.name,
    year: r.year,
    month: r.month,
    state: r.state ?? ("open" as MonthState),
    returnReason: r.returnReason,
    overdue: isOverdue(r.state ?? "open", r.year, r.month, today, deadlines[r.year]),
  }));
}

/** The township's to-do: months waiting for approval (how many), and unlock requests with their reasons. */
export async function townshipToDo(limit = 20) {
  const db = await getDb();
  const [{ submitted }] = await db.all<{ submitted: number }>(
    sql`SELECT COUNT(*) AS submitted FROM village_months WHERE state = 'submitted'`
  );
  const requests = await db.all<{
    villageId: number;
    villageName: string;
    year: number;
    month: number;
    reason: string;
    askedBy: string | null;
  }>(sql`
    SELECT m.village_id AS villageId, v.name AS villageName, m.year, m.month, m.unlock_request AS reason,
      u.display_name AS askedBy
    FROM village_months m JOIN villages v ON v.id = m.village_id LEFT JOIN users u ON u.id = m.unlock_requested_by
    WHERE m.state = 'approved' AND m.unlock_request IS NOT NULL
    ORDER BY m.updated_at DESC LIMIT ${limit}`);
  return { submitted, requests };
}
