import { getDb } from "../../db/client";
import {
  enterprises,
  organizationEnterprises,
  organizations,
  organizationVillages,
  projectEnterprises,
  projects,
  projectVillages,
  villages,
} from "../../db/schema";
import type { Table } from "~/lib/tabular.server";
import { OrganizationSchema } from "~/validation/organization";
import { ProjectSchema } from "~/validation/project";
import { formValues } from "./formats.server";
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

async function memberResolvers() {
  const db = await getDb();
  const villageRows = await db.select({ id: villages.id, name: villages.name, code: villages.code }).from(villages);
  const enterpriseRows = await db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
    .from(enterprises);
  const village = (name: string): number | string => {
    const byCode = villageRows.find((v) => v.code === name);
    if (byCode) return byCode.id;
    const named = villageRows.filter((v) => v.name === name);
    if (named.length === 1) return named[0].id;
    return named.length ? "error.import.ambiguousVillage" : "error.import.unknownVillage";
  };
  const enterprise = (name: string): number | string =>
    enterpriseRows.find((e) => e.creditCode === name.toUpperCase() || e.name === name)?.id ??
    "error.import.unknownEnterprise";
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
async function existingWithMembers(kind: "organizations" | "projects") {
  const db = await getDb();
  const isOrg = kind === "organizations";
  const rows: (Record<string, unknown> & { id: number; version: number; name: string })[] = isOrg
    ? await db.select().from(organizations)
    : await db.select().from(projects);
  const [v, e] = isOrg
    ? [
        await db
          .select({ id: organizationVillages.organizationId, m: organizationVillages.villageId })
          .from(organizationVillages),
        await db
          .select({ id: organizationEnterprises.organizationId, m: organizationEnterprises.enterpriseId })
          .from(organizationEnterprises),
      ]
    : [
        await db.select({ id: projectVillages.projectId, m: projectVillages.villageId }).from(projectVillages),
        await db
          .select({ id: projectEnterprises.projectId, m: projectEnterprises.enterpriseId })
          .from(projectEnterprises),
      ];
  const idsOf = (links: { id: number; m: number }[]) => {
    const map = new Map<number, number[]>();
    for (const l of links) map.set(l.id, [...(map.get(l.id) ?? []), l.m]);
    return map;
  };
  const [vm, em] = [idsOf(v), idsOf(e)];
  return new Map(
    rows.map((r) => [r.name, { ...r, villageIds: vm.get(r.id) ?? [], enterpriseIds: em.get(r.id) ?? [] }])
  );
}

export async function planOrganizationImport(table: Table): Promise<ImportPlan> {
  const members = await memberResolvers();
  const existing = await existingWithMembers("organizations");
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
  const orgs = await db.select({ id: organizations.id, name: organizations.name }).from(organizations);
  const orgVillages = await db.select().from(organizationVillages);
  const members = await memberResolvers();
  const existing = await existingWithMembers("projects");
  return planRecords({
    kind: "projects",
    table,
    schema: ProjectSchema,
    build: (get, fail) => {
      const orgName = get("organization");
      const org = orgs.find((o) => o.name === orgName);
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
      const memberIds = orgVillages.filter((l) => l.organizationId === data.organizationId).map((l) => l.villageId);
      const rule = projectVillagesRule(data.villageIds, memberIds);
      if (rule) fail("villages", rule);
    },
    match: (d) => existing.get(d.name),
    duplicateKey: (d) => d.name,
    toWrite: (row, input, found) => ({ kind: "project", row, input, existing: found }),
  });
}
