import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, sqliteMessage } from "../../db/client";
import { projects, projectVillages, townships, villages } from "../../db/schema";
import { translate } from "~/i18n";
import type { SessionUser } from "~/lib/permissions";
import { changeMonth, closingGrid, isOverdue } from "~/models/closing.server";
import { DEFAULT_RULES } from "~/lib/rules";
import { setYearSettings } from "~/models/settings.server";
import { YearSettingsSchema } from "~/validation/settings";
import { importFile } from "~/models/import.server";
import { createIncome, updateIncomeNote, voidIncome } from "~/models/income.server";
import { createUser } from "~/models/user.server";
import { ROOT, TMP } from "../helpers/paths";

// Closing the books: a village's month submitted, returned, approved (locked) and unlocked, and a
// locked month refusing every road into the ledger: the form, a note's edit, a void, the import
// page, the command line, and a write in SQL behind the app's back (the triggers).

let editor: SessionUser;
let clerk: SessionUser;
const ids: Record<string, number> = {};
const march = { year: 2024, month: 3 };

const ledger = async () =>
  (
    await (
      await getDb()
    ).all<{ n: number; fen: number }>(
      sql`SELECT COUNT(*) AS n, COALESCE(SUM(amount_fen), 0) AS fen FROM income_records WHERE village_id = ${ids.jia}`
    )
  )[0];
const csv = (rows: string[][]) =>
  new TextEncoder().encode(
    [["村名", "日期", "类别", "金额（元）", "凭证号"], ...rows].map((r) => r.join(",")).join("\r\n")
  );
/** An income record by the form's road (经营收入, no project or enterprise). */
const record = (
  villageId: number,
  receivedOn: string,
  amountFen: number,
  user: SessionUser,
  voucher: string | null = null
) =>
  createIncome(
    {
      villageId,
      receivedOn,
      category: "operating",
      amountFen,
      projectId: null,
      enterpriseId: null,
      voucher,
      note: null,
    },
    user
  );
const month = (change: Parameters<typeof changeMonth>[1]["change"], user = editor, extra = {}) =>
  changeMonth(user, { villageId: ids.jia, ...march, change, ...extra });

beforeAll(async () => {
  const db = await getDb();
  const made = await createUser(
    { username: "keeper", displayName: "审核员", role: "editor", password: "keeper-pass" },
    null
  );
  editor = { ...made, displayName: "审核员", role: "editor", villageIds: [] };
  const [t] = await db.insert(townships).values({ name: "镇" }).returning();
  const [jia, yi] = await db
    .insert(villages)
    .values([
      { townshipId: t.id, name: "甲村" },
      { townshipId: t.id, name: "乙村" },
    ])
    .returning();
  const madeClerk = await createUser(
    { username: "jia.clerk", displayName: "甲村报账员", role: "clerk", password: "clerk-pass", villageIds: [jia.id] },
    null
  );
  clerk = { ...madeClerk, displayName: "甲村报账员", role: "clerk", villageIds: [jia.id] };
  const [p] = await db.insert(projects).values({ name: "甲村项目", type: "farming" }).returning();
  await db.insert(projectVillages).values({ projectId: p.id, villageId: jia.id });
  Object.assign(ids, { jia: jia.id, yi: yi.id });
  const saved = await record(jia.id, "2024-03-05", 10_000, editor, "M-1");
  if (!saved.ok) throw new Error("setup");
  ids.record = saved.record.id;
});

