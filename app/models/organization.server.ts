import { and, asc, count, desc, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import {
  activities,
  enterprises,
  organizationEnterprises,
  organizations,
  organizationVillages,
  projects,
  villages,
  type Activity,
  type Organization,
} from "../../db/schema";
import { lastFullQuarterStart, todayIso } from "~/lib/dates";
import { PAGE_SIZE, type OrganizationFilters } from "~/validation/params";
import { derivePattern, type Pattern } from "~/lib/organization-pattern";
import type { ActivityInput, OrganizationInput } from "~/validation/organization";
import type { Actor } from "./audit.server";
import {
  deleteRecord,
  inTransaction,
  oneOf,
  writeChecked,
  writeRecord,
  writeRecords,
  type BatchWriter,
} from "./crud.server";
import {
  contains,
  memberNames,
  orderBy,
  references,
  withoutMembers,
  type DeleteResult,
  type SaveResult,
  incomeByYear,
  checkNamedWithMembers,
  memberIdsOf,
  writeMemberLinks,
} from "./shared.server";

const villageCount = sql<number>`(SELECT COUNT(*) FROM ${organizationVillages} WHERE ${organizationVillages.organizationId} = "organizations"."id")`;
const enterpriseCount = sql<number>`(SELECT COUNT(*) FROM ${organizationEnterprises} WHERE ${organizationEnterprises.organizationId} = "organizations"."id")`;
const lastReview = sql<string | null>`(SELECT MAX(${activities.heldOn}) FROM ${activities}
  WHERE ${activities.organizationId} = "organizations"."id" AND ${activities.kind} = 'quarterly_review')`;

function patternCondition(pattern: Pattern): SQL {
  const [v, e] = pattern.split("_");
  return sql`(${villageCount} ${sql.raw(v === "many" ? "> 1" : "= 1")} AND ${enterpriseCount} ${sql.raw(
    e === "many" ? "> 1" : "= 1"
  )})`;
}

/** Active and no quarterly review (季度复盘) since the start of the last full quarter. */
export function isOverdue(org: { dissolvedOn: string | null; lastReview: string | null }, today = todayIso()) {
  return !org.dissolvedOn && (!org.lastReview || org.lastReview < lastFullQuarterStart(today));
}

export async function listOrganizations(f: OrganizationFilters, { pageSize = PAGE_SIZE, totals = true } = {}) {
  const db = await getDb();
  const where: SQL[] = [];
  if (f.q) where.push(or(contains(organizations.name, f.q), contains(organizations.firstSecretary, f.q))!);
  if (f.level) where.push(eq(organizations.level, f.level));
  if (f.status)
    where.push(f.status === "active" ? isNull(organizations.dissolvedOn) : isNotNull(organizations.dissolvedOn));
  if (f.pattern) where.push(patternCondition(f.pattern));
  const filter = where.length ? and(...where) : undefined;
  const sortColumn = {
    name: organizations.name,
    level: organizations.level,
    establishedOn: organizations.establishedOn,
    firstSecretary: organizations.firstSecretary,
    villages: villageCount,
    enterprises: enterpriseCount,
    partyMembers: organizations.partyMembers,
    lastReview,
  }[f.sort];
  const query = db
    .select({ org: organizations, villageCount, enterpriseCount, lastReview })
    .from(organizations)
    .where(filter)
    .orderBy(orderBy(sortColumn, f.dir), asc(organizations.id));
  const rows = await query.limit(pageSize).offset((f.page - 1) * pageSize);
  // an export reads page after page and needs no count
  const [{ total }] = totals ? await db.select({ total: count() }).from(organizations).where(filter) : [{ total: 0 }];
  const ids = rows.map((r) => r.org.id);
  const members = await memberNames("organization", ids);
  const today = todayIso();
  return {
    rows: rows.map((r) => ({
      ...r.org,
      villageCount: r.villageCount,
      enterpriseCount: r.enterpriseCount,
      pattern: derivePattern(r.villageCount, r.enterpriseCount),
      lastReview: r.lastReview,
      overdue: isOverdue({ dissolvedOn: r.org.dissolvedOn, lastReview: r.lastReview }, today),
      villageNames: members.villages.get(r.org.id) ?? [],
      enterpriseNames: members.enterprises.get(r.org.id) ?? [],
    })),
    total,
    page: f.page,
    pageSize,
    reviewSince: lastFullQuarterStart(today),
  };
}

export async function getOrganization(id: number) {
  const db = await getDb();
  const [org] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!org) return null;
  const memberVillages = await db
    .select({ id: villages.id, name: villages.name })
    .from(organizationVillages)
    .innerJoin(villages, eq(villages.id, organizationVillages.villageId))
    .where(eq(organizationVillages.organizationId, id))
    .orderBy(asc(villages.code), asc(villages.name));
  const memberEnterprises = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(organizationEnterprises)
    .innerJoin(enterprises, eq(enterprises.id, organizationEnterprises.enterpriseId))
    .where(eq(organizationEnterprises.organizationId, id))
    .orderBy(asc(enterprises.name));
  return {
    ...org,
    villages: memberVillages,
    enterprises: memberEnterprises,
    villageIds: memberVillages.map((v) => v.id),
    enterpriseIds: memberEnterprises.map((e) => e.id),
    pattern: derivePattern(memberVillages.length, memberEnterprises.length),
  };
}

