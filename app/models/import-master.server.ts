import { eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Tx } from "../../db/client";
import {
  enterprises,
  organizationEnterprises,
  organizations,
  organizationVillages,
  projectEnterprises,
  projects,
  projectStatusHistory,
  projectVillages,
  townships,
  villages,
  ORG_LEVELS,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  type Project,
} from "../../db/schema";
import { todayIso } from "~/lib/dates";
import { codeFromLabel } from "~/lib/labels";
import { columnName, mapHeaders, type ImportKind } from "~/lib/import-columns";
import { cellText, type Table } from "~/lib/tabular.server";
import { EnterpriseSchema } from "~/validation/enterprise";
import { OrganizationSchema } from "~/validation/organization";
import { ProjectSchema } from "~/validation/project";
import { VillageSchema } from "~/validation/village";
import { writeAudit, type Actor } from "./audit.server";
import { auditable, nowIso } from "./shared.server";
import { missingColumnsPlan, type ImportPlan, type RowError } from "./import.server";

// Importing master data (villages, enterprises): each row is checked with the same zod schema as
// the form, matched to an existing record (by code, else by name), and created, updated or skipped.

const yesNo = (v: string) => (["是", "yes", "y", "true", "1", "√"].includes(v.toLowerCase()) ? "on" : "");

type Update = { table: "villages" | "enterprises"; id: number; values: Record<string, unknown> };

/** Compares a row with the record it matches: only the columns the file has. */
function changed(existing: Record<string, unknown>, values: Record<string, unknown>) {
  return Object.entries(values).some(([k, v]) => (existing[k] ?? null) !== (v ?? null));
}

async function planMaster<S extends z.ZodType>(
  kind: "villages" | "enterprises",
  table: Table,
  schema: S,
  toForm: (get: (key: string) => string) => Record<string, unknown>,
  match: (data: z.output<S>) => Record<string, unknown> | undefined,
  fromFile: (data: z.output<S>, has: (key: string) => boolean) => Record<string, unknown>,
  duplicateKey: (data: z.output<S>) => string
): Promise<ImportPlan> {
  const headers = mapHeaders(kind, table.headers);
  if (headers.missing.length) return missingColumnsPlan(kind, headers.missing);
  const errors: RowError[] = [];
  const insert: Record<string, unknown>[] = [];
  const updates: Update[] = [];
  let skip = 0;
  const seen = new Map<string, number>();
  const has = (key: string) => headers.index[key] !== undefined;
  for (const { rowNumber, cells } of table.rows) {
    const get = (key: string) => (has(key) ? cellText(cells[headers.index[key]]) : "");
    const parsed = schema.safeParse(toForm(get));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "name");
        errors.push({
          row: rowNumber,
          column: columnName(kind, key === "townshipId" ? "township" : key),
          message: issue.message,
        });
      }
      continue;
    }
    const data = parsed.data as z.output<S>;
    const dup = duplicateKey(data);
    if (seen.has(dup)) {
      errors.push({
        row: rowNumber,
        column: columnName(kind, "name"),
        message: "error.import.duplicateInFile",
        params: { value: String(seen.get(dup)) },
      });
      continue;
    }
    seen.set(dup, rowNumber);
    const values = fromFile(data, has);
    const existing = match(data);
    if (!existing) insert.push(values);
    else if (changed(existing, values)) updates.push({ table: kind, id: Number(existing.id), values });
    else skip++;
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    kind,
    rows: table.rows.length,
    create: insert.length,
    update: updates.length,
    skip,
    errors,
    unknownColumns: headers.unknown,
    writes: { insert, updates } as ImportPlan["writes"],
  };
}