describe("a village's month", () => {
  it("is submitted by its clerk, returned with a reason, submitted again and approved", async () => {
    const submitted = await month("submit", clerk);
    expect(submitted !== "forbidden" && submitted.ok && submitted.record.state).toBe("submitted");
    // only a submitted month is returned, and a return needs a reason
    expect(await month("return", editor, { reason: " " })).toEqual({
      ok: false,
      errors: { reason: ["error.required"] },
    });
    const returned = await month("return", editor, { reason: "3月少了物业费" });
    expect(returned !== "forbidden" && returned.ok && returned.record).toMatchObject({
      state: "returned",
      returnReason: "3月少了物业费",
    });
    // a clerk approves nothing, and submits no other village's month
    expect(await month("approve", clerk)).toBe("forbidden");
    expect(await changeMonth(clerk, { villageId: ids.yi, ...march, change: "submit" })).toBe("forbidden");
    await month("submit", clerk, { noIncome: false });
    const approved = await month("approve");
    expect(approved !== "forbidden" && approved.ok && approved.record).toMatchObject({
      state: "approved",
      approvedBy: editor.id,
      returnReason: null,
    });
    // an approved month is not submitted again
    expect(await month("submit", clerk)).toEqual({ ok: false, errors: { state: ["closing.cannot.submit"] } });
  });
});

