import { and, asc, count, eq, or, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "../../db/client";
import {
  incomeRecords,
  organizations,
  organizationVillages,
  projects,
  projectVillages,
  townships,
  users,
  userVillages,
  villages,
  type Village,
} from "../../db/schema";
import { PAGE_SIZE, type VillageFilters } from "~/validation/params";
import type { VillageInput } from "~/validation/village";
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

/** Townships for pickers and lookups: id, name and code, by code. */
export async function listTownships() {
  const db = await getDb();
  return db
    .select({ id: townships.id, name: townships.name, code: townships.code })
    .from(townships)
    .orderBy(asc(townships.code), asc(townships.name));
}

export async function countVillages() {
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(villages);
  return n;
}

/** A village's income of the year, from the sums the database keeps per village and year. */
function yearIncome(year: number) {
  return sql<number>`COALESCE((
    SELECT total_fen FROM village_year_income WHERE year = ${year} AND village_id = "villages"."id"
  ), 0)`;
}

/** One page of villages (or all of them, for an export), with this year's income. */
export async function listVillages(f: VillageFilters, { pageSize = PAGE_SIZE, totals = true } = {}) {
  const db = await getDb();
  const where: SQL[] = [];
  if (f.q) where.push(or(contains(villages.name, f.q), contains(villages.code, f.q, { prefix: true }))!);
  if (f.townshipId) where.push(eq(villages.townshipId, f.townshipId));
  if (f.kind) where.push(eq(villages.kind, f.kind));
  const filter = where.length ? and(...where) : undefined;
  const incomeFen = yearIncome(f.year);
  const sortColumn = {
    name: villages.name,
    township: townships.name,
    kind: villages.kind,
    code: villages.code,
    secretary: villages.secretary,
    population: villages.population,
    households: villages.households,
    partyMembers: villages.partyMembers,
    income: incomeFen,
  }[f.sort];
  const query = db
    .select({
      id: villages.id,
      name: villages.name,
      townshipName: townships.name,
      kind: villages.kind,
      code: villages.code,
      collectiveCreditCode: villages.collectiveCreditCode,
      lat: villages.lat,
      lng: villages.lng,
      households: villages.households,
      population: villages.population,
      partyMembers: villages.partyMembers,
      secretary: villages.secretary,
      notes: villages.notes,
      incomeFen,
    })
    .from(villages)
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .where(filter)
    .orderBy(orderBy(sortColumn, f.dir), asc(townships.code), asc(villages.code), asc(villages.id));
  const rows = await query.limit(pageSize).offset((f.page - 1) * pageSize);
  // an export reads page after page and needs no count
  const [{ total }] = totals
    ? await db
        .select({ total: count() })
        .from(villages)
        .innerJoin(townships, eq(townships.id, villages.townshipId))
        .where(filter)
    : [{ total: 0 }];
  return { rows, total, page: f.page, pageSize: PAGE_SIZE };
}

export async function getVillage(id: number) {
  const db = await getDb();
  const [row] = await db
    .select({ village: villages, townshipName: townships.name, townshipCode: townships.code })
    .from(villages)
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .where(eq(villages.id, id));
  return row ? { ...row.village, townshipName: row.townshipName, townshipCode: row.townshipCode } : null;
}

/** A village's name and township, for pages about its figures (not its boundary, which may weigh megabytes). */
export async function getVillageName(id: number) {
  const db = await getDb();
  const [row] = await db
    .select({ id: villages.id, name: villages.name, townshipName: townships.name })
    .from(villages)
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .where(eq(villages.id, id));
  return row ?? null;
}

/** A village page: its organizations, projects, partner enterprises and income by year. */
export async function villageDetail(id: number) {
  const village = await getVillage(id);
  if (!village) return null;
  const db = await getDb();
  const orgs = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      level: organizations.level,
      dissolvedOn: organizations.dissolvedOn,
    })
    .from(organizationVillages)
    .innerJoin(organizations, eq(organizations.id, organizationVillages.organizationId))
    .where(eq(organizationVillages.villageId, id))
    .orderBy(asc(organizations.name));
  const projectRows = await db
    .select({
      id: projects.id,
      name: projects.name,
      type: projects.type,
      status: projects.status,
      expectedIncomeFen: projects.expectedIncomeFen,
    })
    .from(projectVillages)
    .innerJoin(projects, eq(projects.id, projectVillages.projectId))
    .where(eq(projectVillages.villageId, id))
    .orderBy(asc(projects.name));
  // partners: enterprises in the village's organizations or projects
  const partners = await db.all<{ id: number; name: string; via: string }>(sql`
    SELECT e.id, e.name, GROUP_CONCAT(DISTINCT via) AS via FROM (
      SELECT oe.enterprise_id AS eid, 'organization' AS via FROM organization_villages ov
        JOIN organization_enterprises oe ON oe.organization_id = ov.organization_id WHERE ov.village_id = ${id}
      UNION ALL
      SELECT pe.enterprise_id, 'project' FROM project_villages pv
        JOIN project_enterprises pe ON pe.project_id = pv.project_id WHERE pv.village_id = ${id}
    ) links JOIN enterprises e ON e.id = links.eid
    GROUP BY e.id ORDER BY e.name`);
  const byYear = await incomeByYear(sql`i.village_id = ${id}`);
  return { village, organizations: orgs, projects: projectRows, partners, incomeByYear: byYear };
}