export async function planVillageImport(table: Table): Promise<ImportPlan> {
  const db = await getDb();
  const townshipRows = await db.select().from(townships);
  const existing = await db.select().from(villages);
  const byCode = new Map(existing.filter((v) => v.code).map((v) => [v.code!, v]));
  const byTownshipName = new Map(existing.map((v) => [`${v.townshipId}|${v.name}`, v]));
  const codes = new Map(existing.filter((v) => v.code).map((v) => [v.code!, v.id]));
  const plan = await planMaster(
    "villages",
    table,
    VillageSchema,
    (get) => {
      const township = townshipRows.find((t) => t.name === get("township") || t.code === get("township"));
      const kind = get("kind");
      return {
        name: get("name"),
        townshipId: township ? String(township.id) : get("township") ? "-1" : "",
        kind: kind === "社区" || kind === "community" ? "community" : "village",
        code: get("code"),
        collectiveCreditCode: get("collectiveCreditCode"),
        lat: get("lat"),
        lng: get("lng"),
        households: get("households"),
        population: get("population"),
        partyMembers: get("partyMembers"),
        secretary: get("secretary"),
        notes: get("notes"),
      };
    },
    (d) => (d.code ? byCode.get(d.code) : undefined) ?? byTownshipName.get(`${d.townshipId}|${d.name}`),
    (d, has) => {
      const { boundary: _b, clearBoundary: _c, ...values } = d;
      // columns the file lacks keep what the record has
      const keep = [
        "households",
        "population",
        "partyMembers",
        "secretary",
        "notes",
        "lat",
        "lng",
        "code",
        "collectiveCreditCode",
      ].filter((k) => !has(k));
      return Object.fromEntries(Object.entries(values).filter(([k]) => !keep.includes(k)));
    },
    (d) => d.code ?? `${d.townshipId}|${d.name}`
  );
  // township checks the schema cannot make: it exists, and a code starts with its code
  const checked: RowError[] = [];
  const headers = mapHeaders("villages", table.headers);
  table.rows.forEach(({ rowNumber, cells }) => {
    const townshipText = cellText(cells[headers.index.township]);
    const township = townshipRows.find((t) => t.name === townshipText || t.code === townshipText);
    if (townshipText && !township)
      checked.push({
        row: rowNumber,
        column: "所属乡镇",
        message: "error.import.unknownTownship",
        params: { value: townshipText },
      });
    const code = headers.index.code !== undefined ? cellText(cells[headers.index.code]) : "";
    if (township?.code && /^\d{12}$/.test(code) && !code.startsWith(township.code))
      checked.push({ row: rowNumber, column: "区划代码", message: "error.divisionCode.township" });
    const owner = codes.get(code);
    const name = cellText(cells[headers.index.name]);
    if (
      owner &&
      township &&
      byTownshipName.get(`${township.id}|${name}`)?.id !== owner &&
      byCode.get(code)?.name !== name
    ) {
      checked.push({ row: rowNumber, column: "区划代码", message: "error.codeTaken" });
    }
  });
  // an unknown township is reported once, by name, not also as an empty choice
  const unknownTownshipRows = new Set(
    checked.filter((e) => e.message === "error.import.unknownTownship").map((e) => e.row)
  );
  const errors = [
    ...plan.errors.filter((e) => !(e.column === "所属乡镇" && unknownTownshipRows.has(e.row))),
    ...checked,
  ].sort((a, b) => a.row - b.row);
  return { ...plan, errors };
}

export async function planEnterpriseImport(table: Table): Promise<ImportPlan> {
  const db = await getDb();
  const existing = await db.select().from(enterprises);
  const byCode = new Map(existing.filter((e) => e.creditCode).map((e) => [e.creditCode!, e]));
  const byName = new Map(existing.map((e) => [e.name, e]));
  return planMaster(
    "enterprises",
    table,
    EnterpriseSchema,
    (get) => ({
      name: get("name"),
      creditCode: get("creditCode"),
      industry: get("industry").slice(0, 1).toUpperCase(),
      aboveSize: yesNo(get("aboveSize")),
      legalRep: get("legalRep"),
      contact: get("contact"),
      phone: get("phone"),
      address: get("address"),
      lat: get("lat"),
      lng: get("lng"),
      hasPartyOrg: yesNo(get("hasPartyOrg")),
      partyMembers: get("partyMembers"),
    }),
    (d) => (d.creditCode ? byCode.get(d.creditCode) : undefined) ?? byName.get(d.name),
    (d, has) => Object.fromEntries(Object.entries(d).filter(([k]) => k === "name" || has(k))),
    (d) => d.creditCode ?? d.name
  );
}

