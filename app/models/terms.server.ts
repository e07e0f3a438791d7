import { and, eq, sql } from "drizzle-orm";
import { getDb, type Tx } from "../../db/client";
import {
  contractTerms,
  enterprises,
  expectedPayments,
  projectEnterprises,
  projects,
  projectVillages,
  villages,
  type ContractTerm,
  type IncomeCategory,
} from "../../db/schema";
import { todayIso } from "~/lib/dates";
import { addMonths, PERIOD_MONTHS, schedule, type Period } from "~/lib/schedule";
import type { TermInput } from "~/validation/term";
import { TERM_MAX_YEARS } from "~/validation/term";
import { writeAudit, type Actor } from "./audit.server";
import { inTransaction, writeRecord, type Existing } from "./crud.server";
import { auditable, fieldError, insertRows, jsonRows, type SaveResult } from "./shared.server";

// What is owed (DESIGN, "What is owed"): a project's contract terms, the expected payments
// generated from them, and the matching of receipts to those payments — an income record of the
// same project, village and enterprise pays the oldest open payment of its term first.

/** Who pays whom on which project: what an income record and a term have in common. */
export type Triple = { projectId: number; villageId: number; enterpriseId: number };

/** Each triple once. */
const distinctTriples = (triples: Triple[]): Triple[] =>
  [...new Set(triples.map((t) => `${t.projectId},${t.villageId},${t.enterpriseId}`))].map((k) => {
    const [projectId, villageId, enterpriseId] = k.split(",").map(Number);
    return { projectId, villageId, enterpriseId };
  });
const tripleJson = (triples: Triple[]) =>
  JSON.stringify(distinctTriples(triples).map((t) => [t.projectId, t.villageId, t.enterpriseId]));
const tripleIn = (triples: Triple[], p: string, v: string, e: string) =>
  sql`(${sql.raw(p)}, ${sql.raw(v)}, ${sql.raw(
    e
  )}) IN (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(${tripleJson(triples)}))`;

/**
 * When a term began: one period before its first due (a year before a one-off). A receipt from
 * before then is not matched to it, however much of it is unmatched.
 */
export function termStart(term: { firstDue: string; period: Period }) {
  return addMonths(term.firstDue, -(PERIOD_MONTHS[term.period] || 12));
}

/**
 * Matches what is unmatched of the receipts of these triples to the open expected payments of
 * their terms: each receipt in the order received (older first), each to the oldest open payment
 * of its term (a term of its own category first, else any of the triple's), partial payments
 * carried to the next, what is left over staying unmatched (paid in advance or beyond the terms).
 * A receipt pays only terms that had begun when it came (termStart).
 */
export async function allocate(tx: Tx, triples: Triple[]) {
  // payers are matched each on their own: a province's file goes a few thousand payers at a time,
  // so what matching holds in memory stays small whatever the file's size
  const payers = distinctTriples(triples);
  for (let at = 0; at < payers.length; at += ALLOCATE_PAYERS)
    await allocatePayers(tx, payers.slice(at, at + ALLOCATE_PAYERS));
}

/** How many payers (triples) allocate matches at a time. */
const ALLOCATE_PAYERS = 5_000;