const UNIQUE_COLUMNS: Record<string, [string, string]> = {
  "villages.code": ["code", "error.codeTaken"],
  "villages.collective_credit_code": ["collectiveCreditCode", "error.creditCodeTaken"],
};

/** A village's code must start with its township's code, when the township has one (DESIGN, Village). */
export function villageCodeRule(code: string | null | undefined, townshipCode: string | null | undefined) {
  return code && townshipCode && !code.startsWith(townshipCode) ? "error.divisionCode.township" : null;
}

/** Rules that need the database: the township exists, its code prefixes the village's, codes unused. */
/** Each village's database checks, for a whole batch in a few statements: township, codes unused. */
async function checkVillages(tx: DbOrTx, items: BatchItem<VillageInput>[]) {
  const townshipCodes = new Map(
    (
      await tx.all<{ id: number; code: string | null }>(
        sql`SELECT id, code FROM townships WHERE id IN ${inJson([...new Set(items.map((i) => i.input.townshipId))])}`
      )
    ).map((t) => [t.id, t.code])
  );
  const owners = async (column: "code" | "collective_credit_code", values: (string | null | undefined)[]) => {
    const wanted = values.filter((v): v is string => Boolean(v));
    if (!wanted.length) return new Map<string, number>();
    const rows = await tx.all<{ id: number; value: string }>(
      sql`SELECT id, ${sql.identifier(column)} AS value FROM villages WHERE ${sql.identifier(column)} IN ${inJson(
        wanted
      )}`
    );
    return new Map(rows.map((r) => [r.value, r.id]));
  };
  const codeOwner = await owners(
    "code",
    items.map((i) => i.input.code)
  );
  const creditOwner = await owners(
    "collective_credit_code",
    items.map((i) => i.input.collectiveCreditCode)
  );
  return items.map(({ input, existing }) => {
    if (!townshipCodes.has(input.townshipId)) return fieldError("townshipId", "error.choose");
    const codeError = villageCodeRule(input.code, townshipCodes.get(input.townshipId));
    if (codeError) return fieldError("code", codeError);
    const taken = (owner: number | undefined) => owner !== undefined && owner !== existing?.id;
    if (input.code && taken(codeOwner.get(input.code))) return fieldError("code", "error.codeTaken");
    if (input.collectiveCreditCode && taken(creditOwner.get(input.collectiveCreditCode)))
      return fieldError("collectiveCreditCode", "error.creditCodeTaken");
    return null;
  });
}

/** The columns a save writes: a new boundary, none (cleared), or the current one kept (left out). */
function villageValues({ boundary, clearBoundary, ...values }: VillageInput) {
  return boundary ? { ...values, boundary } : clearBoundary ? { ...values, boundary: null } : values;
}

/** The one road into the villages table: forms, the import and the command line all write here. */
export const writeVillages: BatchWriter<VillageInput, Village> = async (tx, items, actor) =>
  writeChecked(items, await checkVillages(tx, items), (passed) =>
    writeRecords<Village>(tx, {
      table: villages,
      entity: "village",
      items: passed.map(({ input, existing }) => ({ values: villageValues(input), existing })),
      actor,
    })
  );

export const writeVillage = oneOf(writeVillages);

export async function createVillage(input: VillageInput, actor: Actor): Promise<SaveResult<Village>> {
  return inTransaction((tx) => writeVillage(tx, input, actor), UNIQUE_COLUMNS);
}

/** Saves only if nobody saved since `version` was read; a stale save writes nothing. */
export async function updateVillage(
  id: number,
  version: number,
  input: VillageInput,
  actor: Actor
): Promise<SaveResult<Village>> {
  return inTransaction((tx) => writeVillage(tx, input, actor, { id, version }), UNIQUE_COLUMNS);
}

/** What keeps a village from being deleted. */
export async function villageReferences(id: number) {
  const db = await getDb();
  const [orgs, projectRows, income, clerks] = await Promise.all([
    db
      .select({ name: organizations.name })
      .from(organizationVillages)
      .innerJoin(organizations, eq(organizations.id, organizationVillages.organizationId))
      .where(eq(organizationVillages.villageId, id)),
    db
      .select({ name: projects.name })
      .from(projectVillages)
      .innerJoin(projects, eq(projects.id, projectVillages.projectId))
      .where(eq(projectVillages.villageId, id)),
    db.select({ name: incomeRefName }).from(incomeRecords).where(eq(incomeRecords.villageId, id)),
    db
      .select({ name: users.username })
      .from(userVillages)
      .innerJoin(users, eq(users.id, userVillages.userId))
      .where(eq(userVillages.villageId, id)),
  ]);
  return references(["organization", orgs], ["project", projectRows], ["income", income], ["user", clerks]);
}

export async function deleteVillage(id: number, actor: Actor): Promise<DeleteResult> {
  return deleteRecord({ table: villages, entity: "village", id, actor, references: () => villageReferences(id) });
}
