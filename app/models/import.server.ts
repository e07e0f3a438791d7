import { getDb, type Tx } from "../../db/client";
import { readTable, type Table } from "~/lib/tabular.server";
import type { Actor } from "./audit.server";
import { writeEnterprise } from "./enterprise.server";
import type { ImportKind } from "./formats.server";
import { planIncomeImport } from "./import-income.server";
import { planEnterpriseImport, planVillageImport } from "./import-master-data.server";
import { planOrganizationImport, planProjectImport } from "./import-partnerships.server";
import { emptyPlan, rowErrors, type ImportPlan, type PlannedWrite } from "./import-plan.server";
import { writeIncomeRows } from "./income.server";
import { writeOrganization } from "./organization.server";
import { writeProject } from "./project.server";
import { writeTownship } from "./township.server";
import { writeVillage } from "./village.server";

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

/** Writes one planned record through its model; townships the file creates are looked up by name. */
async function writePlanned(tx: Tx, w: PlannedWrite, actor: Actor, newTownshipIds: Map<string, number>) {
  switch (w.kind) {
    case "township": {
      const saved = await writeTownship(tx, w.input, actor);
      if (saved.ok) newTownshipIds.set(saved.record.name, saved.record.id);
      return saved;
    }
    case "village": {
      const townshipId = w.newTownship ? newTownshipIds.get(w.newTownship) : w.input.townshipId;
      return writeVillage(tx, { ...w.input, townshipId: townshipId ?? 0 }, actor, w.existing);
    }
    case "enterprise":
      return writeEnterprise(tx, w.input, actor, w.existing);
    case "organization":
      return writeOrganization(tx, w.input, actor, w.existing);
    case "project":
      return writeProject(tx, w.input, actor, w.existing);
  }
}

async function commitPlan(tx: Tx, plan: ImportPlan, actor: Actor, fileName: string | null) {
  const newTownshipIds = new Map<string, number>();
  for (const w of plan.writes.records) {
    const saved = await writePlanned(tx, w, actor, newTownshipIds);
    if (!saved.ok)
      throw new RowRefused(
        "stale" in saved
          ? [{ row: w.row, column: "", message: "error.import.changedMeanwhile" }]
          : rowErrors(plan.kind, w.row, saved.errors)
      );
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
    if (!(error instanceof RowRefused)) throw error;
    return { plan: { ...plan, errors: error.errors }, committed: false };
  }
  return { plan, committed: true };
}