async function allocatePayers(tx: Tx, triples: Triple[]) {
  // the triples' terms first: a file's receipts of projects and enterprises without terms (most
  // of a ledger's) have nothing to pay, and their receipts are not read at all
  type Term = Triple & { id: number; category: IncomeCategory; firstDue: string; period: Period };
  const terms = await jsonRows<Term>(
    ["id", "projectId", "villageId", "enterpriseId", "category", "firstDue", "period"],
    sql`SELECT id, project_id AS projectId, village_id AS villageId, enterprise_id AS enterpriseId, category,
        first_due AS firstDue, period
      FROM contract_terms WHERE ${tripleIn(triples, "project_id", "village_id", "enterprise_id")}`,
    sql`id`,
    tx
  );
  if (!terms.length) return;
  // what is unmatched of those payers' receipts, along the index of those not matched in full
  // (read as one JSON text, like the terms and dues: an import's file has tens of thousands)
  type Receipt = Triple & { id: number; category: IncomeCategory; rest: number; receivedOn: string };
  const receipts = await jsonRows<Receipt>(
    ["id", "projectId", "villageId", "enterpriseId", "category", "rest", "receivedOn"],
    sql`SELECT id, project_id AS projectId, village_id AS villageId, enterprise_id AS enterpriseId, category,
        amount_fen - matched_fen AS rest, received_on AS receivedOn
      FROM income_records INDEXED BY income_unmatched_idx
      WHERE ${tripleIn(terms, "project_id", "village_id", "enterprise_id")} AND voided_at IS NULL
        AND project_id IS NOT NULL AND enterprise_id IS NOT NULL AND matched_fen < amount_fen`,
    sql`receivedOn, id`,
    tx
  );
  if (!receipts.length) return;
  type Due = { id: number; termId: number; open: number; dueOn: string; seq: number };
  /** The open dues of these terms due after `from` (if given) and by `to` (if given), term by term. */
  const openDues = (termIds: number[], from: string | null, to: string | null) =>
    jsonRows<Due>(
      ["id", "termId", "open", "dueOn", "seq"],
      sql`SELECT id, term_id AS termId, amount_fen - received_fen AS open, due_on AS dueOn, seq
        FROM expected_payments INDEXED BY expected_term_open_idx
        WHERE term_id IN (SELECT value FROM json_each(${JSON.stringify(termIds)})) AND received_fen < amount_fen
          ${from ? sql`AND due_on > ${from}` : sql``} ${to ? sql`AND due_on <= ${to}` : sql``}`,
      undefined,
      tx
    );
  const byDate = (a: Due, b: Due) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.seq - b.seq || a.id - b.id);
  const key = (t: Triple) => `${t.projectId},${t.villageId},${t.enterpriseId}`;
  type Payer = { terms: (Term & { startsOn: string })[]; dues: Due[] };
  const payers = new Map<string, Payer>();
  const payerOfTerm = new Map<number, Payer>();
  for (const t of terms) {
    const payer = payers.get(key(t)) ?? { terms: [], dues: [] };
    payers.set(key(t), payer);
    payer.terms.push({ ...t, startsOn: termStart(t) });
    payerOfTerm.set(t.id, payer);
  }
  const matches: [income: number, expected: number, fen: number][] = [];
  type Waiting = { r: Receipt; payer: Payer; eligible: (termId: number) => boolean; rest: number };
  /** The terms a receipt may pay: those begun when it came, of its own category if any is. */
  const eligibility = (r: Receipt, payer: Payer): Waiting["eligible"] => {
    // a receipt from before a term began paid something else
    const all = payer.terms.filter((t) => t.startsOn <= r.receivedOn);
    const own = all.filter((t) => t.category === r.category);
    const ids = (own.length ? own : all).map((t) => t.id);
    return ids.length === 1 ? (id) => id === ids[0] : (id) => ids.includes(id);
  };
  /** Pays what is left of a receipt along its payer's dues read so far; returns what is still left. */
  const pay = (w: Waiting) => {
    let rest = w.rest;
    for (const due of w.payer.dues) {
      if (!rest) break;
      if (!due.open || !w.eligible(due.termId)) continue;
      const paid = Math.min(rest, due.open);
      due.open -= paid;
      rest -= paid;
      matches.push([w.r.id, due.id, paid]);
    }
    return rest;
  };
  // The dues are read in rounds, each only for the payers whose receipts the last left something
  // of: the arrears and the next three months after the last receipt (what receipts pay), then two
  // years more, then the rest. A round adds later dues after those read, so the oldest-first order
  // holds: a receipt's rest goes on where it stopped, in the order the receipts came.
  const last = receipts[receipts.length - 1].receivedOn;
  const rounds = [null, addMonths(last, 3), addMonths(last, 27), null];
  let waiting: Waiting[] = [];
  for (const r of receipts) {
    const payer = payers.get(key(r));
    if (payer) waiting.push({ r, payer, eligible: eligibility(r, payer), rest: r.rest });
  }
  for (let round = 1; round < rounds.length && waiting.length; round++) {
    const termIds = new Set<number>();
    for (const w of waiting) for (const t of w.payer.terms) termIds.add(t.id);
    // a round's dues in date order within each payer (several terms' dues interleave)
    const read = new Map<Payer, Due[]>();
    for (const due of await openDues([...termIds], rounds[round - 1], rounds[round])) {
      const payer = payerOfTerm.get(due.termId)!;
      const list = read.get(payer);
      if (list) list.push(due);
      else read.set(payer, [due]);
    }
    for (const [payer, dues] of read) payer.dues.push(...(payer.terms.length > 1 ? dues.sort(byDate) : dues));
    for (const w of waiting) w.rest = pay(w);
    waiting = waiting.filter((w) => w.rest > 0);
  }
  if (!matches.length) return;
  // one statement a table: the matches, the dues they paid, and — the triggers standing aside
  // while matching_bulk_write holds its row — the receipts' matched_fen and the terms' balances
  const json = JSON.stringify(matches);
  await tx.run(sql`INSERT INTO matching_bulk_write (id) VALUES (1)`);
  await tx.run(sql`
    INSERT INTO payment_matches (income_id, expected_id, amount_fen)
    SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(${json}) WHERE true
    ON CONFLICT (income_id, expected_id) DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen`);
  await tx.run(sql`
    UPDATE expected_payments SET received_fen = received_fen + paid.fen
    FROM (SELECT value ->> 1 AS id, SUM(value ->> 2) AS fen FROM json_each(${json}) GROUP BY value ->> 1) paid
    WHERE expected_payments.id = paid.id`);
  await tx.run(sql`
    UPDATE income_records SET matched_fen = matched_fen + paid.fen
    FROM (SELECT value ->> 0 AS id, SUM(value ->> 2) AS fen FROM json_each(${json}) GROUP BY value ->> 0) paid
    WHERE income_records.id = paid.id`);
  await tx.run(sql`
    UPDATE term_balances SET open_fen = open_fen - paid.past,
      oldest_open = (SELECT MIN(e.due_on) FROM expected_payments e INDEXED BY expected_term_open_idx
        WHERE e.term_id = term_balances.term_id AND e.received_fen < e.amount_fen)
    FROM (
      SELECT e.term_id, SUM(CASE WHEN e.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1) THEN j.fen ELSE 0 END) AS past
      FROM (SELECT value ->> 1 AS id, SUM(value ->> 2) AS fen FROM json_each(${json}) GROUP BY value ->> 1) j
      JOIN expected_payments e ON e.id = j.id GROUP BY e.term_id
    ) paid
    WHERE term_balances.term_id = paid.term_id`);
  await tx.run(sql`DELETE FROM matching_bulk_write`);
}

