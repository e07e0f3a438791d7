import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, incomeRecords, projectStatusHistory, villages } from "../../db/schema";
import { creditCodeCheckChar } from "~/lib/credit-code";
import { listAudit } from "~/models/audit.server";
import { createEnterprise, deleteEnterprise, listEnterprises } from "~/models/enterprise.server";
import { exportFromUrl } from "../helpers/params";
import { EnterpriseParams, OrganizationParams, queryOf, VillageParams } from "~/validation/params";
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from "~/models/organization.server";
import { deleteProject, getProject, saveProject } from "~/models/project.server";
import { saveTownship } from "~/models/township.server";
import { createUser } from "~/models/user.server";
import { createVillage, deleteVillage, listVillages, updateVillage } from "~/models/village.server";
import { action as newProjectAction } from "~/routes/projects.new";
import { action as organizationAction } from "~/routes/organizations.$organizationId";
import { loader as editOrganizationLoader } from "~/routes/organizations.$organizationId_.edit";
import { action as villageAction } from "~/routes/villages.$villageId";
import { action as newVillageAction } from "~/routes/villages.new";
import { parseForm } from "~/validation/form";
import { derivePattern } from "~/lib/organization-pattern";
import { OrganizationSchema } from "~/validation/organization";
import { ProjectSchema } from "~/validation/project";
import { VillageSchema } from "~/validation/village";
import { makeRequest, run } from "../helpers/requests";

let admin: { id: number; username: string };
let ids: Record<string, number> = {};

function formData(values: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  return form;
}

const ok = <T>(result: { ok: true; record: T } | { ok: false }): T => {
  if (!result.ok) throw new Error(`expected a save, got ${JSON.stringify(result)}`);
  return result.record;
};

const baseVillage = (townshipId: number, extra: Record<string, unknown> = {}) =>
  ({
    townshipId,
    name: "甲村",
    kind: "village",
    code: null,
    collectiveCreditCode: null,
    lat: null,
    lng: null,
    households: null,
    population: null,
    partyMembers: null,
    secretary: null,
    notes: null,
    ...extra,
  } as Parameters<typeof createVillage>[0]);
const baseEnterprise = (extra: Record<string, unknown> = {}) =>
  ({
    name: "甲公司",
    creditCode: null,
    industry: null,
    aboveSize: false,
    legalRep: null,
    contact: null,
    phone: null,
    address: null,
    lat: null,
    lng: null,
    hasPartyOrg: false,
    partyMembers: null,
    ...extra,
  } as Parameters<typeof createEnterprise>[0]);
const baseOrganization = (villageIds: number[], enterpriseIds: number[], extra: Record<string, unknown> = {}) =>
  ({
    name: "联合党支部",
    level: "branch",
    establishedOn: null,
    firstSecretary: null,
    firstSecretaryPost: null,
    instructor: null,
    partyMembers: null,
    dissolvedOn: null,
    villageIds,
    enterpriseIds,
    ...extra,
  } as Parameters<typeof createOrganization>[0]);
const baseProject = (villageIds: number[], extra: Record<string, unknown> = {}) =>
  ({
    name: "项目",
    type: "farming",
    status: "negotiating",
    organizationId: null,
    villageIds,
    enterpriseIds: [],
    investmentFen: null,
    contractStart: null,
    contractEnd: null,
    expectedIncomeFen: null,
    lat: null,
    lng: null,
    notes: null,
    ...extra,
  } as Parameters<typeof saveProject>[0]);

beforeAll(async () => {
  admin = await createUser(
    { username: "system", displayName: "组织办", role: "admin", password: "admin-pass-1" },
    null
  );
  const town = ok(await saveTownship({ name: "青杨镇", code: "321204100" }, admin));
  const other = ok(await saveTownship({ name: "白马镇", code: "321204101" }, admin));
  const a = ok(await createVillage(baseVillage(town.id, { name: "东村", code: "321204100201" }), admin));
  const b = ok(await createVillage(baseVillage(town.id, { name: "西村", code: "321204100202" }), admin));
  const c = ok(await createVillage(baseVillage(other.id, { name: "南村", code: "321204101201" }), admin));
  const e1 = ok(await createEnterprise(baseEnterprise({ name: "一号公司", creditCode: "91110000802100433B" }), admin));
  const e2 = ok(await createEnterprise(baseEnterprise({ name: "二号公司" }), admin));
  const clerk = await createUser(
    { username: "clerk-east", displayName: "东村报账员", role: "clerk", password: "clerk-pass-1", villageIds: [a.id] },
    null
  );
  const viewer = await createUser(
    { username: "viewer", displayName: "领导", role: "viewer", password: "viewer-pass-1" },
    null
  );
  const editor = await createUser(
    { username: "editor", displayName: "录入员", role: "editor", password: "editor-pass-1" },
    null
  );
  ids = {
    town: town.id,
    other: other.id,
    a: a.id,
    b: b.id,
    c: c.id,
    e1: e1.id,
    e2: e2.id,
    clerk: clerk.id,
    viewer: viewer.id,
    editor: editor.id,
  };
});

