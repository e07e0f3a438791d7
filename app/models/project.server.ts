import { and, asc, count, eq, exists, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import {
  contractTerms,
  enterprises,
  incomeRecords,
  organizations,
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
import {
  deleteRecord,
  inTransaction,
  oneOf,
  writeChecked,
  writeRecords,
  type BatchItem,
  type BatchWriter,
  type Existing,
} from "./crud.server";
import {
  contains,
  fieldError,
  incomeRefName,
  memberNames,
  orderBy,
  references,
  withoutMembers,
  type DeleteResult,
  type SaveResult,
  incomeByYear,
  checkNamedWithMembers,
  existingIds,
  inJson,
  insertRows,
  memberIdsOf,
  writeMemberLinks,
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

/**
 * Each project's name free, its members registered, its organization there with all its villages
 * among the organization's: for a whole batch in a few statements.
 */
async function checkProjects(tx: DbOrTx, items: BatchItem<ProjectInput>[]) {
  const shared = await checkNamedWithMembers(tx, "projects", items);
  const orgIds = [...new Set(items.flatMap((i) => (i.input.organizationId ? [i.input.organizationId] : [])))];
  const knownOrgs = await existingIds(tx, "organizations", orgIds);
  const orgVillages = new Map<number, number[]>(orgIds.map((id) => [id, []]));
  if (orgIds.length) {
    const links = await tx.all<{ org: number; village: number }>(
      sql`SELECT organization_id AS org, village_id AS village FROM organization_villages WHERE organization_id IN ${inJson(
        orgIds
      )}`
    );
    for (const l of links) orgVillages.get(l.org)?.push(l.village);
  }
  return items.map(({ input }, i) => {
    if (shared[i]) return shared[i];
    if (input.organizationId) {
      if (!knownOrgs.has(input.organizationId)) return fieldError("organizationId", "error.choose");
      const rule = projectVillagesRule(input.villageIds, orgVillages.get(input.organizationId) ?? []);
      if (rule) return fieldError("villageIds", rule);
    }
    return null;
  });
}

/** The one road into the projects table, with their members and status history. */
export const writeProjects: BatchWriter<ProjectInput, Project> = async (tx, items, actor) =>
  writeChecked(items, await checkProjects(tx, items), (passed) =>
    writeRecords<Project>(tx, {
      table: projects,
      entity: "project",
      items: passed.map(({ input, existing }) => ({ values: withoutMembers(input), existing })),
      actor,
      afterWrite: async (tx, written) => {
        await writeMemberLinks(
          tx,
          "project",
          written.map((w) => ({ id: w.row.id, ...passed[w.index].input })),
          written.filter((w) => w.before).map((w) => w.row.id)
        );
        // each change of status is kept with its date
        const changed = written.filter((w) => !w.before || w.before.status !== w.row.status);
        if (changed.length)
          await insertRows(
            tx,
            projectStatusHistory,
            changed.map((w) => ({ projectId: w.row.id, status: w.row.status })),
            { changedOn: todayIso(), userId: actor?.id ?? null }
          );
      },
      auditExtra: (tx, ids) => memberIdsOf(tx, "project", ids),
    })
  );

export const writeProject = oneOf(writeProjects);

export async function saveProject(
  input: ProjectInput,
  actor: Actor,
  existing?: Existing
): Promise<SaveResult<Project>> {
  return inTransaction((tx) => writeProject(tx, input, actor, existing), UNIQUE_COLUMNS);
}

export async function projectReferences(id: number) {
  const db = await getDb();
  const income = await db.select({ name: incomeRefName }).from(incomeRecords).where(eq(incomeRecords.projectId, id));
  const terms = await db
    .select({ name: sql<string>`${villages.name} || ' · ' || ${enterprises.name}` })
    .from(contractTerms)
    .innerJoin(villages, eq(villages.id, contractTerms.villageId))
    .innerJoin(enterprises, eq(enterprises.id, contractTerms.enterpriseId))
    .where(eq(contractTerms.projectId, id));
  return references(["income", income], ["term", terms]);
}

export async function deleteProject(id: number, actor: Actor): Promise<DeleteResult> {
  return deleteRecord({ table: projects, entity: "project", id, actor, references: () => projectReferences(id) });
}
