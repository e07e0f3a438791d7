import { getTableColumns, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { organizations, organizationVillages, projects } from "../../db/schema";
import { cellText, type Table } from "~/lib/tabular.server";
import { OrganizationSchema } from "~/validation/organization";
import { ProjectSchema } from "~/validation/project";
import { formValues, mapHeaders } from "./formats.server";
import { inJson, jsonTuples, memberIdsOf } from "./shared.server";
import { planRecords, type ImportPlan } from "./import-plan.server";
import { projectVillagesRule } from "./project.server";

// Importing joint organizations and projects: the records that join villages and enterprises.
// Their members are named in one cell, separated by 、；; or a comma: a village by its 12-digit
// code or a name only one village has; an enterprise by credit code or exact name; an
// organization by exact name.

const splitNames = (cell: string) =>
  cell
    .split(/[、；;,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

type Fail = (key: string, message: string, value?: string) => void;

/** Every name a file's member column holds (split as the planner splits a cell). */
function memberNames(kind: "organizations" | "projects", table: Table, key: "villages" | "enterprises") {
  const at = mapHeaders(kind, table.headers).index[key];
  if (at === undefined) return [];
  const names = new Set<string>();
  for (const { cells } of table.rows) for (const name of splitNames(cellText(cells[at]))) names.add(name);
  return [...names];
}

/**
 * The villages and enterprises a file names, looked up by code and name: only those the file
 * names are read (a province has 10,000 villages and 20,000 enterprises), with every village of a
 * name, so that a name two villages share is still found ambiguous.
 */
async function memberResolvers(kind: "organizations" | "projects", table: Table) {
  const villageNames = memberNames(kind, table, "villages");
  const enterpriseNames = memberNames(kind, table, "enterprises");
  const villageRows = (
    (await jsonTuples(
      ["id", "name", "code"],
      sql`SELECT id, name, code FROM villages
        WHERE code IN ${inJson(villageNames)} OR name IN ${inJson(villageNames)}`
    )) as [number, string, string | null][]
  ).map(([id, name, code]) => ({ id, name, code }));
  const enterpriseRows = (
    (await jsonTuples(
      ["id", "name", "creditCode"],
      sql`SELECT id, name, credit_code AS creditCode FROM enterprises
        WHERE credit_code IN ${inJson(enterpriseNames.map((n) => n.toUpperCase()))} OR name IN ${inJson(
        enterpriseNames
      )}`,
      sql`id`
    )) as [number, string, string | null][]
  ).map(([id, name, creditCode]) => ({ id, name, creditCode }));
  // looked up by code and name in maps: a province's 10,000 villages and 20,000 enterprises
  const villageByCode = new Map(villageRows.filter((v) => v.code).map((v) => [v.code!, v.id]));
  const villagesByName = new Map<string, number[]>();
  for (const v of villageRows) villagesByName.set(v.name, [...(villagesByName.get(v.name) ?? []), v.id]);
  const enterpriseByCode = new Map<string, number>();
  const enterpriseByName = new Map<string, number>();
  for (const e of enterpriseRows) {
    if (e.creditCode && !enterpriseByCode.has(e.creditCode)) enterpriseByCode.set(e.creditCode, e.id);
    if (!enterpriseByName.has(e.name)) enterpriseByName.set(e.name, e.id);
  }
  const village = (name: string): number | string => {
    const byCode = villageByCode.get(name);
    if (byCode !== undefined) return byCode;
    const named = villagesByName.get(name) ?? [];
    if (named.length === 1) return named[0];
    return named.length ? "error.import.ambiguousVillage" : "error.import.unknownVillage";
  };
  const enterprise = (name: string): number | string =>
    enterpriseByCode.get(name.toUpperCase()) ?? enterpriseByName.get(name) ?? "error.import.unknownEnterprise";
  /** A cell of names as the form's list of ids; an error per name not found. */
  const all = (key: "villages" | "enterprises", cell: string, fail: Fail) => {
    const resolve = key === "villages" ? village : enterprise;
    const ids: string[] = [];
    for (const name of splitNames(cell)) {
      const found = resolve(name);
      if (typeof found === "number") ids.push(String(found));
      else fail(key, found, name);
    }
    return ids;
  };
  return { all };
}

/** Every organization or project by name, with its member ids, as an import compares them. */
/**
 * The records a file names, by name, with their member ids, to compare its rows with: only those
 * names, so a province's 50,000 projects are not read for a file of a few.
 */
async function existingWithMembers(kind: "organizations" | "projects", table: Table) {
  const at = mapHeaders(kind, table.headers).index.name;
  // each name as the planner reads it (cellText), then as the form's schema keeps it (trimmed)
  const names = at === undefined ? [] : [...new Set(table.rows.map((r) => cellText(r.cells[at]).trim()))];
  const owner = kind === "organizations" ? "organization" : "project";
  const db = await getDb();
  const rows = await db.all<Record<string, unknown>>(
    sql`SELECT * FROM ${sql.identifier(kind)} WHERE name IN ${inJson(names)}`
  );
  // the rows as drizzle reads them: property names, not column names
  const columns = getTableColumns(kind === "organizations" ? organizations : projects);
  const records = rows.map((row) =>
    Object.fromEntries(Object.entries(columns).map(([key, c]) => [key, row[c.name]]))
  ) as (Record<string, unknown> & { id: number; version: number; name: string })[];
  const members = await memberIdsOf(
    db,
    owner,
    records.map((r) => r.id)
  );
  return new Map(records.map((r) => [r.name, { ...r, ...members.get(r.id)! }]));
}

export async function planOrganizationImport(table: Table): Promise<ImportPlan> {
  const members = await memberResolvers("organizations", table);
  const existing = await existingWithMembers("organizations", table);
  return planRecords({
    kind: "organizations",
    table,
    schema: OrganizationSchema,
    build: (get, fail) => {
      const status = get("status");
      return {
        ...formValues("organizations", get),
        villageIds: members.all("villages", get("villages"), fail),
        enterpriseIds: members.all("enterprises", get("enterprises"), fail),
        dissolvedOn: status === "运行中" || status === "active" ? "" : get("dissolvedOn"),
      };
    },
    match: (d) => existing.get(d.name),
    duplicateKey: (d) => d.name,
    toWrite: (row, input, found) => ({ kind: "organization", row, input, existing: found }),
  });
}

export async function planProjectImport(table: Table): Promise<ImportPlan> {
  const db = await getDb();
  const orgs = new Map(
    (await db.select({ id: organizations.id, name: organizations.name }).from(organizations)).map((o) => [o.name, o])
  );
  const orgVillages = new Map<number, number[]>();
  for (const l of await db.select().from(organizationVillages))
    orgVillages.set(l.organizationId, [...(orgVillages.get(l.organizationId) ?? []), l.villageId]);
  const members = await memberResolvers("projects", table);
  const existing = await existingWithMembers("projects", table);
  return planRecords({
    kind: "projects",
    table,
    schema: ProjectSchema,
    build: (get, fail) => {
      const orgName = get("organization");
      const org = orgs.get(orgName);
      if (orgName && !org) fail("organization", "error.import.unknownOrganization", orgName);
      return {
        ...formValues("projects", get),
        organizationId: org ? String(org.id) : "",
        villageIds: members.all("villages", get("villages"), fail),
        enterpriseIds: members.all("enterprises", get("enterprises"), fail),
      };
    },
    check: (data, fail) => {
      if (!data.organizationId) return;
      const rule = projectVillagesRule(data.villageIds, orgVillages.get(data.organizationId) ?? []);
      if (rule) fail("villages", rule);
    },
    match: (d) => existing.get(d.name),
    duplicateKey: (d) => d.name,
    toWrite: (row, input, found) => ({ kind: "project", row, input, existing: found }),
  });
}
