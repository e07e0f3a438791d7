import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { enterprises, incomeRecords, organizations, projects, projectVillages } from "../../db/schema";

// Small look-ups the routes use for role checks: which villages a record involves.

const TABLES = { enterprise: enterprises, organization: organizations, project: projects, income: incomeRecords };

export async function recordExists(kind: keyof typeof TABLES, id: number) {
  const db = await getDb();
  const table = TABLES[kind];
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.id, id));
  return Boolean(row);
}

export async function projectVillageIds(projectId: number) {
  const db = await getDb();
  const rows = await db
    .select({ id: projectVillages.villageId })
    .from(projectVillages)
    .where(eq(projectVillages.projectId, projectId));
  return rows.map((r) => r.id);
}

export async function incomeVillageId(incomeId: number) {
  const db = await getDb();
  const [row] = await db
    .select({ id: incomeRecords.villageId })
    .from(incomeRecords)
    .where(eq(incomeRecords.id, incomeId));
  return row?.id ?? null;
}