/** An organization's page: members, activities (newest first), projects and the income they brought. */
export async function organizationDetail(id: number) {
  const org = await getOrganization(id);
  if (!org) return null;
  const db = await getDb();
  const activityRows = await db
    .select()
    .from(activities)
    .where(eq(activities.organizationId, id))
    .orderBy(desc(activities.heldOn), desc(activities.id));
  const projectRows = await db
    .select({ id: projects.id, name: projects.name, type: projects.type, status: projects.status })
    .from(projects)
    .where(eq(projects.organizationId, id))
    .orderBy(asc(projects.name));
  const byYear = await incomeByYear(sql`p.organization_id = ${id}`);
  const lastReviewOn = activityRows.find((a) => a.kind === "quarterly_review")?.heldOn ?? null;
  return {
    organization: org,
    activities: activityRows,
    projects: projectRows,
    incomeByYear: byYear,
    overdue: isOverdue({ dissolvedOn: org.dissolvedOn, lastReview: lastReviewOn }),
    reviewSince: lastFullQuarterStart(),
  };
}

const UNIQUE_COLUMNS: Record<string, [string, string]> = { "organizations.name": ["name", "error.nameTaken"] };

/** The one road into the organizations table, with their member villages and enterprises. */
export const writeOrganizations: BatchWriter<OrganizationInput, Organization> = async (tx, items, actor) =>
  writeChecked(items, await checkNamedWithMembers(tx, "organizations", items), (passed) =>
    writeRecords<Organization>(tx, {
      table: organizations,
      entity: "organization",
      items: passed.map(({ input, existing }) => ({ values: withoutMembers(input), existing })),
      actor,
      afterWrite: (tx, written) =>
        writeMemberLinks(
          tx,
          "organization",
          written.map((w) => ({ id: w.row.id, ...passed[w.index].input })),
          written.filter((w) => w.before).map((w) => w.row.id)
        ),
      auditExtra: (tx, ids) => memberIdsOf(tx, "organization", ids),
    })
  );

export const writeOrganization = oneOf(writeOrganizations);

export async function createOrganization(input: OrganizationInput, actor: Actor): Promise<SaveResult<Organization>> {
  return inTransaction((tx) => writeOrganization(tx, input, actor), UNIQUE_COLUMNS);
}

export async function updateOrganization(
  id: number,
  version: number,
  input: OrganizationInput,
  actor: Actor
): Promise<SaveResult<Organization>> {
  return inTransaction((tx) => writeOrganization(tx, input, actor, { id, version }), UNIQUE_COLUMNS);
}

export async function organizationReferences(id: number) {
  const db = await getDb();
  const projectRows = await db.select({ name: projects.name }).from(projects).where(eq(projects.organizationId, id));
  const activityRows = await db
    .select({ name: activities.title })
    .from(activities)
    .where(eq(activities.organizationId, id));
  return references(["project", projectRows], ["activity", activityRows]);
}

export async function deleteOrganization(id: number, actor: Actor): Promise<DeleteResult> {
  return deleteRecord({
    table: organizations,
    entity: "organization",
    id,
    actor,
    references: () => organizationReferences(id),
  });
}

export async function getActivity(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(activities).where(eq(activities.id, id));
  return row ?? null;
}

export async function saveActivity(
  organizationId: number,
  input: ActivityInput,
  actor: Actor,
  existing?: { id: number; version: number }
): Promise<SaveResult<Activity>> {
  return inTransaction((tx) =>
    writeRecord<Activity>(tx, {
      table: activities,
      entity: "activity",
      existing,
      values: { ...input, organizationId },
      actor,
    })
  );
}

export async function deleteActivity(id: number, actor: Actor) {
  return deleteRecord({ table: activities, entity: "activity", id, actor, references: async () => [] });
}
