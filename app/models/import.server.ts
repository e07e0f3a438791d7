import { sql } from "drizzle-orm";
import { getDb, type Tx } from "../../db/client";
import { readTable, type Table } from "~/lib/tabular.server";
import type { Actor } from "./audit.server";
import { writeEnterprises } from "./enterprise.server";
import type { ImportKind } from "./formats.server";
import { planIncomeImport } from "./import-income.server";
import { planEnterpriseImport, planVillageImport } from "./import-master-data.server";
import { planOrganizationImport, planProjectImport } from "./import-partnerships.server";
import { planTermImport } from "./import-terms.server";
import { writeTerm } from "./terms.server";
import { emptyPlan, rowErrors, type ImportPlan, type PlannedWrite } from "./import-plan.server";
import { writeIncomeRows } from "./income.server";
import { MonthsLocked } from "./closing.server";
import { writeOrganizations } from "./organization.server";
import { writeProjects } from "./project.server";
import { writeTownship } from "./township.server";
import { writeVillages } from "./village.server";
import type { SaveResult } from "./shared.server";

// Bulk import: read the whole file, check every row against the rules and the database, and
// either write all of it in one transaction or nothing. Each record goes through its model's own
// write function, the one the forms call; matching rows are skipped, so importing the same file
// twice changes nothing.

export type { ImportPlan, RowError } from "./import-plan.server";

export type PlanOptions = { allowedVillageIds?: number[] };
const PLANNERS: Record<ImportKind, (table: Table, options: PlanOptions) => Promise<ImportPlan>> = {
  income: planIncomeImport,
  villages: planVillageImport,
  enterprises: planEnterpriseImport,
  organizations: planOrganizationImport,
  projects: planProjectImport,
  terms: planTermImport,
};

/** Reads and checks a file. The table of cells lives only here, so a big file's memory is free before commit. */
async function planFile(kind: ImportKind, bytes: Uint8Array, options: PlanOptions): Promise<ImportPlan> {
  const read = await readTable(bytes);
  if (!read.ok) return emptyPlan(kind, read.error, read.params);
  return PLANNERS[kind](read.table, options);
}

/** A planned row the model refused at commit (someone saved the record meanwhile): the whole file is rolled back. */
class RowRefused extends Error {
  constructor(readonly errors: ReturnType<typeof rowErrors>) {
    super("import row refused");
  }
}

type RecordWrite = Exclude<PlannedWrite, { kind: "township" }>;

/** Each kind's batch writer, the one its forms use (a form's save is a batch of one). */
async function writeBatch(tx: Tx, kind: RecordWrite["kind"], writes: RecordWrite[], actor: Actor) {
  const items = <I>(input: (w: RecordWrite) => I) => writes.map((w) => ({ input: input(w), existing: w.existing }));
  switch (kind) {
    case "village":
      return writeVillages(
        tx,
        items((w) => (w as Extract<RecordWrite, { kind: "village" }>).input),
        actor
      );
    case "enterprise":
      return writeEnterprises(
        tx,
        items((w) => (w as Extract<RecordWrite, { kind: "enterprise" }>).input),
        actor
      );
    case "organization":
      return writeOrganizations(
        tx,
        items((w) => (w as Extract<RecordWrite, { kind: "organization" }>).input),
        actor
      );
    case "project":
      return writeProjects(
        tx,
        items((w) => (w as Extract<RecordWrite, { kind: "project" }>).input),
        actor
      );
    case "term": {
      // one by one: each regenerates its payments and matches its receipts
      const results = [];
      for (const w of writes as Extract<RecordWrite, { kind: "term" }>[])
        results.push(await writeTerm(tx, w.projectId, w.input, actor, w.existing));
      return results;
    }
  }
}

/**
 * Writes the plan through the models: the townships a villages file brings first, one by one
 * (its villages then point at them), then the records, each kind as one batch. A row a model
 * refuses (someone saved the record meanwhile) rolls the whole file back.
 */
async function commitPlan(tx: Tx, plan: ImportPlan, actor: Actor, fileName: string | null) {
  const newTownshipIds = new Map<string, number>();
  const refused = (row: number, saved: Exclude<SaveResult<unknown>, { ok: true }>) =>
    new RowRefused(
      "stale" in saved
        ? [{ row, column: "", message: "error.import.changedMeanwhile" }]
        : rowErrors(plan.kind, row, saved.errors)
    );
  const records: RecordWrite[] = [];
  for (const w of plan.writes.records) {
    if (w.kind !== "township") {
      records.push(w);
      continue;
    }
    const saved = await writeTownship(tx, w.input, actor);
    if (!saved.ok) throw refused(w.row, saved);
    newTownshipIds.set(saved.record.name, saved.record.id);
  }
  for (const kind of ["village", "enterprise", "organization", "project", "term"] as const) {
    const writes = records
      .filter((w) => w.kind === kind)
      .map((w) =>
        w.kind === "village" && w.newTownship
          ? { ...w, input: { ...w.input, townshipId: newTownshipIds.get(w.newTownship) ?? 0 } }
          : w
      );
    if (!writes.length) continue;
    const results = await writeBatch(tx, kind, writes, actor);
    results.forEach((saved, i) => {
      if (!saved.ok) throw refused(writes[i].row, saved);
    });
  }
  if (plan.writes.income.length)
    await writeIncomeRows(tx, plan.writes.income, actor, { name: fileName, updated: plan.update, skipped: plan.skip });
}

export async function importFile(
  kind: ImportKind,
  bytes: Uint8Array,
  { commit, actor, fileName, allowedVillageIds }: { commit: boolean; actor: Actor; fileName?: string } & PlanOptions
) {
  const plan = await planFile(kind, bytes, { allowedVillageIds });
  if (!commit || plan.errors.length || plan.fileError || plan.create + plan.update === 0)
    return { plan, committed: false };
  const db = await getDb();
  try {
    await db.transaction((tx) => commitPlan(tx, plan, actor, fileName ?? null));
  } catch (error) {
    // a month approved between the plan and the commit: the whole file refused, its months named
    if (error instanceof MonthsLocked)
      return {
        plan: {
          ...plan,
          fileError: "error.importMonthsLocked",
          fileErrorParams: {
            months: error.locks.map((l) => `${l.villageName} ${l.year}-${String(l.month).padStart(2, "0")}`).join("、"),
          },
        },
        committed: false,
      };
    if (!(error instanceof RowRefused)) throw error;
    return { plan: { ...plan, errors: error.errors }, committed: false };
  } finally {
    // a big import fills SQLite's page cache (8 MB, DATABASE_CACHE_KB): give back what pages
    // and exports do not need now, and what the next one reads comes from the OS's cache
    await db.run(sql`PRAGMA shrink_memory`);
  }
  return { plan, committed: true };
}