/** Takes a receipt's matches back (it was voided, or is matched again by hand). */
export async function unmatch(tx: Tx, incomeId: number) {
  await tx.run(sql`
    UPDATE expected_payments SET received_fen = received_fen - m.amount_fen
    FROM payment_matches m WHERE m.income_id = ${incomeId} AND m.expected_id = expected_payments.id`);
  await tx.run(sql`DELETE FROM payment_matches WHERE income_id = ${incomeId}`);
}

/** The triple of a receipt, when it names a project and an enterprise (only those can match). */
export function tripleOf(r: { projectId: number | null; villageId: number; enterpriseId: number | null }): Triple[] {
  return r.projectId && r.enterpriseId
    ? [{ projectId: r.projectId, villageId: r.villageId, enterpriseId: r.enterpriseId }]
    : [];
}

/**
 * Brings a term's expected payments in step with it: the payments a receipt has (partly) paid
 * stay as they are, the others are generated anew from the term, and the receipts are matched again.
 */
async function regenerate(tx: Tx, term: ContractTerm, before: ContractTerm | null) {
  if (before && (before.villageId !== term.villageId || before.enterpriseId !== term.enterpriseId)) {
    // paid by someone else now: every match of the term goes back, its receipts to be matched again
    const matched = await tx.all<{ incomeId: number }>(sql`
      SELECT DISTINCT m.income_id AS incomeId FROM payment_matches m JOIN expected_payments e ON e.id = m.expected_id
      WHERE e.term_id = ${term.id}`);
    for (const { incomeId } of matched) await unmatch(tx, incomeId);
  }
  await tx.run(sql`DELETE FROM expected_payments WHERE term_id = ${term.id}
    AND NOT EXISTS (SELECT 1 FROM payment_matches m WHERE m.expected_id = expected_payments.id)`);
  const kept = new Set(
    (
      await tx.all<{ dueOn: string }>(sql`SELECT due_on AS dueOn FROM expected_payments WHERE term_id = ${term.id}`)
    ).map((r) => r.dueOn)
  );
  const dues = schedule(term).filter((d) => !kept.has(d.dueOn));
  await insertRows(
    tx,
    expectedPayments,
    dues.map((d) => ({ termId: term.id, seq: d.seq, dueOn: d.dueOn, amountFen: d.amountFen }))
  );
  await allocate(tx, [term, ...(before ? [before] : [])]);
}