describe("an approved month refuses every write of its income", () => {
  const refusal = (result: unknown, field: string) => {
    const errors = (result as { errors: Record<string, string[]> }).errors[field];
    return translate("zh-CN", errors[0]);
  };

  it("a new record by the form, naming the village, the month and who approved it", async () => {
    const before = await ledger();
    const result = await record(ids.jia, "2024-03-20", 500, clerk);
    expect(refusal(result, "receivedOn")).toMatch(/^甲村 2024 年 3 月已审核锁定（审核员，\d{4}-\d{2}-\d{2}）/);
    expect(await ledger()).toEqual(before);
    // April is open
    const april = await record(ids.jia, "2024-04-01", 500, clerk);
    expect(april.ok).toBe(true);
  });

  it("an edit of a record's note, and a void", async () => {
    const before = await ledger();
    expect(refusal(await updateIncomeNote(ids.record, 1, "补记", editor), "note")).toContain("已审核锁定");
    expect(refusal(await voidIncome(ids.record, 1, "录错了", editor), "reason")).toContain("已审核锁定");
    const [row] = await (
      await getDb()
    ).all<{ note: string | null; voidedAt: string | null; version: number }>(
      sql`SELECT note, voided_at AS voidedAt, version FROM income_records WHERE id = ${ids.record}`
    );
    expect(row).toEqual({ note: null, voidedAt: null, version: 1 });
    expect(await ledger()).toEqual(before);
  });

  it("an import through the page, refused whole with the row named", async () => {
    const before = await ledger();
    const { plan, committed } = await importFile(
      "income",
      csv([
        ["甲村", "2024-04-02", "经营收入", "10.00", "IMP-1"],
        ["甲村", "2024-03-31", "经营收入", "20.00", "IMP-2"],
      ]),
      { commit: true, actor: editor, fileName: "月报.csv" }
    );
    expect(committed).toBe(false);
    expect(plan.errors.map((e) => [e.row, e.column, translate("zh-CN", e.message)])).toEqual([
      [3, "日期", expect.stringMatching(/^甲村 2024 年 3 月已审核锁定/)],
    ]);
    expect(await ledger()).toEqual(before);
  });

  it("an import from the command line", async () => {
    const before = await ledger();
    const file = path.join(mkdtempSync(path.join(TMP, "closing-")), "月报.csv");
    writeFileSync(file, csv([["甲村", "2024-03-31", "经营收入", "20.00", "CLI-1"]]));
    const r = spawnSync(process.execPath, [path.join(ROOT, "build/cli.js"), "import", "income", file], {
      cwd: ROOT,
      env: { ...process.env },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("第 2 行 [日期] 甲村 2024 年 3 月已审核锁定");
    expect(await ledger()).toEqual(before);
  });

  it("a write in SQL behind the app's back: insert, update and delete, by the database's triggers", async () => {
    /** What SQLite answered a write: the trigger's refusal, or nothing when it went through. */
    const answer = (write: Promise<unknown>) =>
      write.then(
        () => "written",
        (error: unknown) => sqliteMessage(error)
      );
    const db = await getDb();
    const before = await ledger();
    expect(
      await answer(
        db.run(
          sql`INSERT INTO income_records (village_id, received_on, category, amount_fen) VALUES (${ids.jia}, '2024-03-09', 'other', 100)`
        )
      )
    ).toMatch(/month_locked/);
    expect(await answer(db.run(sql`UPDATE income_records SET amount_fen = 1 WHERE id = ${ids.record}`))).toMatch(
      /month_locked/
    );
    // moving a record into the month is refused too
    expect(
      await answer(
        db.run(
          sql`UPDATE income_records SET received_on = '2024-03-02' WHERE village_id = ${ids.jia} AND received_on = '2024-04-01'`
        )
      )
    ).toMatch(/month_locked/);
    expect(await answer(db.run(sql`DELETE FROM income_records WHERE id = ${ids.record}`))).toMatch(/month_locked/);
    expect(await ledger()).toEqual(before);
  });
});

describe("unlocking", () => {
  it("is asked for by the clerk with a reason, done by the township with one, and opens the month again", async () => {
    expect(await month("request_unlock", clerk, { reason: "" })).toEqual({
      ok: false,
      errors: { reason: ["error.required"] },
    });
    const asked = await month("request_unlock", clerk, { reason: "3月有一笔录重了" });
    expect(asked !== "forbidden" && asked.ok && asked.record).toMatchObject({
      state: "approved",
      unlockRequest: "3月有一笔录重了",
    });
    expect(await month("unlock", clerk, { reason: "x" })).toBe("forbidden");
    const unlocked = await month("unlock", editor, { reason: "核实后解锁更正" });
    expect(unlocked !== "forbidden" && unlocked.ok && unlocked.record).toMatchObject({
      state: "open",
      approvedBy: null,
      unlockRequest: null,
    });
    const voided = await voidIncome(ids.record, 1, "录重了", editor);
    expect(voided.ok).toBe(true);
  });

  it("left every change in the audit log, with who made it and the reason", async () => {
    const entries = await (
      await getDb()
    ).all<{ action: string; username: string; after: string }>(
      sql`SELECT action, username, after FROM audit_log WHERE entity = 'month' ORDER BY id`
    );
    expect(entries.map((e) => [e.action, e.username])).toEqual([
      ["submit", "jia.clerk"],
      ["return", "keeper"],
      ["submit", "jia.clerk"],
      ["approve", "keeper"],
      ["request_unlock", "jia.clerk"],
      ["unlock", "keeper"],
    ]);
    expect(JSON.parse(entries[1].after)).toMatchObject({ state: "returned", reason: "3月少了物业费" });
    expect(JSON.parse(entries[5].after)).toMatchObject({ state: "open", reason: "核实后解锁更正" });
  });
});

describe("the deadline", () => {
  it("is the 10th of the next month unless /settings says another day for the year", async () => {
    expect(isOverdue("open", 2024, 3, "2024-04-10", 10)).toBe(false);
    expect(isOverdue("open", 2024, 3, "2024-04-11", 10)).toBe(true);
    expect(isOverdue("returned", 2024, 12, "2025-01-11", 10)).toBe(true);
    expect(isOverdue("submitted", 2024, 3, "2024-12-31", 10)).toBe(false);
    // the grid reads the year's day: 乙村's May 2024 is overdue on 11 June, not once the day is 15
    const may = async () =>
      (await closingGrid(2024, null, "2024-06-12")).villages.find((v) => v.id === ids.yi)!.months[4];
    expect((await may()).overdue).toBe(true);
    await setYearSettings(2024, DEFAULT_RULES, editor, 15);
    expect((await may()).overdue).toBe(false);
    expect(
      YearSettingsSchema.safeParse({
        year: "2024",
        weakThresholdFen: "100000",
        operatingCategories: ["operating"],
        reportDeadlineDay: "29",
      }).error?.issues[0].message
    ).toBe("error.deadlineDay");
  });
});
