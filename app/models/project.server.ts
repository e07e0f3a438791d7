import { and, asc, count, eq, exists, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx, type Tx } from "../../db/client";
import {
  enterprises,
  incomeRecords,
  organizations,
  organizationVillages,
  projectEnterprises,
  projects,
  projectStatusHistory,
  projectVillages,
  villages,
  type Project,
} from "../../db/schema";
import { todayIso } from "~/lib/dates";
import { PAGE_SIZE, type ProjectFilters } from "~/validation/params";
import type { ProjectInput } from "~/validation/project";
import type { Actor } from "./audit.server";
import { deleteRecord, inTransaction, writeRecord, type Existing, type RecordWriter } from "./crud.server";
import {
  contains,
  fieldError,
  incomeRefName,
  memberNames,
  orderBy,
  references,
  sortedIds,
  withoutMembers,
  type DeleteResult,
  type SaveResult,
  incomeByYear,
  missingIds,
} from "./shared.server";

export async function listProjects(f: ProjectFilters, { pageSize = PAGE_SIZE, totals = true } = {}) {
  const db = await getDb();
  const where: SQL[] = [];
  if (f.q) where.push(contains(projects.name, f.q));
  if (f.type) where.push(eq(projects.type, f.type));
  if (f.status) where.push(eq(projects.status, f.status));
  if (f.organizationId) where.push(eq(projects.organizationId, f.organizationId));
  if (f.villageId) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(projectVillages)
          .where(and(eq(projectVillages.projectId, projects.id), eq(projectVillages.villageId, f.villageId)))
      )
    );
  }
  if (f.enterpriseId) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(projectEnterprises)
          .where(
            and(eq(projectEnterprises.projectId, projects.id), eq(projectEnterprises.enterpriseId, f.enterpriseId))
          )
      )
    );
  }
  const filter = where.length ? and(...where) : undefined;
  const sortColumn = {
    name: projects.name,
    type: projects.type,
    status: projects.status,
    organization: organizations.name,
    investment: projects.investmentFen,
    expectedIncome: projects.expectedIncomeFen,
    contractStart: projects.contractStart,
    contractEnd: projects.contractEnd,
  }[f.sort];
  const query = db
    .select({ project: projects, organizationName: organizations.name })
    .from(projects)
    .leftJoin(organizations, eq(organizations.id, projects.organizationId))
    .where(filter)
    .orderBy(orderBy(sortColumn, f.dir), asc(projects.id));
  const rows = await query.limit(pageSize).offset((f.page - 1) * pageSize);
  // an export reads page after page and needs no count
  const [{ total }] = totals ? await db.select({ total: count() }).from(projects).where(filter) : [{ total: 0 }];
  const members = await projectMembers(rows.map((r) => r.project.id));
  return {
    rows: rows.map((r) => ({
      ...r.project,
      organizationName: r.organizationName,
      villageNames: members.villages.get(r.project.id) ?? [],
      enterpriseNames: members.enterprises.get(r.project.id) ?? [],
    })),
    total,
    page: f.page,
    pageSize,
  };
}

/** Village and enterprise names of many projects. */
export const projectMembers = (ids: number[]) => memberNames("project", ids);

export async function getProject(id: number) {
  const db = await getDb();
  const [row] = await db
    .select({ project: projects, organizationName: organizations.name })
    .from(projects)
    .leftJoin(organizations, eq(organizations.id, projects.organizationId))
    .where(eq(projects.id, id));
  if (!row) return null;
  const projectVillageRows = await db
    .select({ id: villages.id, name: villages.name })
    .from(projectVillages)
    .innerJoin(villages, eq(villages.id, projectVillages.villageId))
    .where(eq(projectVillages.projectId, id))
    .orderBy(asc(villages.code));
  const projectEnterpriseRows = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(projectEnterprises)
    .innerJoin(enterprises, eq(enterprises.id, projectEnterprises.enterpriseId))
    .where(eq(projectEnterprises.projectId, id))
    .orderBy(asc(enterprises.name));
  return {
    ...row.project,
    organizationName: row.organizationName,
    villages: projectVillageRows,
    enterprises: projectEnterpriseRows,
    villageIds: projectVillageRows.map((v) => v.id),
    enterpriseIds: projectEnterpriseRows.map((e) => e.id),
  };
}

