import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, incomeRecords, projects, projectVillages, townships, villages } from "../../db/schema";
import { todayIso } from "~/lib/dates";
import { createIncome, listIncome, voidIncome } from "~/models/income.server";
import { IncomeParams, queryOf } from "~/validation/params";
import { createUser } from "~/models/user.server";
import { villageIncomeSummary } from "~/models/summary.server";
import { parseForm } from "~/validation/form";
import { IncomeSchema } from "~/validation/income";

let actor: { id: number; username: string };
const ids: Record<string, number> = {};

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

const valid = () => ({
  villageId: String(ids.a),
  receivedOn: "2024-03-05",
  category: "operating",
  amountFen: "100.00",
});

beforeAll(async () => {
  const db = await getDb();
  actor = await createUser(
    { username: "keeper", displayName: "录入员", role: "editor", password: "keeper-pass" },
    null
  );
  const [t] = await db.insert(townships).values({ name: "镇" }).returning();
  const [a, b] = await db
    .insert(villages)
    .values([
      { townshipId: t.id, name: "甲村" },
      { townshipId: t.id, name: "乙村" },
    ])
    .returning();
  const [p] = await db.insert(projects).values({ name: "乙村项目", type: "farming" }).returning();
  await db.insert(projectVillages).values({ projectId: p.id, villageId: b.id });
  Object.assign(ids, { a: a.id, b: b.id, project: p.id });
});

describe("what the income form refuses", () => {
  it.each([
    ["", "error.required"],
    ["0", "error.money.positive"],
    ["-5", "error.money.positive"],
    ["12.345", "error.money.decimals"],
    ["十元", "error.money.format"],
  ])("amount %j: %s", (amount, error) => {
    const parsed = parseForm(IncomeSchema, form({ ...valid(), amountFen: amount }));
    expect(!parsed.ok && parsed.errors.amountFen).toEqual([error]);
  });

  it.each([
    ["2023-02-29", "error.date"],
    ["2024-13-01", "error.date"],
    ["", "error.required"],
  ])("date %j: %s", (date, error) => {
    const parsed = parseForm(IncomeSchema, form({ ...valid(), receivedOn: date }));
    expect(!parsed.ok && parsed.errors.receivedOn).toEqual([error]);
  });

  it("refuses a date after today", () => {
    const tomorrow = new Date(Date.now() + 2 * 86400e3).toISOString().slice(0, 10);
    const parsed = parseForm(IncomeSchema, form({ ...valid(), receivedOn: tomorrow }));
    expect(!parsed.ok && parsed.errors.receivedOn).toEqual(["error.futureDate"]);
    expect(parseForm(IncomeSchema, form({ ...valid(), receivedOn: todayIso() })).ok).toBe(true);
  });

  it("refuses a project that does not involve the village, and writes nothing", async () => {
    const parsed = parseForm(IncomeSchema, form({ ...valid(), projectId: String(ids.project) }));
    if (!parsed.ok) throw new Error("form should parse");
    expect(await createIncome(parsed.data, actor)).toEqual({
      ok: false,
      errors: { projectId: ["error.projectVillage"] },
    });
    const db = await getDb();
    expect(await db.select().from(incomeRecords)).toEqual([]);
  });

  it("refuses a voucher already used for that village, not for another", async () => {
    const parsed = parseForm(IncomeSchema, form({ ...valid(), voucher: "2024-007" }));
    if (!parsed.ok) throw new Error("form should parse");
    expect((await createIncome(parsed.data, actor)).ok).toBe(true);
    expect(await createIncome(parsed.data, actor)).toEqual({ ok: false, errors: { voucher: ["error.voucherTaken"] } });
    expect((await createIncome({ ...parsed.data, villageId: ids.b }, actor)).ok).toBe(true);
  });
});

describe("voiding", () => {
  it("keeps the record with who, when and why, drops it from the sums, and audits it", async () => {
    const db = await getDb();
    const saved = await createIncome(
      {
        villageId: ids.a,
        receivedOn: "2024-06-01",
        category: "investment",
        amountFen: 50_000,
        projectId: null,
        enterpriseId: null,
        voucher: "V-void",
        note: null,
      },
      actor
    );
    if (!saved.ok) throw new Error("saved");
    const before = (await villageIncomeSummary({ year: 2024 })).rows.find((r) => r.villageId === ids.a)!.totalFen;
    const voided = await voidIncome(saved.record.id, 1, "录错了", actor);
    expect(voided.ok).toBe(true);
    const [row] = await db.select().from(incomeRecords).where(eq(incomeRecords.id, saved.record.id));
    expect(row).toMatchObject({ voidReason: "录错了", voidedBy: actor.id, amountFen: 50_000, version: 2 });
    expect(row.voidedAt).toBeTruthy();
    expect((await villageIncomeSummary({ year: 2024 })).rows.find((r) => r.villageId === ids.a)!.totalFen).toBe(
      before - 50_000
    );
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "void"));
    expect(entry).toMatchObject({ entity: "income", entityId: saved.record.id, username: "keeper" });
  });

  it("refuses a stale void and a second void", async () => {
    const saved = await createIncome(
      {
        villageId: ids.a,
        receivedOn: "2024-06-02",
        category: "other",
        amountFen: 100,
        projectId: null,
        enterpriseId: null,
        voucher: null,
        note: null,
      },
      actor
    );
    if (!saved.ok) throw new Error("saved");
    expect(await voidIncome(saved.record.id, 7, "旧页面", actor)).toEqual({ ok: false, stale: true });
    expect((await voidIncome(saved.record.id, 1, "第一次", actor)).ok).toBe(true);
    expect(await voidIncome(saved.record.id, 2, "第二次", actor)).toEqual({
      ok: false,
      errors: { reason: ["error.alreadyVoided"] },
    });
  });

  it("shows voided records in the list, counted apart from the total", async () => {
    const list = await listIncome(IncomeParams.parse(queryOf(`http://x/income?village=${ids.a}&year=2024`)));
    expect(list.voidedCount).toBe(2);
    expect(list.total).toBe(3);
    expect(list.sumFen).toBe(10_000); // only the 100.00 yuan record of the first test remains valid
    const valid = await listIncome(IncomeParams.parse(queryOf(`http://x/income?village=${ids.a}&voided=no&year=`)));
    expect(valid.rows.map((r) => r.voucher)).toEqual(["2024-007"]);
  });
});