/** A project's term saved: its village and enterprise must be the project's, its end known. */
export async function saveTerm(
  projectId: number,
  input: TermInput,
  actor: Actor,
  existing?: Existing
): Promise<SaveResult<ContractTerm>> {
  return inTransaction((tx) => writeTerm(tx, projectId, input, actor, existing));
}

/** The one road for a term, the form's and the import's, on the caller's transaction. */
export async function writeTerm(
  tx: Tx,
  projectId: number,
  input: TermInput,
  actor: Actor,
  existing?: Existing
): Promise<SaveResult<ContractTerm>> {
  {
    const [project] = await tx
      .select({ contractEnd: projects.contractEnd })
      .from(projects)
      .where(eq(projects.id, projectId));
    if (!project) return fieldError("projectId", "error.invalid");
    const [village] = await tx
      .select({ id: projectVillages.villageId })
      .from(projectVillages)
      .where(and(eq(projectVillages.projectId, projectId), eq(projectVillages.villageId, input.villageId)));
    if (!village) return fieldError("villageId", "error.term.village");
    const [enterprise] = await tx
      .select({ id: projectEnterprises.enterpriseId })
      .from(projectEnterprises)
      .where(and(eq(projectEnterprises.projectId, projectId), eq(projectEnterprises.enterpriseId, input.enterpriseId)));
    if (!enterprise) return fieldError("enterpriseId", "error.term.enterprise");
    const endsOn = input.endsOn ?? project.contractEnd;
    if (!endsOn) return fieldError("endsOn", "error.term.endNeeded");
    if (endsOn < input.firstDue) return fieldError("endsOn", "error.term.endBeforeFirst");
    if (Number(endsOn.slice(0, 4)) - Number(input.firstDue.slice(0, 4)) > TERM_MAX_YEARS)
      return fieldError("endsOn", "error.term.tooLong");
    return writeRecord<ContractTerm>(tx, {
      table: contractTerms,
      entity: "term",
      values: { ...input, projectId, endsOn },
      existing,
      actor,
      afterWrite: (tx, row, before) => regenerate(tx, row, before),
    });
  }
}

