import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { prepareDatabase } from "../../db/setup";
import { creditCodeCheckChar } from "~/lib/credit-code";
import { importFile } from "~/models/import.server";
import { createOrganization } from "~/models/organization.server";
import { saveProject } from "~/models/project.server";
import { saveTownship } from "~/models/township.server";
import { createUser } from "~/models/user.server";
import { createVillage } from "~/models/village.server";
import { parseForm } from "~/validation/form";
import { OrganizationSchema } from "~/validation/organization";
import { ProjectSchema } from "~/validation/project";
import { VillageSchema } from "~/validation/village";

// The import and the forms write through the same model functions: a record entered by hand and
// the same record imported from a file leave identical rows, members, history and audit entries.

const csv = (lines: string[]) => new TextEncoder().encode(lines.join("\r\n") + "\r\n");
let actor: { id: number; username: string };
let ids: Record<string, number>;

function form(values: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) data.append(k, one);
  return data;
}

async function one<T>(query: ReturnType<typeof sql>) {
  const db = await getDb();
  const [row] = await db.all<T>(query);
  return row;
}

/** A row and its latest audit entry, without what must differ (id, name, times). */
async function recordAndAudit(table: string, entity: string, name: string) {
  const row = await one<Record<string, unknown>>(sql`SELECT * FROM ${sql.identifier(table)} WHERE name = ${name}`);
  const audit = await one<{ action: string; username: string; before: string | null; after: string }>(
    sql`SELECT action, username, before, after FROM audit_log WHERE entity = ${entity} AND entity_id = ${row.id} ORDER BY id DESC LIMIT 1`
  );
  const strip = ({
    id: _i,
    name: _n,
    createdAt: _c,
    created_at: _c2,
    updatedAt: _u,
    updated_at: _u2,
    ...rest
  }: Record<string, unknown>) => rest;
  return { id: row.id as number, row: strip(row), audit: { ...audit, after: strip(JSON.parse(audit.after)) } };
}

beforeAll(async () => {
  await prepareDatabase(undefined, () => {});
  actor = await createUser({ username: "roads", displayName: "两条路", role: "editor", password: "roads-pass" }, null);
  const named = await (
    await getDb()
  ).all<{ key: string; id: number }>(sql`
    SELECT '青杨镇' AS key, id FROM townships WHERE name = '青杨镇'
    UNION ALL SELECT name, id FROM villages WHERE name IN ('井亭村', '马庄村')
    UNION ALL SELECT name, id FROM enterprises WHERE name IN ('天祥集团', '绿杨新材料有限公司')`);
  ids = Object.fromEntries(named.map((r) => [r.key, r.id]));
});