/** Writes a master-data plan inside the import's transaction, each record with its audit entry. */
export async function commitMaster(tx: Tx, kind: ImportKind, plan: ImportPlan, actor: Actor) {
  const table = kind === "villages" ? villages : enterprises;
  const entity = kind === "villages" ? "village" : "enterprise";
  for (const values of plan.writes.insert) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const [row] = await tx
      .insert(table)
      .values(values as any)
      .returning();
    await writeAudit(tx, { actor, action: "create", entity, entityId: row.id, after: auditable(row) });
  }
  for (const u of (plan.writes as { updates?: Update[] }).updates ?? []) {
    const [before] = await tx.select().from(table).where(eq(table.id, u.id));
    const [after] = await tx
      .update(table)
      .set({ ...u.values, version: before.version + 1, updatedAt: nowIso() })
      .where(eq(table.id, u.id))
      .returning();
    await writeAudit(tx, {
      actor,
      action: "update",
      entity,
      entityId: u.id,
      before: auditable(before),
      after: auditable(after),
    });
  }
}

// Joint organizations and projects name their villages and enterprises in one cell, separated by
// 、；; or a comma. A village by its 12-digit code or a name only one village has; an enterprise
// by credit code or exact name; an organization by exact name.

const splitNames = (cell: string) =>
  cell
    .split(/[、；;,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

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
    return named.length === 1
      ? named[0].id
      : named.length
      ? "error.import.ambiguousVillage"
      : "error.import.unknownVillage";
  };
  const enterprise = (name: string): number | string =>
    enterpriseRows.find((e) => e.creditCode === name.toUpperCase() || e.name === name)?.id ??
    "error.import.unknownEnterprise";
  return { village, enterprise };
}

/** Resolves a cell of names to ids, or records an error per unknown name. */
function resolveAll(
  cell: string,
  resolve: (name: string) => number | string,
  fail: (message: string, value: string) => void
) {
  const ids: string[] = [];
  for (const name of splitNames(cell)) {
    const found = resolve(name);
    if (typeof found === "number") ids.push(String(found));
    else fail(found, name);
  }
  return ids;
}

type LinkedPlanRow = { id?: number; values: Record<string, unknown>; villageIds: number[]; enterpriseIds: number[] };