/** A term and its unpaid expected payments go; a term something was matched to stays. */
export async function deleteTerm(id: number, actor: Actor): Promise<{ ok: true } | { ok: false; matched: true }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [matched] = await tx.all<{ n: number }>(sql`
      SELECT COUNT(*) AS n FROM payment_matches m JOIN expected_payments e ON e.id = m.expected_id WHERE e.term_id = ${id}`);
    if (matched.n) return { ok: false as const, matched: true as const };
    await tx.delete(expectedPayments).where(eq(expectedPayments.termId, id));
    const [before] = await tx.delete(contractTerms).where(eq(contractTerms.id, id)).returning();
    if (before)
      await writeAudit(tx, { actor, action: "delete", entity: "term", entityId: id, before: auditable(before) });
    return { ok: true as const };
  });
}

export type TermRow = ContractTerm & {
  villageName: string;
  enterpriseName: string;
  dueFen: number;
  receivedFen: number;
  outstandingFen: number;
  nextDue: string | null;
};

/** A project's terms with what has fallen due by today, what came, and the next due date. */
export async function listTerms(projectId: number, today = todayIso()): Promise<TermRow[]> {
  const db = await getDb();
  const rows = await db
    .select({
      term: contractTerms,
      villageName: villages.name,
      enterpriseName: enterprises.name,
      dueFen: sql<number>`COALESCE((SELECT SUM(amount_fen) FROM expected_payments e WHERE e.term_id = ${contractTerms.id} AND e.due_on <= ${today}), 0)`,
      receivedFen: sql<number>`COALESCE((SELECT SUM(received_fen) FROM expected_payments e WHERE e.term_id = ${contractTerms.id} AND e.due_on <= ${today}), 0)`,
      nextDue: sql<
        string | null
      >`(SELECT MIN(due_on) FROM expected_payments e WHERE e.term_id = ${contractTerms.id} AND e.due_on > ${today})`,
    })
    .from(contractTerms)
    .innerJoin(villages, eq(villages.id, contractTerms.villageId))
    .innerJoin(enterprises, eq(enterprises.id, contractTerms.enterpriseId))
    .where(eq(contractTerms.projectId, projectId))
    .orderBy(contractTerms.id);
  return rows.map((r) => ({
    ...r.term,
    villageName: r.villageName,
    enterpriseName: r.enterpriseName,
    dueFen: r.dueFen,
    receivedFen: r.receivedFen,
    outstandingFen: r.dueFen - r.receivedFen,
    nextDue: r.nextDue,
  }));
}

export type DueRow = {
  id: number;
  seq: number;
  dueOn: string;
  amountFen: number;
  receivedFen: number;
  /** days past its due date while not fully paid; 0 otherwise */
  daysOverdue: number;
};

/** A term's expected payments in due order, each with what was received and how late it is. */
export async function termDues(termId: number, today = todayIso()): Promise<DueRow[]> {
  const db = await getDb();
  return db.all<DueRow>(sql`
    SELECT id, seq, due_on AS dueOn, amount_fen AS amountFen, received_fen AS receivedFen,
      CASE WHEN received_fen < amount_fen AND due_on < ${today}
        THEN CAST(julianday(${today}) - julianday(due_on) AS INTEGER) ELSE 0 END AS daysOverdue
    FROM expected_payments WHERE term_id = ${termId} ORDER BY due_on, seq`);
}

/** One term with its village's and enterprise's names, and the figures of listTerms. */
export async function getTerm(id: number, today = todayIso()): Promise<TermRow | null> {
  const db = await getDb();
  const [row] = await db
    .select({ projectId: contractTerms.projectId })
    .from(contractTerms)
    .where(eq(contractTerms.id, id));
  if (!row) return null;
  return (await listTerms(row.projectId, today)).find((t) => t.id === id) ?? null;
}

export type PartyTerm = {
  termId: number;
  projectId: number;
  projectName: string;
  villageName: string;
  enterpriseName: string;
  kind: ContractTerm["kind"];
  /** this year's dues, and what was received of them */
  yearDueFen: number;
  yearReceivedFen: number;
  /** fallen due by today and not received */
  outstandingFen: number;
  nextDue: string | null;
};

