import { and, asc, count, eq, or, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import {
  enterprises,
  incomeRecords,
  organizationEnterprises,
  organizations,
  projectEnterprises,
  projects,
  type Enterprise,
} from "../../db/schema";
import { PAGE_SIZE, type EnterpriseFilters } from "~/validation/params";
import type { EnterpriseInput } from "~/validation/enterprise";
import type { Actor } from "./audit.server";
import {
  deleteRecord,
  inTransaction,
  oneOf,
  writeChecked,
  writeRecords,
  type BatchItem,
  type BatchWriter,
} from "./crud.server";
import {
  contains,
  fieldError,
  incomeRefName,
  orderBy,
  references,
  type DeleteResult,
  type SaveResult,
  incomeByYear,
  inJson,
} from "./shared.server";

export async function listEnterprises(f: EnterpriseFilters, { pageSize = PAGE_SIZE, totals = true } = {}) {
  const db = await getDb();
  const where: SQL[] = [];
  if (f.q)
    where.push(
      or(contains(enterprises.name, f.q), contains(enterprises.creditCode, f.q.toUpperCase(), { prefix: true }))!
    );
  if (f.industry) where.push(eq(enterprises.industry, f.industry));
  if (f.aboveSize) where.push(eq(enterprises.aboveSize, f.aboveSize === "yes"));
  const filter = where.length ? and(...where) : undefined;
  const projectCount = sql<number>`(SELECT COUNT(*) FROM ${projectEnterprises} WHERE ${projectEnterprises.enterpriseId} = "enterprises"."id")`;
  const sortColumn = {
    name: enterprises.name,
    creditCode: enterprises.creditCode,
    industry: enterprises.industry,
    aboveSize: enterprises.aboveSize,
    legalRep: enterprises.legalRep,
    partyMembers: enterprises.partyMembers,
    projects: projectCount,
  }[f.sort];
  const query = db
    .select({ enterprise: enterprises, projectCount })
    .from(enterprises)
    .where(filter)
    .orderBy(orderBy(sortColumn, f.dir), asc(enterprises.id));
  const rows = await query.limit(pageSize).offset((f.page - 1) * pageSize);
  // an export reads page after page and needs no count
  const [{ total }] = totals ? await db.select({ total: count() }).from(enterprises).where(filter) : [{ total: 0 }];
  return {
    rows: rows.map((r) => ({ ...r.enterprise, projectCount: r.projectCount })),
    total,
    page: f.page,
    pageSize,
  };
}

export async function getEnterprise(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id));
  return row ?? null;
}

/** An enterprise page: its villages, organizations, projects and what it paid each year. */
export async function enterpriseDetail(id: number) {
  const enterprise = await getEnterprise(id);
  if (!enterprise) return null;
  const db = await getDb();
  const orgs = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      level: organizations.level,
      dissolvedOn: organizations.dissolvedOn,
    })
    .from(organizationEnterprises)
    .innerJoin(organizations, eq(organizations.id, organizationEnterprises.organizationId))
    .where(eq(organizationEnterprises.enterpriseId, id))
    .orderBy(asc(organizations.name));
  const projectRows = await db
    .select({ id: projects.id, name: projects.name, type: projects.type, status: projects.status })
    .from(projectEnterprises)
    .innerJoin(projects, eq(projects.id, projectEnterprises.projectId))
    .where(eq(projectEnterprises.enterpriseId, id))
    .orderBy(asc(projects.name));
  const villageRows = await db.all<{ id: number; name: string }>(sql`
    SELECT v.id, v.name FROM villages v WHERE v.id IN (
      SELECT ov.village_id FROM organization_enterprises oe JOIN organization_villages ov ON ov.organization_id = oe.organization_id WHERE oe.enterprise_id = ${id}
      UNION
      SELECT pv.village_id FROM project_enterprises pe JOIN project_villages pv ON pv.project_id = pe.project_id WHERE pe.enterprise_id = ${id}
    ) ORDER BY v.code, v.name`);
  const paidByYear = await incomeByYear(sql`i.enterprise_id = ${id}`);
  return { enterprise, organizations: orgs, projects: projectRows, villages: villageRows, paidByYear };
}

const UNIQUE_COLUMNS: Record<string, [string, string]> = {
  "enterprises.credit_code": ["creditCode", "error.creditCodeTaken"],
};

/** Each enterprise's credit code unused by another, for a whole batch in one statement. */
async function checkEnterprises(tx: DbOrTx, items: BatchItem<EnterpriseInput>[]) {
  const codes = items.map((i) => i.input.creditCode).filter((c): c is string => Boolean(c));
  const owner = new Map(
    codes.length
      ? (
          await tx.all<{ id: number; code: string }>(
            sql`SELECT id, credit_code AS code FROM enterprises WHERE credit_code IN ${inJson(codes)}`
          )
        ).map((r) => [r.code, r.id])
      : []
  );
  return items.map(({ input, existing }) => {
    const holder = input.creditCode ? owner.get(input.creditCode) : undefined;
    return holder !== undefined && holder !== existing?.id ? fieldError("creditCode", "error.creditCodeTaken") : null;
  });
}

/** The one road into the enterprises table. */
export const writeEnterprises: BatchWriter<EnterpriseInput, Enterprise> = async (tx, items, actor) =>
  writeChecked(items, await checkEnterprises(tx, items), (passed) =>
    writeRecords<Enterprise>(tx, {
      table: enterprises,
      entity: "enterprise",
      items: passed.map(({ input, existing }) => ({ values: input, existing })),
      actor,
    })
  );

export const writeEnterprise = oneOf(writeEnterprises);

export async function createEnterprise(input: EnterpriseInput, actor: Actor): Promise<SaveResult<Enterprise>> {
  return inTransaction((tx) => writeEnterprise(tx, input, actor), UNIQUE_COLUMNS);
}

export async function updateEnterprise(
  id: number,
  version: number,
  input: EnterpriseInput,
  actor: Actor
): Promise<SaveResult<Enterprise>> {
  return inTransaction((tx) => writeEnterprise(tx, input, actor, { id, version }), UNIQUE_COLUMNS);
}

export async function enterpriseReferences(id: number) {
  const db = await getDb();
  const [orgs, projectRows, income] = await Promise.all([
    db
      .select({ name: organizations.name })
      .from(organizationEnterprises)
      .innerJoin(organizations, eq(organizations.id, organizationEnterprises.organizationId))
      .where(eq(organizationEnterprises.enterpriseId, id)),
    db
      .select({ name: projects.name })
      .from(projectEnterprises)
      .innerJoin(projects, eq(projects.id, projectEnterprises.projectId))
      .where(eq(projectEnterprises.enterpriseId, id)),
    db.select({ name: incomeRefName }).from(incomeRecords).where(eq(incomeRecords.enterpriseId, id)),
  ]);
  return references(["organization", orgs], ["project", projectRows], ["income", income]);
}

export async function deleteEnterprise(id: number, actor: Actor): Promise<DeleteResult> {
  return deleteRecord({
    table: enterprises,
    entity: "enterprise",
    id,
    actor,
    references: () => enterpriseReferences(id),
  });
}
