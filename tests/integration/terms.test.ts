import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { enterprises, projectEnterprises, projects, projectVillages, townships, villages } from "../../db/schema";
import type { SessionUser } from "~/lib/permissions";
import { importFile } from "~/models/import.server";
import { listReceivables, rollBalances } from "~/models/receivables.server";
import { createIncome, voidIncome } from "~/models/income.server";
import { weakForecast } from "~/models/forecast.server";
import { deleteTerm, getTerm, listTerms, matchByHand, saveTerm, termDues } from "~/models/terms.server";
import { createUser } from "~/models/user.server";
import type { TermInput } from "~/validation/term";
import { exportFromUrl } from "../helpers/params";

// What is owed: a project's contract terms, their expected payments, and receipts matched to them
// oldest first — partial payments carried, over-payments kept, a void taken back, an import
// matched like a form's record, a term changed mid-way — each figure to the fen by hand.

let editor: SessionUser;
const ids: Record<string, number> = {};
const TODAY = "2024-12-31";

const rent = (t: Partial<TermInput> = {}): TermInput => ({
  villageId: ids.hubin,
  enterpriseId: ids.tianxiang,
  kind: "fixed_rent",
  category: "contracting",
  amountFen: 1_000_000,
  period: "quarter",
  firstDue: "2024-03-31",
  increaseBp: null,
  increaseEveryYears: null,
  endsOn: null,
  notes: null,
  ...t,
});