/**
 * The terms of one village (what it expects) or one enterprise (what it owes whom), each with
 * this year's dues and receipts, its arrears today and its next due date.
 */
export async function termsOf(party: { villageId: number } | { enterpriseId: number }, today = todayIso()) {
  const db = await getDb();
  const year = today.slice(0, 4);
  const where =
    "villageId" in party ? sql`t.village_id = ${party.villageId}` : sql`t.enterprise_id = ${party.enterpriseId}`;
  return db.all<PartyTerm>(sql`
    SELECT t.id AS termId, p.id AS projectId, p.name AS projectName, v.name AS villageName, en.name AS enterpriseName, t.kind,
      COALESCE(SUM(CASE WHEN e.due_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`} THEN e.amount_fen END), 0) AS yearDueFen,
      COALESCE(SUM(CASE WHEN e.due_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`} THEN e.received_fen END), 0) AS yearReceivedFen,
      COALESCE(SUM(CASE WHEN e.due_on <= ${today} THEN e.amount_fen - e.received_fen END), 0) AS outstandingFen,
      MIN(CASE WHEN e.due_on > ${today} THEN e.due_on END) AS nextDue
    FROM contract_terms t JOIN projects p ON p.id = t.project_id JOIN villages v ON v.id = t.village_id
    JOIN enterprises en ON en.id = t.enterprise_id LEFT JOIN expected_payments e ON e.term_id = t.id
    WHERE ${where} GROUP BY t.id ORDER BY outstandingFen DESC, p.name, t.id`);
}

/** A term as its file has it: the names of its project, village and enterprise. */
export type TermFileRow = ContractTerm & { projectName: string; villageName: string; enterpriseName: string };

/** Every term for the file, a page at a time, by project and id. */
export async function termFilePage(
  f: { page: number },
  { pageSize = 50 }: { pageSize?: number; totals?: boolean } = {}
) {
  const db = await getDb();
  const rows = await db
    .select({
      term: contractTerms,
      projectName: projects.name,
      villageName: villages.name,
      enterpriseName: enterprises.name,
    })
    .from(contractTerms)
    .innerJoin(projects, eq(projects.id, contractTerms.projectId))
    .innerJoin(villages, eq(villages.id, contractTerms.villageId))
    .innerJoin(enterprises, eq(enterprises.id, contractTerms.enterpriseId))
    .orderBy(projects.name, contractTerms.id)
    .limit(pageSize)
    .offset((f.page - 1) * pageSize);
  return {
    rows: rows.map((r) => ({
      ...r.term,
      projectName: r.projectName,
      villageName: r.villageName,
      enterpriseName: r.enterpriseName,
    })),
  };
}

export type MatchRow = {
  expectedId: number;
  termId: number;
  dueOn: string;
  amountFen: number;
  manual: boolean;
  kind: ContractTerm["kind"];
};

/**
 * A receipt's matches (which dues it paid, how much, by hand or by the rule), and the dues of its
 * payer's terms it could be matched to instead (open ones, and those it pays now), oldest first.
 */