async function planLinked(
  kind: "organizations" | "projects",
  table: Table,
  build: (
    get: (key: string) => string,
    fail: (key: string, message: string, value?: string) => void,
    resolvers: Awaited<ReturnType<typeof memberResolvers>>
  ) => Record<string, unknown>,
  schema: z.ZodType,
  existing: Map<string, Record<string, unknown> & { id: number; villageIds: number[]; enterpriseIds: number[] }>
): Promise<ImportPlan> {
  const headers = mapHeaders(kind, table.headers);
  if (headers.missing.length) return missingColumnsPlan(kind, headers.missing);
  const resolvers = await memberResolvers();
  const errors: RowError[] = [];
  const insert: LinkedPlanRow[] = [];
  const updates: LinkedPlanRow[] = [];
  let skip = 0;
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of table.rows) {
    const get = (key: string) => (headers.index[key] !== undefined ? cellText(cells[headers.index[key]]) : "");
    const before = errors.length;
    const fail = (key: string, message: string, value?: string) =>
      errors.push({ row: rowNumber, column: columnName(kind, key), message, params: value ? { value } : undefined });
    const form = build(get, fail, resolvers);
    const parsed = schema.safeParse(form);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "name")
          .replace(/Ids$/, "s")
          .replace(/^organizationId$/, "organization")
          .replace(/Fen$/, "");
        if (!errors.some((e) => e.row === rowNumber && e.column === columnName(kind, key))) fail(key, issue.message);
      }
    }
    if (errors.length > before || !parsed.success) continue;
    const data = parsed.data as Record<string, unknown> & {
      name: string;
      villageIds: number[];
      enterpriseIds: number[];
    };
    if (seen.has(data.name)) {
      fail("name", "error.import.duplicateInFile", String(seen.get(data.name)));
      continue;
    }
    seen.set(data.name, rowNumber);
    const { villageIds, enterpriseIds, ...values } = data;
    const found = existing.get(data.name);
    const row = {
      id: found?.id,
      values,
      villageIds: [...villageIds].sort((a, b) => a - b),
      enterpriseIds: [...enterpriseIds].sort((a, b) => a - b),
    };
    if (!found) insert.push(row);
    else if (
      changed(found, values) ||
      row.villageIds.join() !== found.villageIds.join() ||
      row.enterpriseIds.join() !== found.enterpriseIds.join()
    )
      updates.push(row);
    else skip++;
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    kind,
    rows: table.rows.length,
    create: insert.length,
    update: updates.length,
    skip,
    errors,
    unknownColumns: headers.unknown,
    writes: {
      insert: insert as unknown as Record<string, unknown>[],
      updates: updates as unknown as ImportPlan["writes"]["updates"],
    },
  };
}

async function existingWithMembers(kind: "organizations" | "projects") {
  const db = await getDb();
  const rows = kind === "organizations" ? await db.select().from(organizations) : await db.select().from(projects);
  const v =
    kind === "organizations"
      ? await db
          .select({ id: organizationVillages.organizationId, m: organizationVillages.villageId })
          .from(organizationVillages)
      : await db.select({ id: projectVillages.projectId, m: projectVillages.villageId }).from(projectVillages);
  const e =
    kind === "organizations"
      ? await db
          .select({ id: organizationEnterprises.organizationId, m: organizationEnterprises.enterpriseId })
          .from(organizationEnterprises)
      : await db
          .select({ id: projectEnterprises.projectId, m: projectEnterprises.enterpriseId })
          .from(projectEnterprises);
  const ids = (links: { id: number; m: number }[], id: number) =>
    links
      .filter((l) => l.id === id)
      .map((l) => l.m)
      .sort((a, b) => a - b);
  return new Map(
    rows.map((r) => [
      r.name,
      {
        ...(r as Record<string, unknown> & { id: number; name: string }),
        villageIds: ids(v, r.id),
        enterpriseIds: ids(e, r.id),
      },
    ])
  );
}

export async function planOrganizationImport(table: Table): Promise<ImportPlan> {
  return planLinked(
    "organizations",
    table,
    (get, fail, r) => {
      const status = get("status");
      return {
        name: get("name"),
        level: get("level") ? codeFromLabel("organization.level", ORG_LEVELS, get("level")) ?? get("level") : "branch",
        establishedOn: get("establishedOn"),
        firstSecretary: get("firstSecretary"),
        firstSecretaryPost: get("firstSecretaryPost"),
        instructor: get("instructor"),
        villageIds: resolveAll(get("villages"), r.village, (m, v) => fail("villages", m, v)),
        enterpriseIds: resolveAll(get("enterprises"), r.enterprise, (m, v) => fail("enterprises", m, v)),
        partyMembers: get("partyMembers"),
        dissolvedOn: status === "运行中" || status === "active" ? "" : get("dissolvedOn"),
      };
    },
    OrganizationSchema,
    await existingWithMembers("organizations")
  );
}