/** A project's page: partners, organization, status history and the income it brought. */
export async function projectDetail(id: number) {
  const project = await getProject(id);
  if (!project) return null;
  const db = await getDb();
  const history = await db
    .select()
    .from(projectStatusHistory)
    .where(eq(projectStatusHistory.projectId, id))
    .orderBy(asc(projectStatusHistory.changedOn), asc(projectStatusHistory.id));
  const byYear = await incomeByYear(sql`i.project_id = ${id}`);
  return { project, history, incomeByYear: byYear };
}

const UNIQUE_COLUMNS: Record<string, [string, string]> = { "projects.name": ["name", "error.nameTaken"] };

/** A project under a joint organization is between that organization's villages (DESIGN, Project). */
export function projectVillagesRule(villageIds: number[], organizationVillageIds: Iterable<number>) {
  const members = new Set(organizationVillageIds);
  return villageIds.some((id) => !members.has(id)) ? "error.orgVillages" : null;
}

async function checkProject(tx: DbOrTx, input: ProjectInput, exceptId?: number) {
  const [clash] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.name, input.name));
  if (clash && clash.id !== exceptId) return fieldError("name", "error.nameTaken");
  if (await missingIds(tx, "villages", input.villageIds)) return fieldError("villageIds", "error.unknownVillage");
  if (await missingIds(tx, "enterprises", input.enterpriseIds))
    return fieldError("enterpriseIds", "error.unknownEnterprise");
  if (input.organizationId) {
    const [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, input.organizationId));
    if (!org) return fieldError("organizationId", "error.choose");
    const members = await tx
      .select({ id: organizationVillages.villageId })
      .from(organizationVillages)
      .where(eq(organizationVillages.organizationId, input.organizationId));
    const rule = projectVillagesRule(
      input.villageIds,
      members.map((m) => m.id)
    );
    if (rule) return fieldError("villageIds", rule);
  }
  return null;
}

async function writeMembersAndHistory(tx: Tx, row: Project, before: Project | null, input: ProjectInput, actor: Actor) {
  await tx.delete(projectVillages).where(eq(projectVillages.projectId, row.id));
  await tx.delete(projectEnterprises).where(eq(projectEnterprises.projectId, row.id));
  await tx.insert(projectVillages).values(input.villageIds.map((villageId) => ({ projectId: row.id, villageId })));
  if (input.enterpriseIds.length) {
    await tx
      .insert(projectEnterprises)
      .values(input.enterpriseIds.map((enterpriseId) => ({ projectId: row.id, enterpriseId })));
  }
  // each change of status is kept with its date
  if (!before || before.status !== row.status) {
    await tx
      .insert(projectStatusHistory)
      .values({ projectId: row.id, status: row.status, changedOn: todayIso(), userId: actor?.id ?? null });
  }
}

async function memberIds(tx: Tx, id: number) {
  const v = await tx
    .select({ id: projectVillages.villageId })
    .from(projectVillages)
    .where(eq(projectVillages.projectId, id));
  const e = await tx
    .select({ id: projectEnterprises.enterpriseId })
    .from(projectEnterprises)
    .where(eq(projectEnterprises.projectId, id));
  return { villageIds: sortedIds(v), enterpriseIds: sortedIds(e) };
}

/** The one road into the projects table, with its members and status history. */
export const writeProject: RecordWriter<ProjectInput, Project> = async (tx, input, actor, existing) =>
  (await checkProject(tx, input, existing?.id)) ??
  writeRecord<Project>(tx, {
    table: projects,
    entity: "project",
    existing,
    values: withoutMembers(input),
    actor,
    afterWrite: (tx, row, before) => writeMembersAndHistory(tx, row, before, input, actor),
    auditExtra: memberIds,
  });

export async function saveProject(input: ProjectInput, actor: Actor, existing?: Existing): Promise<SaveResult<Project>> {
  return inTransaction((tx) => writeProject(tx, input, actor, existing), UNIQUE_COLUMNS);
}

export async function projectReferences(id: number) {
  const db = await getDb();
  const income = await db.select({ name: incomeRefName }).from(incomeRecords).where(eq(incomeRecords.projectId, id));
  return references(["income", income]);
}

export async function deleteProject(id: number, actor: Actor): Promise<DeleteResult> {
  return deleteRecord({ table: projects, entity: "project", id, actor, references: () => projectReferences(id) });
}