export async function receiptMatching(record: {
  id: number;
  projectId: number | null;
  villageId: number;
  enterpriseId: number | null;
}) {
  const triples = tripleOf(record);
  if (!triples.length) return null;
  const db = await getDb();
  const matches = await db.all<Omit<MatchRow, "manual"> & { manual: number }>(sql`
    SELECT m.expected_id AS expectedId, e.term_id AS termId, e.due_on AS dueOn, m.amount_fen AS amountFen, m.manual, t.kind
    FROM payment_matches m JOIN expected_payments e ON e.id = m.expected_id JOIN contract_terms t ON t.id = e.term_id
    WHERE m.income_id = ${record.id} ORDER BY e.due_on`);
  const dues = await db.all<{
    id: number;
    termId: number;
    dueOn: string;
    openFen: number;
    kind: ContractTerm["kind"];
  }>(sql`
    SELECT e.id, e.term_id AS termId, e.due_on AS dueOn, t.kind,
      -- what it would lack were this receipt's share taken back (as matching by hand does first)
      e.amount_fen - e.received_fen + COALESCE((SELECT m.amount_fen FROM payment_matches m
        WHERE m.income_id = ${record.id} AND m.expected_id = e.id), 0) AS openFen
    FROM expected_payments e JOIN contract_terms t ON t.id = e.term_id
    WHERE ${tripleIn(triples, "t.project_id", "t.village_id", "t.enterprise_id")}
      AND (e.received_fen < e.amount_fen OR e.id IN (SELECT expected_id FROM payment_matches WHERE income_id = ${
        record.id
      }))
    ORDER BY e.due_on, e.id LIMIT ${MATCH_CHOICES}`);
  return { matches: matches.map((m) => ({ ...m, manual: Boolean(m.manual) })), dues };
}

/** How many dues a receipt's page offers to match it to by hand. */
const MATCH_CHOICES = 60;

/**
 * Matches a receipt by hand: its matches go back, it pays the chosen due first (as much as that
 * due still lacks), and what is left of it pays the oldest open dues by the rule. In the audit log.
 */
export async function matchByHand(
  incomeId: number,
  expectedId: number,
  actor: Actor
): Promise<{ ok: true } | { ok: false; errors: Record<string, string[]> }> {
  const db = await getDb();
  return db
    .transaction(async (tx) => {
      const [record] = await tx.all<{
        id: number;
        projectId: number | null;
        villageId: number;
        enterpriseId: number | null;
        amountFen: number;
        voidedAt: string | null;
      }>(sql`
      SELECT id, project_id AS projectId, village_id AS villageId, enterprise_id AS enterpriseId, amount_fen AS amountFen,
        voided_at AS voidedAt FROM income_records WHERE id = ${incomeId}`);
      const triples = record ? tripleOf(record) : [];
      if (!record || record.voidedAt || !triples.length)
        return { ok: false as const, errors: { expectedId: ["error.match.notMatchable"] } };
      const before = await tx.all<{ expectedId: number; amountFen: number }>(
        sql`SELECT expected_id AS expectedId, amount_fen AS amountFen FROM payment_matches WHERE income_id = ${incomeId}`
      );
      await unmatch(tx, incomeId);
      const [due] = await tx.all<{ id: number; open: number }>(sql`
      SELECT e.id, e.amount_fen - e.received_fen AS open FROM expected_payments e JOIN contract_terms t ON t.id = e.term_id
      WHERE e.id = ${expectedId} AND ${tripleIn(triples, "t.project_id", "t.village_id", "t.enterprise_id")}`);
      if (!due || due.open <= 0) throw new MatchRefused();
      const paid = Math.min(record.amountFen, due.open);
      await tx.run(
        sql`INSERT INTO payment_matches (income_id, expected_id, amount_fen, manual) VALUES (${incomeId}, ${expectedId}, ${paid}, 1)`
      );
      await tx.run(sql`UPDATE expected_payments SET received_fen = received_fen + ${paid} WHERE id = ${expectedId}`);
      await allocate(tx, triples);
      await writeAudit(tx, {
        actor,
        action: "update",
        entity: "income",
        entityId: incomeId,
        before: { matches: before },
        after: { matchedByHand: expectedId, amountFen: paid },
      });
      return { ok: true as const };
    })
    .catch((error: unknown) => {
      if (error instanceof MatchRefused)
        return { ok: false as const, errors: { expectedId: ["error.match.dueClosed"] } };
      throw error;
    });
}

/** The chosen due is another payer's, or paid in full: the transaction is rolled back. */
class MatchRefused extends Error {}