export async function planProjectImport(table: Table): Promise<ImportPlan> {
  const db = await getDb();
  const orgs = await db.select({ id: organizations.id, name: organizations.name }).from(organizations);
  const orgVillages = await db.select().from(organizationVillages);
  return planLinked(
    "projects",
    table,
    (get, fail, r) => {
      const orgName = get("organization");
      const org = orgs.find((o) => o.name === orgName);
      if (orgName && !org) fail("organization", "error.import.unknownOrganization", orgName);
      const villageIds = resolveAll(get("villages"), r.village, (m, v) => fail("villages", m, v));
      // a project under a joint organization is between that organization's villages
      if (
        org &&
        villageIds.some((id) => !orgVillages.some((l) => l.organizationId === org.id && String(l.villageId) === id))
      ) {
        fail("villages", "error.orgVillages");
      }
      return {
        name: get("name"),
        type: codeFromLabel("project.type", PROJECT_TYPES, get("type")) ?? get("type"),
        status: get("status")
          ? codeFromLabel("project.status", PROJECT_STATUSES, get("status")) ?? get("status")
          : "negotiating",
        organizationId: org ? String(org.id) : "",
        villageIds,
        enterpriseIds: resolveAll(get("enterprises"), r.enterprise, (m, v) => fail("enterprises", m, v)),
        investmentFen: get("investment"),
        contractStart: get("contractStart"),
        contractEnd: get("contractEnd"),
        expectedIncomeFen: get("expectedIncome"),
        lat: get("lat"),
        lng: get("lng"),
        notes: get("notes"),
      };
    },
    ProjectSchema,
    await existingWithMembers("projects")
  );
}

/** Writes organizations or projects with their members and (for projects) the status history. */
export async function commitLinked(tx: Tx, kind: "organizations" | "projects", plan: ImportPlan, actor: Actor) {
  const isOrg = kind === "organizations";
  const table = isOrg ? organizations : projects;
  const entity = isOrg ? "organization" : "project";
  const rows = [
    ...(plan.writes.insert as unknown as LinkedPlanRow[]),
    ...((plan.writes.updates ?? []) as unknown as LinkedPlanRow[]),
  ];
  for (const r of rows) {
    let before: Record<string, unknown> | undefined;
    let row: { id: number; status?: string };
    if (r.id === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      [row] = await tx
        .insert(table)
        .values(r.values as any)
        .returning();
    } else {
      [before] = await tx.select().from(table).where(eq(table.id, r.id));
      [row] = await tx
        .update(table)
        .set({ ...r.values, version: Number(before!.version) + 1, updatedAt: nowIso() })
        .where(eq(table.id, r.id))
        .returning();
    }
    if (isOrg) {
      await tx.delete(organizationVillages).where(eq(organizationVillages.organizationId, row.id));
      await tx.delete(organizationEnterprises).where(eq(organizationEnterprises.organizationId, row.id));
      await tx
        .insert(organizationVillages)
        .values(r.villageIds.map((villageId) => ({ organizationId: row.id, villageId })));
      await tx
        .insert(organizationEnterprises)
        .values(r.enterpriseIds.map((enterpriseId) => ({ organizationId: row.id, enterpriseId })));
    } else {
      await tx.delete(projectVillages).where(eq(projectVillages.projectId, row.id));
      await tx.delete(projectEnterprises).where(eq(projectEnterprises.projectId, row.id));
      await tx.insert(projectVillages).values(r.villageIds.map((villageId) => ({ projectId: row.id, villageId })));
      if (r.enterpriseIds.length)
        await tx
          .insert(projectEnterprises)
          .values(r.enterpriseIds.map((enterpriseId) => ({ projectId: row.id, enterpriseId })));
      if (!before || before.status !== row.status) {
        await tx.insert(projectStatusHistory).values({
          projectId: row.id,
          status: row.status as Project["status"],
          changedOn: todayIso(),
          userId: actor?.id ?? null,
        });
      }
    }
    await writeAudit(tx, {
      actor,
      action: before ? "update" : "create",
      entity,
      entityId: row.id,
      before: before ? auditable(before) : undefined,
      after: { ...auditable(row as Record<string, unknown>), villageIds: r.villageIds, enterpriseIds: r.enterpriseIds },
    });
  }
}