describe("village rules", () => {
  it("reports every malformed field at once, in catalog keys", () => {
    const parsed = parseForm(
      VillageSchema,
      formData({
        name: "",
        townshipId: "",
        kind: "town",
        code: "12345",
        collectiveCreditCode: "N2321204MA1234567X",
        households: "-3",
        lat: "91",
        lng: "120",
      })
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toMatchObject({
      name: ["error.required"],
      townshipId: ["error.required"],
      kind: ["error.choose"],
      code: ["error.divisionCode.village"],
      collectiveCreditCode: ["error.creditCode.check"],
      households: ["error.nonNegative"],
      lat: ["error.lat"],
    });
  });

  it("wants latitude and longitude as a pair", () => {
    const parsed = parseForm(VillageSchema, formData({ name: "甲", townshipId: "1", kind: "village", lat: "32.5" }));
    expect(!parsed.ok && parsed.errors.lng).toEqual(["error.required"]);
  });

  it("accepts an N2 collective credit code and a full-width, comma'd count", () => {
    const body = "N2321204MA1234567";
    const parsed = parseForm(
      VillageSchema,
      formData({
        name: "甲",
        townshipId: "1",
        kind: "village",
        collectiveCreditCode: body + creditCodeCheckChar(body),
        population: "２,１３０",
      })
    );
    expect(parsed.ok && parsed.data.population).toBe(2130);
  });

  it("requires the township's code as prefix and a unique division code", async () => {
    expect(await createVillage(baseVillage(ids.town, { name: "错乡村", code: "321204101299" }), admin)).toEqual({
      ok: false,
      errors: { code: ["error.divisionCode.township"] },
    });
    expect(await createVillage(baseVillage(ids.town, { name: "重码村", code: "321204100201" }), admin)).toEqual({
      ok: false,
      errors: { code: ["error.codeTaken"] },
    });
    const db = await getDb();
    expect(await db.select().from(villages).where(eq(villages.name, "重码村"))).toEqual([]);
  });

  it("refuses a stale save, writes nothing and logs nothing", async () => {
    const db = await getDb();
    const first = ok(
      await updateVillage(
        ids.b,
        1,
        baseVillage(ids.town, { name: "西村", code: "321204100202", secretary: "张三" }),
        admin
      )
    );
    expect(first.version).toBe(2);
    const auditBefore = await db.select().from(auditLog).where(eq(auditLog.entity, "village"));
    const second = await updateVillage(
      ids.b,
      1,
      baseVillage(ids.town, { name: "西村", code: "321204100202", secretary: "李四" }),
      admin
    );
    expect(second).toEqual({ ok: false, stale: true });
    const [row] = await db.select().from(villages).where(eq(villages.id, ids.b));
    expect(row).toMatchObject({ secretary: "张三", version: 2 });
    expect(await db.select().from(auditLog).where(eq(auditLog.entity, "village"))).toHaveLength(auditBefore.length);
  });

  it("audits an update with before and after", async () => {
    const [entry] = await listAudit({ entity: "village", entityId: ids.b });
    expect(entry.action).toBe("update");
    expect(JSON.parse(entry.before!)).toMatchObject({ secretary: null, version: 1 });
    expect(JSON.parse(entry.after!)).toMatchObject({ secretary: "张三", version: 2 });
    expect(entry.username).toBe("system");
  });
});

describe("enterprise rules", () => {
  it("keeps the credit code unique", async () => {
    expect(
      await createEnterprise(baseEnterprise({ name: "冒名公司", creditCode: "91110000802100433B" }), admin)
    ).toEqual({
      ok: false,
      errors: { creditCode: ["error.creditCodeTaken"] },
    });
  });

  it("deletes an enterprise nothing points at, and audits it", async () => {
    const lonely = ok(await createEnterprise(baseEnterprise({ name: "无关联公司" }), admin));
    expect(await deleteEnterprise(lonely.id, admin)).toEqual({ ok: true });
    const [entry] = await listAudit({ entity: "enterprise", entityId: lonely.id });
    expect(entry.action).toBe("delete");
    expect(JSON.parse(entry.before!).name).toBe("无关联公司");
  });
});

describe("joint organizations", () => {
  it("derives the pattern from the member counts", () => {
    expect(derivePattern(1, 1)).toBe("one_one");
    expect(derivePattern(1, 3)).toBe("one_many");
    expect(derivePattern(2, 1)).toBe("many_one");
    expect(derivePattern(4, 2)).toBe("many_many");
  });

  it("needs a village and an enterprise, and a dissolution after the founding", () => {
    const parsed = parseForm(
      OrganizationSchema,
      formData({ name: "空组织", level: "branch", establishedOn: "2024-05-01", dissolvedOn: "2024/4/30" }),
      ["villageIds", "enterpriseIds"]
    );
    expect(!parsed.ok && parsed.errors).toMatchObject({
      villageIds: ["error.atLeastOneVillage"],
      enterpriseIds: ["error.atLeastOneEnterprise"],
    });
    const dates = parseForm(
      OrganizationSchema,
      formData({
        name: "日期",
        level: "branch",
        establishedOn: "2024-05-01",
        dissolvedOn: "2024/4/30",
        villageIds: ["1"],
        enterpriseIds: ["1"],
      }),
      ["villageIds", "enterpriseIds"]
    );
    expect(!dates.ok && dates.errors).toEqual({ dissolvedOn: ["error.dissolvedBeforeEstablished"] });
  });

  it("saves members, shows the derived pattern, and audits member changes", async () => {
    const org = ok(
      await createOrganization(baseOrganization([ids.a], [ids.e1, ids.e2], { name: "东村联合党支部" }), admin)
    );
    ids.org = org.id;
    expect((await getOrganization(org.id))?.pattern).toBe("one_many");
    ok(
      await updateOrganization(org.id, 1, baseOrganization([ids.a, ids.b], [ids.e1], { name: "东村联合党支部" }), admin)
    );
    const after = await getOrganization(org.id);
    expect(after).toMatchObject({ pattern: "many_one", villageIds: [ids.a, ids.b].sort((x, y) => x - y), version: 2 });
    const [entry] = await listAudit({ entity: "organization", entityId: org.id });
    expect(JSON.parse(entry.before!).enterpriseIds).toEqual([ids.e1, ids.e2].sort((x, y) => x - y));
    expect(JSON.parse(entry.after!).villageIds).toEqual([ids.a, ids.b].sort((x, y) => x - y));
  });

  it("refuses unknown members and a taken name", async () => {
    expect(await createOrganization(baseOrganization([99999], [ids.e1], { name: "新" }), admin)).toEqual({
      ok: false,
      errors: { villageIds: ["error.unknownVillage"] },
    });
    expect(await createOrganization(baseOrganization([ids.a], [ids.e1], { name: "东村联合党支部" }), admin)).toEqual({
      ok: false,
      errors: { name: ["error.nameTaken"] },
    });
  });

  it("filters the list by derived pattern", async () => {
    const list = await listOrganizations(OrganizationParams.parse(queryOf("http://x/organizations?pattern=many_one")));
    expect(list.rows.map((r) => r.name)).toEqual(["东村联合党支部"]);
    expect(
      (await listOrganizations(OrganizationParams.parse(queryOf("http://x/organizations?pattern=one_one")))).rows
    ).toEqual([]);
  });
});

describe("projects", () => {
  it("reads money in yuan into fen and refuses fractions of a fen", () => {
    const good = parseForm(
      ProjectSchema,
      formData({ name: "甲", type: "farming", status: "signed", villageIds: ["1"], investmentFen: "¥1,234.50" }),
      ["villageIds", "enterpriseIds"]
    );
    expect(good.ok && good.data.investmentFen).toBe(123450);
    const bad = parseForm(
      ProjectSchema,
      formData({
        name: "甲",
        type: "farming",
        status: "signed",
        villageIds: ["1"],
        investmentFen: "1.234",
        contractStart: "2024-05-01",
        contractEnd: "2024-04-01",
      }),
      ["villageIds", "enterpriseIds"]
    );
    expect(!bad.ok && bad.errors).toMatchObject({ investmentFen: ["error.money.decimals"] });
  });

  it("keeps a project's villages among its organization's", async () => {
    expect(
      await saveProject(baseProject([ids.a, ids.c], { name: "跨组织项目", organizationId: ids.org }), admin)
    ).toEqual({
      ok: false,
      errors: { villageIds: ["error.orgVillages"] },
    });
    const project = ok(
      await saveProject(
        baseProject([ids.a, ids.b], { name: "组织内项目", organizationId: ids.org, enterpriseIds: [ids.e1] }),
        admin
      )
    );
    ids.project = project.id;
    expect((await getProject(project.id))?.villageIds.sort()).toEqual([ids.a, ids.b].sort());
  });

  it("keeps each change of status with its date, and only changes", async () => {
    const db = await getDb();
    const input = baseProject([ids.a, ids.b], { name: "组织内项目", organizationId: ids.org, enterpriseIds: [ids.e1] });
    ok(await saveProject({ ...input, notes: "备注" }, admin, { id: ids.project, version: 1 }));
    ok(await saveProject({ ...input, status: "operating" }, admin, { id: ids.project, version: 2 }));
    const history = await db.select().from(projectStatusHistory).where(eq(projectStatusHistory.projectId, ids.project));
    expect(history.map((h) => h.status)).toEqual(["negotiating", "operating"]);
    expect(history[1].changedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("deleting what others point at", () => {
  it("refuses, naming what points at the village", async () => {
    const result = await deleteVillage(ids.a, admin);
    expect(result).toEqual({
      ok: false,
      references: [
        { kind: "organization", count: 1, names: ["东村联合党支部"] },
        { kind: "project", count: 1, names: ["组织内项目"] },
        { kind: "user", count: 1, names: ["clerk-east"] },
      ],
    });
  });

  it("refuses to delete a project that income points at", async () => {
    const db = await getDb();
    await db.insert(incomeRecords).values({
      villageId: ids.a,
      projectId: ids.project,
      receivedOn: "2024-05-05",
      category: "operating",
      amountFen: 100,
      voucher: "V-1",
    });
    expect(await deleteProject(ids.project, admin)).toEqual({
      ok: false,
      references: [{ kind: "income", count: 1, names: ["2024-05-05 V-1"] }],
    });
  });
});

describe("roles, checked in the actions", () => {
  const projectForm = (villageIds: string[], name: string) => ({
    name,
    type: "farming",
    status: "negotiating",
    villageIds,
  });

  it("lets a clerk register a project of their village, not of another", async () => {
    const other = await run(
      newProjectAction,
      await makeRequest("/projects/new", { userId: ids.clerk, form: projectForm([String(ids.c)], "南村项目") })
    );
    expect(other.status).toBe(400);
    expect((await other.json()).errors).toEqual({ villageIds: ["error.clerkVillage"] });
    const own = await run(
      newProjectAction,
      await makeRequest("/projects/new", { userId: ids.clerk, form: projectForm([String(ids.a)], "东村项目") })
    );
    expect(own.status).toBe(302);
  });

  it("answers 403 to a viewer registering anything", async () => {
    expect(
      (
        await run(
          newProjectAction,
          await makeRequest("/projects/new", { userId: ids.viewer, form: projectForm([String(ids.a)], "看客项目") })
        )
      ).status
    ).toBe(403);
    expect(
      (
        await run(
          newVillageAction,
          await makeRequest("/villages/new", {
            userId: ids.viewer,
            form: { name: "看客村", townshipId: String(ids.town), kind: "village" },
          })
        )
      ).status
    ).toBe(403);
  });

  it("lets a clerk record activities of their village's organization but not edit the organization", async () => {
    const params = { organizationId: String(ids.org) };
    const activity = { intent: "activity", heldOn: "2024-07-10", kind: "quarterly_review", title: "二季度复盘" };
    expect(
      (
        await run(
          organizationAction,
          await makeRequest(`/organizations/${ids.org}`, { userId: ids.clerk, form: activity }),
          params
        )
      ).status
    ).toBe(302);
    expect(
      (
        await run(
          editOrganizationLoader,
          await makeRequest(`/organizations/${ids.org}/edit`, { userId: ids.clerk }),
          params
        )
      ).status
    ).toBe(403);
    expect(
      (
        await run(
          organizationAction,
          await makeRequest(`/organizations/${ids.org}`, { userId: ids.clerk, form: { intent: "delete" } }),
          params
        )
      ).status
    ).toBe(403);
  });

  it("refuses a clerk's activity for an organization without their village", async () => {
    const org = ok(await createOrganization(baseOrganization([ids.c], [ids.e2], { name: "南村联合党支部" }), admin));
    const response = await run(
      organizationAction,
      await makeRequest(`/organizations/${org.id}`, {
        userId: ids.clerk,
        form: { intent: "activity", heldOn: "2024-07-10", kind: "training", title: "培训" },
      }),
      { organizationId: String(org.id) }
    );
    expect(response.status).toBe(403);
  });

  it("lets an editor delete a village nothing points at, but not a clerk", async () => {
    const spare = ok(await createVillage(baseVillage(ids.town, { name: "空村" }), admin));
    const params = { villageId: String(spare.id) };
    expect(
      (
        await run(
          villageAction,
          await makeRequest(`/villages/${spare.id}`, { userId: ids.clerk, form: { intent: "delete" } }),
          params
        )
      ).status
    ).toBe(403);
    expect(
      (
        await run(
          villageAction,
          await makeRequest(`/villages/${spare.id}`, { userId: ids.editor, form: { intent: "delete" } }),
          params
        )
      ).status
    ).toBe(302);
    const db = await getDb();
    expect(await db.select().from(villages).where(eq(villages.id, spare.id))).toEqual([]);
  });
});

describe("lists and exports", () => {
  it("searches, filters and sorts", async () => {
    const byName = await listVillages(VillageParams.parse(queryOf("http://x/villages?q=东")));
    expect(byName.rows.map((r) => r.name)).toEqual(["东村"]);
    const byCode = await listVillages(VillageParams.parse(queryOf("http://x/villages?q=3212041012")));
    expect(byCode.rows.map((r) => r.name)).toEqual(["南村"]);
    const sorted = await listVillages(VillageParams.parse(queryOf("http://x/villages?sort=name&dir=desc")));
    expect(sorted.rows.map((r) => r.name)).toEqual(
      [...sorted.rows.map((r) => r.name)].sort((a, b) => (a < b ? 1 : -1))
    );
    const inTown = await listVillages(VillageParams.parse(queryOf(`http://x/villages?township=${ids.other}`)));
    expect(inTown).toMatchObject({ total: 1 });
    // a % typed by the user is a character, not a wildcard
    expect((await listEnterprises(EnterpriseParams.parse(queryOf("http://x/enterprises?q=%25")))).total).toBe(0);
  });

  it("exports CSV with a BOM and the Chinese headers of DESIGN.md", async () => {
    const file = await exportFromUrl("villages", "http://x/villages.csv", "csv", false);
    const text = file.body as string;
    expect(
      text.startsWith(
        "\uFEFF村名,所属乡镇,类型,区划代码,集体经济组织信用代码,纬度,经度,户数,人口,党员数,村党组织书记,备注\r\n"
      )
    ).toBe(true);
    expect(text).toContain("东村,青杨镇,村,\t321204100201");
    expect(file.fileName).toBe("村庄.csv");
  });

  it("exports XLSX that Excel reads back, with codes as text and amounts as numbers", async () => {
    ok(await saveProject(baseProject([ids.b], { name: "投资项目", investmentFen: 123456789 }), admin));
    const file = await exportFromUrl("projects", "http://x/projects.xlsx?q=投资", "xlsx", false);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual(
      expect.arrayContaining(["项目名称", "类型", "状态", "村", "企业", "联合党组织", "投资额（元）"])
    );
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe("投资项目");
    expect(sheet.getRow(2).getCell(7).value).toBe(1234567.89);
  });

  it("exports an organization's members and its status", async () => {
    const file = await exportFromUrl("organizations", "http://x/organizations.csv?q=东村", "csv", false);
    expect(file.body).toContain("东村联合党支部,联合党支部,,,,,东村、西村,一号公司,,运行中,");
    const english = await exportFromUrl("organizations", "http://x/organizations.csv?q=东村", "csv", true);
    expect((english.body as string).split("\r\n")[0]).toBe(
      "\uFEFFname,level,established_on,first_secretary,first_secretary_post,instructor,villages,enterprises,party_members,status,dissolved_on"
    );
  });
});

describe("the audit log", () => {
  it("filters by record kind and user", async () => {
    const db = await getDb();
    const [{ n }] = await db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'project'`);
    expect((await listAudit({ entity: "project", limit: 1000 })).length).toBe(n);
    const byClerk = await listAudit({ userId: ids.clerk });
    expect(byClerk.length).toBeGreaterThan(0);
    expect(byClerk.every((e) => e.username === "clerk-east")).toBe(true);
  });
});