const receipt = async (receivedOn: string, amountFen: number, category: TermInput["category"] = "contracting") => {
  const saved = await createIncome(
    {
      villageId: ids.hubin,
      receivedOn,
      category,
      amountFen,
      projectId: ids.wharf,
      enterpriseId: ids.tianxiang,
      voucher: null,
      note: null,
    },
    editor
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  return saved.record;
};

const received = async (termId: number) => (await termDues(termId, TODAY)).map((d) => d.receivedFen);
const matchedOf = async (incomeId: number) =>
  (
    await (
      await getDb()
    ).all<{ fen: number }>(
      sql`SELECT COALESCE(SUM(amount_fen), 0) AS fen FROM payment_matches WHERE income_id = ${incomeId}`
    )
  )[0].fen;

beforeAll(async () => {
  const db = await getDb();
  const made = await createUser(
    { username: "owed", displayName: "应收员", role: "editor", password: "pass-word-9" },
    null
  );
  editor = { ...made, displayName: "应收员", role: "editor", villageIds: [] };
  const [t] = await db.insert(townships).values({ name: "东湖镇" }).returning();
  const [hubin, liantang] = await db
    .insert(villages)
    .values([
      { townshipId: t.id, name: "湖滨村" },
      { townshipId: t.id, name: "莲塘村" },
    ])
    .returning();
  const [tianxiang, lvyang] = await db
    .insert(enterprises)
    .values([{ name: "天祥集团" }, { name: "绿杨新材料有限公司" }])
    .returning();
  const [wharf] = await db
    .insert(projects)
    .values({ name: "码头租赁", type: "building_lease", status: "operating", contractEnd: "2026-12-31" })
    .returning();
  await db.insert(projectVillages).values({ projectId: wharf.id, villageId: hubin.id });
  await db.insert(projectEnterprises).values({ projectId: wharf.id, enterpriseId: tianxiang.id });
  Object.assign(ids, {
    hubin: hubin.id,
    liantang: liantang.id,
    tianxiang: tianxiang.id,
    lvyang: lvyang.id,
    wharf: wharf.id,
  });
});

describe("contract terms", () => {
  it("refuses a village or enterprise not the project's, and a term with no end anywhere", async () => {
    expect(await saveTerm(ids.wharf, rent({ villageId: ids.liantang }), editor)).toEqual({
      ok: false,
      errors: { villageId: ["error.term.village"] },
    });
    expect(await saveTerm(ids.wharf, rent({ enterpriseId: ids.lvyang }), editor)).toEqual({
      ok: false,
      errors: { enterpriseId: ["error.term.enterprise"] },
    });
    await (
      await getDb()
    )
      .update(projects)
      .set({ contractEnd: null })
      .where(sql`id = ${ids.wharf}`);
    expect(await saveTerm(ids.wharf, rent(), editor)).toEqual({
      ok: false,
      errors: { endsOn: ["error.term.endNeeded"] },
    });
    await (
      await getDb()
    )
      .update(projects)
      .set({ contractEnd: "2026-12-31" })
      .where(sql`id = ${ids.wharf}`);
    expect(await listTerms(ids.wharf)).toEqual([]);
  });

  it("generates a payment for every due date up to the contract end", async () => {
    const saved = await saveTerm(ids.wharf, rent(), editor);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    ids.rent = saved.record.id;
    expect(saved.record.endsOn).toBe("2026-12-31");
    const dues = await termDues(ids.rent, TODAY);
    expect(dues.map((d) => d.dueOn)).toEqual([
      "2024-03-31",
      "2024-06-30",
      "2024-09-30",
      "2024-12-31",
      "2025-03-31",
      "2025-06-30",
      "2025-09-30",
      "2025-12-31",
      "2026-03-31",
      "2026-06-30",
      "2026-09-30",
      "2026-12-31",
    ]);
    // on 31 December 2024 the first three are overdue (the fourth is due that day)
    expect(dues.slice(0, 4).map((d) => d.daysOverdue)).toEqual([275, 184, 92, 0]);
    expect(await listTerms(ids.wharf, TODAY)).toMatchObject([
      { dueFen: 4_000_000, receivedFen: 0, outstandingFen: 4_000_000, nextDue: "2025-03-31" },
    ]);
  });
});

describe("matching receipts to what is owed", () => {
  let first: number;

  it("pays the oldest open payment first and carries a partial payment", async () => {
    first = (await receipt("2024-04-10", 1_500_000)).id;
    expect(await received(ids.rent)).toEqual([1_000_000, 500_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("spreads a larger payment over the next ones", async () => {
    await receipt("2024-10-08", 2_000_000);
    expect(await received(ids.rent)).toEqual([1_000_000, 1_000_000, 1_000_000, 500_000, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await getTerm(ids.rent, TODAY)).toMatchObject({ receivedFen: 3_500_000, outstandingFen: 500_000 });
  });

  it("leaves a receipt of another category to a term of that category", async () => {
    const dividend = await saveTerm(
      ids.wharf,
      rent({ kind: "dividend", category: "investment", amountFen: 300_000, period: "year", firstDue: "2024-12-31" }),
      editor
    );
    if (!dividend.ok) throw new Error(JSON.stringify(dividend));
    ids.dividend = dividend.record.id;
    await receipt("2024-12-20", 300_000, "investment");
    expect(await received(ids.dividend)).toEqual([300_000, 0, 0]);
    expect(await received(ids.rent)).toEqual([1_000_000, 1_000_000, 1_000_000, 500_000, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("takes a voided receipt's payments back, and the payer's other receipts keep theirs", async () => {
    const voided = await voidIncome(first, 1, "重复登记", editor);
    expect(voided.ok).toBe(true);
    // 15,000.00 of the first receipt gone: 2024-03-31 and half of 2024-06-30 open again
    expect(await received(ids.rent)).toEqual([0, 500_000, 1_000_000, 500_000, 0, 0, 0, 0, 0, 0, 0, 0]);
    const { n } = (
      await (
        await getDb()
      ).all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM payment_matches WHERE income_id = ${first}`)
    )[0];
    expect(n).toBe(0);
  });

  it("matches a later receipt to the oldest payment reopened", async () => {
    await receipt("2025-01-05", 1_200_000);
    expect(await received(ids.rent)).toEqual([1_000_000, 700_000, 1_000_000, 500_000, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("matches an import's receipts the same way", async () => {
    const csv = [
      "村名,日期,类别,金额（元）,项目,付款企业,凭证号",
      "湖滨村,2025-02-01,发包及上交收入,8000.00,码头租赁,天祥集团,DR-1",
      "湖滨村,2025-02-02,发包及上交收入,1000.00,,天祥集团,DR-2",
    ].join("\r\n");
    const { plan, committed } = await importFile("income", new TextEncoder().encode(csv), {
      commit: true,
      actor: editor,
    });
    expect(plan.errors).toEqual([]);
    expect(committed).toBe(true);
    // 3,000.00 fills 2024-06-30, 5,000.00 goes to 2024-12-31; the receipt without a project pays nothing
    expect(await received(ids.rent)).toEqual([1_000_000, 1_000_000, 1_000_000, 1_000_000, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("keeps what was paid when a term changes mid-way, the rest generated anew", async () => {
    const term = (await getTerm(ids.rent))!;
    const changed = await saveTerm(ids.wharf, rent({ amountFen: 1_200_000 }), editor, {
      id: ids.rent,
      version: term.version,
    });
    expect(changed.ok).toBe(true);
    const dues = await termDues(ids.rent, TODAY);
    expect(dues.map((d) => [d.dueOn, d.amountFen, d.receivedFen])).toEqual([
      ["2024-03-31", 1_000_000, 1_000_000],
      ["2024-06-30", 1_000_000, 1_000_000],
      ["2024-09-30", 1_000_000, 1_000_000],
      ["2024-12-31", 1_000_000, 1_000_000],
      ["2025-03-31", 1_200_000, 0],
      ["2025-06-30", 1_200_000, 0],
      ["2025-09-30", 1_200_000, 0],
      ["2025-12-31", 1_200_000, 0],
      ["2026-03-31", 1_200_000, 0],
      ["2026-06-30", 1_200_000, 0],
      ["2026-09-30", 1_200_000, 0],
      ["2026-12-31", 1_200_000, 0],
    ]);
  });

  it("lets a receipt of a category no term has pay the oldest open payment of its payer's terms", async () => {
    const extra = await receipt("2025-03-01", 700_000, "other");
    expect(await matchedOf(extra.id)).toBe(700_000);
    // the rent of 2025-03-31, before the dividend of 2025-12-31
    expect((await received(ids.rent))[4]).toBe(700_000);
  });

  it("keeps an over-payment beyond every due unmatched, and matches it when a term is added", async () => {
    const db = await getDb();
    const [fee] = await db
      .insert(projects)
      .values({ name: "一次性补偿", type: "other", status: "operating", contractEnd: "2025-12-31" })
      .returning();
    await db.insert(projectVillages).values({ projectId: fee.id, villageId: ids.hubin });
    await db.insert(projectEnterprises).values({ projectId: fee.id, enterpriseId: ids.tianxiang });
    const once = await saveTerm(
      fee.id,
      rent({ kind: "one_off", category: "other", amountFen: 100_000, period: "once", firstDue: "2025-01-15" }),
      editor
    );
    if (!once.ok) throw new Error(JSON.stringify(once));
    const paid = await createIncome(
      {
        villageId: ids.hubin,
        receivedOn: "2025-01-20",
        category: "other",
        amountFen: 150_000,
        projectId: fee.id,
        enterpriseId: ids.tianxiang,
        voucher: null,
        note: null,
      },
      editor
    );
    if (!paid.ok) throw new Error(JSON.stringify(paid));
    expect(await received(once.record.id)).toEqual([100_000]);
    expect(await matchedOf(paid.record.id)).toBe(100_000);
    const second = await saveTerm(
      fee.id,
      rent({ kind: "one_off", category: "other", amountFen: 80_000, period: "once", firstDue: "2025-06-30" }),
      editor
    );
    if (!second.ok) throw new Error(JSON.stringify(second));
    expect(await received(second.record.id)).toEqual([50_000]);
    expect(await matchedOf(paid.record.id)).toBe(150_000);
  });

  it("leaves a receipt from before a term began to what it paid then", async () => {
    const before = await received(ids.rent);
    // the rent began a quarter before its first due, on 31 December 2023
    const old = await receipt("2023-12-30", 500_000);
    expect(await matchedOf(old.id)).toBe(0);
    expect(await received(ids.rent)).toEqual(before);
  });

  it("refuses to delete a term something was matched to, and deletes one with nothing matched", async () => {
    expect(await deleteTerm(ids.rent, editor)).toEqual({ ok: false, matched: true });
    const spare = await saveTerm(
      ids.wharf,
      rent({ period: "once", firstDue: "2030-01-01", endsOn: "2030-12-31" }),
      editor
    );
    if (!spare.ok) throw new Error(JSON.stringify(spare));
    expect(await deleteTerm(spare.record.id, editor)).toEqual({ ok: true });
    expect(await termDues(spare.record.id)).toEqual([]);
    expect(await getTerm(spare.record.id)).toBeNull();
  });
});

describe("receivables (应收款)", () => {
  const query = (by: "enterprise" | "village" | "project", overdue = false) =>
    listReceivables({ by, page: 1, sort: "outstanding", dir: "desc", overdue }, { today: "2025-05-15" });

  it("adds up what fell due, what came and what is owed, by age, to the fen", async () => {
    // due by 15 May 2025: the rent's five quarters (4 × 10,000.00 + 12,000.00), the 2024 dividend
    // 3,000.00 and the one-off 1,000.00; the rent of 31 March is 7,000.00 paid, 45 days late
    const { rows, total } = await query("enterprise");
    expect(rows).toEqual([
      {
        id: ids.tianxiang,
        name: "天祥集团",
        detail: null,
        dueFen: 5_600_000,
        receivedFen: 5_100_000,
        outstandingFen: 500_000,
        notDueFen: 3 * 1_200_000 + 300_000 + 30_000,
        upTo30Fen: 0,
        upTo90Fen: 500_000,
        over90Fen: 0,
        daysOverdue: 45,
      },
    ]);
    expect(total).toMatchObject({ count: 1, outstandingFen: 500_000, upTo90Fen: 500_000 });
    const villages = await query("village");
    expect(villages.rows.map((r) => [r.name, r.outstandingFen])).toEqual([["湖滨村", 500_000]]);
  });

  it("lists projects by what they are owed, and only the overdue when asked", async () => {
    const all = await query("project");
    expect(all.rows.map((r) => [r.name, r.dueFen, r.receivedFen, r.outstandingFen, r.notDueFen])).toEqual([
      ["码头租赁", 5_500_000, 5_000_000, 500_000, 3_900_000],
      ["一次性补偿", 100_000, 100_000, 0, 30_000],
    ]);
    expect((await query("project", true)).rows.map((r) => r.name)).toEqual(["码头租赁"]);
  });
});

describe("terms in files", () => {
  const file = (rows: string[]) =>
    new TextEncoder().encode(
      [
        "项目,村名,付款企业,条款类型,类别,每期金额（元）,周期,首次应收日,增长率（%）,每几年增长,截止日期,备注",
        ...rows,
      ].join("\r\n")
    );

  it("refuses a file with a project, village or enterprise it cannot place, writing nothing", async () => {
    const before = (await listTerms(ids.wharf)).length;
    const { plan, committed } = await importFile(
      "terms",
      file([
        "码头租赁,湖滨村,天祥集团,固定租金,发包及上交收入,5000,季,2025-03-31,,,2025-12-31,",
        "没有的项目,湖滨村,天祥集团,固定租金,经营收入,5000,年,2025-06-30,,,,",
        "码头租赁,莲塘村,天祥集团,分红,投资收益,5000,年,2025-06-30,,,,",
        "码头租赁,湖滨村,绿杨新材料有限公司,分红,投资收益,5000,年,2025-06-30,3,,,",
      ]),
      { commit: true, actor: editor }
    );
    expect(committed).toBe(false);
    expect(plan.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, "项目", "error.import.unknownProject"],
      [4, "村名", "error.term.village"],
      [5, "付款企业", "error.term.enterprise"],
      [5, "每几年增长", "error.term.everyYearsNeeded"],
    ]);
    expect((await listTerms(ids.wharf)).length).toBe(before);
  });

  it("imports new terms with their payments, and a second import of the same file changes nothing", async () => {
    const rows = [
      "码头租赁,湖滨村,天祥集团,劳务费,经营收入,5000,季,2025-03-31,,,2025-12-31,码头装卸",
      "码头租赁,330100001201,天祥集团,一次性,其他收入,800.5,一次,2025-08-01,,,,",
    ];
    // the village by its code: 湖滨村 has none here, so the second row names it wrongly
    const first = await importFile("terms", file(rows), { commit: false, actor: editor });
    expect(first.plan.errors.map((e) => [e.row, e.column])).toEqual([[3, "村名"]]);
    rows[1] = rows[1].replace("330100001201", "湖滨村");
    const done = await importFile("terms", file(rows), { commit: true, actor: editor });
    expect(done.plan.errors).toEqual([]);
    expect(done.committed).toBe(true);
    expect([done.plan.create, done.plan.update, done.plan.skip]).toEqual([2, 0, 0]);
    const terms = await listTerms(ids.wharf);
    const fee = terms.find((t) => t.kind === "service_fee")!;
    expect((await termDues(fee.id)).map((d) => [d.dueOn, d.amountFen])).toEqual([
      ["2025-03-31", 500_000],
      ["2025-06-30", 500_000],
      ["2025-09-30", 500_000],
      ["2025-12-31", 500_000],
    ]);
    const once = terms.find((t) => t.kind === "one_off")!;
    expect([once.amountFen, once.endsOn]).toEqual([80_050, "2026-12-31"]);
    const again = await importFile("terms", file(rows), { commit: true, actor: editor });
    expect([again.plan.create, again.plan.update, again.plan.skip, again.committed]).toEqual([0, 0, 2, false]);
  });

  it("exports every term in a file that imports back changing nothing", async () => {
    const exported = await exportFromUrl("terms", "http://x/terms.csv", "csv", false);
    const text = (exported.body as string).slice(1);
    expect(text.split("\r\n")[0]).toBe(
      "项目,村名,付款企业,条款类型,类别,每期金额（元）,周期,首次应收日,增长率（%）,每几年增长,截止日期,备注"
    );
    expect(text).toContain("码头租赁,湖滨村,天祥集团,劳务费,经营收入,5000.00,每季,2025-03-31,,,2025-12-31,码头装卸");
    const back = await importFile("terms", new TextEncoder().encode(text), { commit: true, actor: editor });
    expect(back.plan.errors).toEqual([]);
    expect([back.plan.create, back.plan.update]).toEqual([0, 0]);
  });
});

describe("matching by hand", () => {
  it("pays the chosen due instead, takes the old match back, and says so in the audit log", async () => {
    const db = await getDb();
    const [{ id: dividendReceipt }] = await db.all<{ id: number }>(
      sql`SELECT id FROM income_records WHERE category = 'investment' AND amount_fen = 300000`
    );
    const rentDue = (await termDues(ids.rent, TODAY)).find((d) => d.dueOn === "2025-06-30")!;
    const before = rentDue.receivedFen;
    expect(await matchByHand(dividendReceipt, rentDue.id, editor)).toEqual({ ok: true });
    expect((await received(ids.dividend))[0]).toBe(0);
    expect((await termDues(ids.rent, TODAY)).find((d) => d.dueOn === "2025-06-30")!.receivedFen).toBe(before + 300_000);
    const matches = await db.all<{ expectedId: number; amountFen: number; manual: number }>(
      sql`SELECT expected_id AS expectedId, amount_fen AS amountFen, manual FROM payment_matches WHERE income_id = ${dividendReceipt}`
    );
    expect(matches).toEqual([{ expectedId: rentDue.id, amountFen: 300_000, manual: 1 }]);
    const [audit] = await db.all<{ after: string }>(
      sql`SELECT after FROM audit_log WHERE entity = 'income' AND entity_id = ${dividendReceipt} AND action = 'update'`
    );
    expect(JSON.parse(audit.after)).toEqual({ matchedByHand: rentDue.id, amountFen: 300_000 });
  });

  it("refuses a due of another payer's terms, changing nothing", async () => {
    const db = await getDb();
    const [{ id: receiptId }] = await db.all<{ id: number }>(
      sql`SELECT id FROM income_records WHERE category = 'investment' AND amount_fen = 300000`
    );
    const [{ id: otherDue }] = await db.all<{ id: number }>(sql`
      SELECT e.id FROM expected_payments e JOIN contract_terms t ON t.id = e.term_id JOIN projects p ON p.id = t.project_id
      WHERE p.name = '一次性补偿' ORDER BY e.id LIMIT 1`);
    const matchesBefore = await db.all(sql`SELECT * FROM payment_matches ORDER BY income_id, expected_id`);
    expect(await matchByHand(receiptId, otherDue, editor)).toEqual({
      ok: false,
      errors: { expectedId: ["error.match.dueClosed"] },
    });
    expect(await db.all(sql`SELECT * FROM payment_matches ORDER BY income_id, expected_id`)).toEqual(matchesBefore);
  });
});

describe("term balances (what 应收款 adds up from)", () => {
  // each term's figures as of the balances' day, added up afresh from its dues
  const fresh = async () =>
    (await getDb()).all(sql`
      SELECT t.id AS termId, t.project_id AS projectId, t.village_id AS villageId, t.enterprise_id AS enterpriseId,
        COUNT(e.id) FILTER (WHERE e.due_on <= a.as_of) AS dueCount,
        COALESCE(SUM(e.amount_fen) FILTER (WHERE e.due_on <= a.as_of), 0) AS dueFen,
        COALESCE(SUM(e.amount_fen - e.received_fen) FILTER (WHERE e.due_on <= a.as_of), 0) AS openFen,
        MIN(e.due_on) FILTER (WHERE e.due_on > a.as_of) AS nextDue,
        MIN(e.due_on) FILTER (WHERE e.received_fen < e.amount_fen) AS oldestOpen
      FROM contract_terms t JOIN balances_as_of a LEFT JOIN expected_payments e ON e.term_id = t.id
      GROUP BY t.id ORDER BY t.id`);
  const stored = async () =>
    (await getDb()).all(sql`
      SELECT term_id AS termId, project_id AS projectId, village_id AS villageId, enterprise_id AS enterpriseId,
        due_count AS dueCount, due_fen AS dueFen, open_fen AS openFen, next_due AS nextDue, oldest_open AS oldestOpen
      FROM term_balances ORDER BY term_id`);

  it("agree with the dues after every write above, on any day they are moved to, forward or back", async () => {
    const days = ["2025-05-15", "2024-06-30", "2024-12-31", "2025-03-31", "2031-01-01", "2024-01-01", "2025-07-01"];
    for (const day of days) {
      await rollBalances(day);
      const [{ asOf }] = await (await getDb()).all<{ asOf: string }>(sql`SELECT as_of AS asOf FROM balances_as_of`);
      expect(asOf).toBe(day);
      expect(await stored()).toEqual(await fresh());
    }
  });

  it("stay in step when a receipt pays dues on either side of their day, is voided, and a term is added and changed", async () => {
    await rollBalances("2025-07-01");
    const paid = await receipt("2025-06-30", 2_500_000);
    expect(await stored()).toEqual(await fresh());
    await voidIncome(paid.id, paid.version, "录错", editor);
    expect(await stored()).toEqual(await fresh());
    const extra = await saveTerm(
      ids.wharf,
      rent({ kind: "service_fee", category: "operating", amountFen: 50_000, period: "month", firstDue: "2025-05-31" }),
      editor
    );
    if (!extra.ok) throw new Error(JSON.stringify(extra));
    expect(await stored()).toEqual(await fresh());
    const changed = await saveTerm(
      ids.wharf,
      rent({
        kind: "service_fee",
        category: "operating",
        amountFen: 80_000,
        period: "quarter",
        firstDue: "2025-06-30",
      }),
      editor,
      extra.record
    );
    if (!changed.ok) throw new Error(JSON.stringify(changed));
    expect(await stored()).toEqual(await fresh());
    await deleteTerm(extra.record.id, editor);
    expect(await stored()).toEqual(await fresh());
    // each receipt knows what of it was matched, as its matches add up
    const drift = await (await getDb()).all(sql`
      SELECT i.id, i.matched_fen, COALESCE(SUM(m.amount_fen), 0) AS matches FROM income_records i
      LEFT JOIN payment_matches m ON m.income_id = i.id GROUP BY i.id HAVING i.matched_fen <> matches`);
    expect(drift).toEqual([]);
    // and what the page adds up agrees with the same dues read one by one
    const { total } = await listReceivables(
      { by: "project", page: 1, sort: "outstanding", dir: "desc", overdue: false },
      { today: "2025-07-01" }
    );
    const [live] = await (
      await getDb()
    ).all<{ due: number; open: number }>(sql`
      SELECT SUM(amount_fen) AS due, SUM(amount_fen - received_fen) AS open FROM expected_payments WHERE due_on <= '2025-07-01'`);
    expect([total?.dueFen, total?.outstandingFen]).toEqual([live.due, live.open]);
  });
});

describe("the weak-village forecast", () => {
  const TODAY_2026 = "2026-06-30";
  let township: number;
  const village: Record<string, number> = {};

  beforeAll(async () => {
    const db = await getDb();
    const [t] = await db.insert(townships).values({ name: "西山镇" }).returning();
    township = t.id;
    for (const name of ["甲村", "乙村", "丙村"]) {
      const [v] = await db.insert(villages).values({ townshipId: t.id, name }).returning();
      village[name] = v.id;
    }
    const [solar] = await db
      .insert(projects)
      .values({ name: "西山光伏", type: "clean_energy", status: "operating", contractEnd: "2035-12-31" })
      .returning();
    await db
      .insert(projectVillages)
      .values(Object.values(village).map((villageId) => ({ projectId: solar.id, villageId })));
    await db.insert(projectEnterprises).values({ projectId: solar.id, enterpriseId: ids.tianxiang });
    const term = async (t: Partial<TermInput>) => {
      const saved = await saveTerm(solar.id, rent(t), editor);
      if (!saved.ok) throw new Error(JSON.stringify(saved));
    };
    // 甲村: a dividend of 60,000.00 at the end of the year; 乙村: 10,000.00 rent a quarter from March
    await term({
      villageId: village.甲村,
      kind: "dividend",
      category: "investment",
      amountFen: 6_000_000,
      period: "year",
      firstDue: "2026-12-31",
    });
    await term({ villageId: village.乙村, amountFen: 1_000_000, firstDue: "2026-03-31" });
    const income = async (villageId: number, receivedOn: string, amountFen: number, projectId: number | null) => {
      const saved = await createIncome(
        {
          villageId,
          receivedOn,
          category: projectId ? "contracting" : "operating",
          amountFen,
          projectId,
          enterpriseId: projectId ? ids.tianxiang : null,
          voucher: null,
          note: null,
        },
        editor
      );
      if (!saved.ok) throw new Error(JSON.stringify(saved));
    };
    await income(village.甲村, "2026-02-01", 5_000_000, null); // 50,000.00 of its own
    await income(village.乙村, "2026-04-01", 1_000_000, solar.id); // pays the rent of 31 March
    await income(village.丙村, "2026-02-01", 12_000_000, null); // over the threshold: not weak
  });

  it("lifts a weak village its payments still due will carry over the threshold, and names the other's gap", async () => {
    const f = await weakForecast({ townshipId: township, today: TODAY_2026 });
    expect([f.weak, f.lifted, f.thresholdFen]).toEqual([2, 1, 10_000_000]);
    expect(f.villages.map((v) => [v.villageName, v.operatingFen, v.expectedFen, v.gapFen])).toEqual([
      ["甲村", 5_000_000, 6_000_000, 0],
      // 100,000.00 − 10,000.00 received − three quarters of 10,000.00 still due
      ["乙村", 1_000_000, 3_000_000, 6_000_000],
    ]);
    expect(f.villages[1].payments.map((p) => [p.dueOn, p.openFen, p.projectName])).toEqual([
      ["2026-06-30", 1_000_000, "西山光伏"],
      ["2026-09-30", 1_000_000, "西山光伏"],
      ["2026-12-31", 1_000_000, "西山光伏"],
    ]);
  });

  it("counts the weak and the lifted without listing them, for the dashboard", async () => {
    const f = await weakForecast({ townshipId: township, today: TODAY_2026, limit: 0 });
    expect([f.weak, f.lifted, f.villages]).toEqual([2, 1, []]);
  });
});