describe("one road into the database", () => {
  it("a village typed into the form and the same village imported are the same row and audit entry", async () => {
    const parsed = parseForm(
      VillageSchema,
      form({
        name: "手填村",
        townshipId: String(ids["青杨镇"]),
        kind: "village",
        households: "120",
        secretary: "李四",
        lat: "32.5",
        lng: "120.1",
      })
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect((await createVillage(parsed.data, actor)).ok).toBe(true);
    const { committed, plan } = await importFile(
      "villages",
      csv(["村名,所属乡镇,类型,户数,村党组织书记,纬度,经度", "导入村,青杨镇,村,120,李四,32.5,120.1"]),
      { commit: true, actor }
    );
    expect(plan.errors).toEqual([]);
    expect(committed).toBe(true);
    const typed = await recordAndAudit("villages", "village", "手填村");
    const imported = await recordAndAudit("villages", "village", "导入村");
    expect(imported.row).toEqual(typed.row);
    expect(imported.audit).toEqual(typed.audit);
    expect(typed.audit).toMatchObject({ action: "create", username: "roads", before: null });
  });

  it("an organization and a project: same rows, members, status history and audit entries", async () => {
    const org = parseForm(
      OrganizationSchema,
      form({
        name: "手填联合党支部",
        level: "branch",
        establishedOn: "2024-03-01",
        villageIds: [String(ids["井亭村"]), String(ids["马庄村"])],
        enterpriseIds: [String(ids["天祥集团"])],
        partyMembers: "30",
      }),
      ["villageIds", "enterpriseIds"]
    );
    if (!org.ok) throw new Error(JSON.stringify(org.errors));
    const typedOrg = await createOrganization(org.data, actor);
    if (!typedOrg.ok) throw new Error("organization refused");
    const project = parseForm(
      ProjectSchema,
      form({
        name: "手填项目",
        type: "building_lease",
        status: "operating",
        organizationId: String(typedOrg.record.id),
        villageIds: [String(ids["马庄村"])],
        enterpriseIds: [String(ids["天祥集团"]), String(ids["绿杨新材料有限公司"])],
        investmentFen: "1200000",
        contractStart: "2024-01-01",
        contractEnd: "2033-12-31",
      }),
      ["villageIds", "enterpriseIds"]
    );
    if (!project.ok) throw new Error(JSON.stringify(project.errors));
    expect((await saveProject({ ...project.data }, actor)).ok).toBe(true);

    const orgImport = await importFile(
      "organizations",
      csv([
        "名称,层级,成立日期,成员村,成员企业,党员数",
        "导入联合党支部,联合党支部,2024-03-01,井亭村、马庄村,天祥集团,30",
      ]),
      { commit: true, actor }
    );
    expect(orgImport.plan.errors).toEqual([]);
    const projectImport = await importFile(
      "projects",
      csv([
        "项目名称,类型,状态,联合党组织,村,企业,投资额（元）,合同开始,合同结束",
        "导入项目,厂房租赁,投产,导入联合党支部,马庄村,天祥集团、绿杨新材料有限公司,1200000,2024-01-01,2033-12-31",
      ]),
      { commit: true, actor }
    );
    expect(projectImport.plan.errors).toEqual([]);

    const typedO = await recordAndAudit("organizations", "organization", "手填联合党支部");
    const importedO = await recordAndAudit("organizations", "organization", "导入联合党支部");
    expect(importedO.row).toEqual(typedO.row);
    expect(importedO.audit).toEqual(typedO.audit);
    expect(typedO.audit.after).toMatchObject({ villageIds: [ids["井亭村"], ids["马庄村"]].sort((a, b) => a - b) });

    const typedP = await recordAndAudit("projects", "project", "手填项目");
    const importedP = await recordAndAudit("projects", "project", "导入项目");
    // each project belongs to its own organization; everything else is the same
    expect({ ...importedP.row, organization_id: 0 }).toEqual({ ...typedP.row, organization_id: 0 });
    const { organizationId: _a, ...typedAfter } = typedP.audit.after;
    const { organizationId: _b, ...importedAfter } = importedP.audit.after;
    expect(importedAfter).toEqual(typedAfter);
    expect(typedAfter).toMatchObject({
      enterpriseIds: [ids["天祥集团"], ids["绿杨新材料有限公司"]].sort((a, b) => a - b),
    });

    const members = async (id: number) => ({
      villages: await (
        await getDb()
      ).all(sql`SELECT village_id FROM project_villages WHERE project_id = ${id} ORDER BY 1`),
      enterprises: await (
        await getDb()
      ).all(sql`SELECT enterprise_id FROM project_enterprises WHERE project_id = ${id} ORDER BY 1`),
      history: await (
        await getDb()
      ).all(sql`SELECT status, changed_on, user_id FROM project_status_history WHERE project_id = ${id}`),
    });
    expect(await members(importedP.id)).toEqual(await members(typedP.id));
    expect((await members(typedP.id)).history).toHaveLength(1);
  });

  it("a rule only the model checks stops the whole file at commit, naming the row, and writes nothing", async () => {
    // the collective's credit code is the form's rule, checked by writeVillage on the import's transaction
    const body = "N2321204MF0000012";
    const code = body + creditCodeCheckChar(body);
    const db = await getDb();
    await db.run(sql`UPDATE villages SET collective_credit_code = ${code} WHERE name = '井亭村'`);
    const before = await one<{ n: number }>(sql`SELECT COUNT(*) AS n FROM villages`);
    const { committed, plan } = await importFile(
      "villages",
      csv(["村名,所属乡镇,集体经济组织信用代码", "先写村,青杨镇,", `撞码村,青杨镇,${code}`]),
      { commit: true, actor }
    );
    expect(committed).toBe(false);
    expect(plan.errors).toEqual([{ row: 3, column: "集体经济组织信用代码", message: "error.creditCodeTaken" }]);
    expect(await one(sql`SELECT COUNT(*) AS n FROM villages`)).toEqual(before);
    expect(await one(sql`SELECT COUNT(*) AS n FROM villages WHERE name = '先写村'`)).toEqual({ n: 0 });
  });

  it("moves a village matched by its code to the township its row names, keeping the columns the file lacks", async () => {
    expect((await saveTownship({ name: "测试乡", code: null }, actor)).ok).toBe(true);
    const before = await one<{ households: number; secretary: string }>(
      sql`SELECT households, secretary FROM villages WHERE name = '马庄村'`
    );
    const { code } = await one<{ code: string }>(sql`SELECT code FROM villages WHERE name = '马庄村'`);
    const { plan, committed } = await importFile("villages", csv(["村名,所属乡镇,区划代码", `马庄村,测试乡,${code}`]), {
      commit: true,
      actor,
    });
    expect(plan.errors).toEqual([]);
    expect([committed, plan.update]).toEqual([true, 1]);
    expect(
      await one(sql`SELECT t.name AS township, v.households, v.secretary FROM villages v
        JOIN townships t ON t.id = v.township_id WHERE v.name = '马庄村'`)
    ).toEqual({ township: "测试乡", ...before });
  });
});
