import { zhLabel } from "~/lib/labels";
import { formatFen } from "~/lib/money";
import { exportFile, type ExportColumn, type ExportFormat } from "~/lib/export.server";
import { enterpriseFiltersFrom, listEnterprises } from "./enterprise.server";
import { incomeFiltersFrom, listIncome } from "./income.server";
import { formatChangeRatio, summaryParamsFrom, villageIncomeSummary, type SummaryRow } from "./summary.server";
import { listOrganizations, organizationFiltersFrom } from "./organization.server";
import { listProjects, projectFiltersFrom } from "./project.server";
import { listVillages, villageFiltersFrom } from "./village.server";

// Every list's CSV and XLSX: the same filters as the page, the column names of DESIGN.md.

const yesNo = (v: boolean | null | undefined, english: boolean) =>
  v ? (english ? "yes" : "是") : english ? "no" : "否";
const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? null : Number(formatFen(fen, { grouping: false }));

type VillageRow = Awaited<ReturnType<typeof listVillages>>["rows"][number];
const villageColumns = (english: boolean): ExportColumn<VillageRow>[] => [
  { zh: "村名", en: "name", value: (r) => r.name, width: 14 },
  { zh: "所属乡镇", en: "township", value: (r) => r.townshipName, width: 12 },
  { zh: "类型", en: "kind", value: (r) => (english ? r.kind : r.kind === "community" ? "社区" : "村") },
  { zh: "区划代码", en: "code", value: (r) => r.code, code: true, width: 16 },
  {
    zh: "集体经济组织信用代码",
    en: "collective_credit_code",
    value: (r) => r.collectiveCreditCode,
    code: true,
    width: 22,
  },
  { zh: "纬度", en: "lat", value: (r) => r.lat },
  { zh: "经度", en: "lng", value: (r) => r.lng },
  { zh: "户数", en: "households", value: (r) => r.households },
  { zh: "人口", en: "population", value: (r) => r.population },
  { zh: "党员数", en: "party_members", value: (r) => r.partyMembers },
  { zh: "村党组织书记", en: "secretary", value: (r) => r.secretary },
  { zh: "备注", en: "notes", value: (r) => r.notes, width: 30 },
];

type EnterpriseRow = Awaited<ReturnType<typeof listEnterprises>>["rows"][number];
const enterpriseColumns = (english: boolean): ExportColumn<EnterpriseRow>[] => [
  { zh: "企业名称", en: "name", value: (r) => r.name, width: 30 },
  { zh: "统一社会信用代码", en: "credit_code", value: (r) => r.creditCode, code: true, width: 22 },
  { zh: "行业", en: "industry", value: (r) => r.industry },
  { zh: "规上企业", en: "above_size", value: (r) => yesNo(r.aboveSize, english) },
  { zh: "法定代表人", en: "legal_rep", value: (r) => r.legalRep },
  { zh: "联系人", en: "contact", value: (r) => r.contact },
  { zh: "联系电话", en: "phone", value: (r) => r.phone, width: 16 },
  { zh: "地址", en: "address", value: (r) => r.address, width: 30 },
  { zh: "纬度", en: "lat", value: (r) => r.lat },
  { zh: "经度", en: "lng", value: (r) => r.lng },
  { zh: "有党组织", en: "has_party_org", value: (r) => yesNo(r.hasPartyOrg, english) },
  { zh: "党员数", en: "party_members", value: (r) => r.partyMembers },
];

type OrganizationRow = Awaited<ReturnType<typeof listOrganizations>>["rows"][number];
const organizationColumns = (english: boolean): ExportColumn<OrganizationRow>[] => [
  { zh: "名称", en: "name", value: (r) => r.name, width: 30 },
  { zh: "层级", en: "level", value: (r) => (english ? r.level : zhLabel("organization.level", r.level)) },
  { zh: "成立日期", en: "established_on", value: (r) => r.establishedOn, width: 12 },
  { zh: "第一书记", en: "first_secretary", value: (r) => r.firstSecretary },
  { zh: "第一书记职务", en: "first_secretary_post", value: (r) => r.firstSecretaryPost, width: 16 },
  { zh: "党建指导员", en: "instructor", value: (r) => r.instructor },
  { zh: "成员村", en: "villages", value: (r) => r.villageNames.join("、"), width: 24 },
  { zh: "成员企业", en: "enterprises", value: (r) => r.enterpriseNames.join("、"), width: 30 },
  { zh: "党员数", en: "party_members", value: (r) => r.partyMembers },
  {
    zh: "状态",
    en: "status",
    value: (r) => (r.dissolvedOn ? (english ? "dissolved" : "已撤销") : english ? "active" : "运行中"),
  },
  { zh: "撤销日期", en: "dissolved_on", value: (r) => r.dissolvedOn, width: 12 },
];

type ProjectRow = Awaited<ReturnType<typeof listProjects>>["rows"][number];
const projectColumns = (english: boolean): ExportColumn<ProjectRow>[] => [
  { zh: "项目名称", en: "name", value: (r) => r.name, width: 30 },
  { zh: "类型", en: "type", value: (r) => (english ? r.type : zhLabel("project.type", r.type)) },
  { zh: "状态", en: "status", value: (r) => (english ? r.status : zhLabel("project.status", r.status)) },
  { zh: "村", en: "villages", value: (r) => r.villageNames.join("、"), width: 20 },
  { zh: "企业", en: "enterprises", value: (r) => r.enterpriseNames.join("、"), width: 30 },
  { zh: "联合党组织", en: "organization", value: (r) => r.organizationName, width: 30 },
  { zh: "投资额（元）", en: "investment", value: (r) => yuan(r.investmentFen), money: true, width: 16 },
  { zh: "合同开始", en: "contract_start", value: (r) => r.contractStart, width: 12 },
  { zh: "合同结束", en: "contract_end", value: (r) => r.contractEnd, width: 12 },
  { zh: "预计年收益（元）", en: "expected_income", value: (r) => yuan(r.expectedIncomeFen), money: true, width: 18 },
  { zh: "纬度", en: "lat", value: (r) => r.lat },
  { zh: "经度", en: "lng", value: (r) => r.lng },
  { zh: "备注", en: "notes", value: (r) => r.notes, width: 30 },
];

type IncomeRow = Awaited<ReturnType<typeof listIncome>>["rows"][number];
const incomeColumns = (english: boolean): ExportColumn<IncomeRow>[] => [
  { zh: "村名", en: "village", value: (r) => r.villageName, width: 12 },
  { zh: "区划代码", en: "code", value: (r) => r.villageCode, code: true, width: 16 },
  { zh: "日期", en: "received_on", value: (r) => r.receivedOn, width: 12 },
  {
    zh: "类别",
    en: "category",
    value: (r) => (english ? r.category : zhLabel("income.category", r.category)),
    width: 14,
  },
  { zh: "金额（元）", en: "amount", value: (r) => yuan(r.amountFen), money: true, width: 16 },
  { zh: "项目", en: "project", value: (r) => r.projectName, width: 26 },
  { zh: "付款企业", en: "enterprise", value: (r) => r.enterpriseName, width: 26 },
  { zh: "凭证号", en: "voucher", value: (r) => r.voucher, width: 14 },
  { zh: "备注", en: "note", value: (r) => r.note, width: 24 },
  { zh: "作废", en: "voided", value: (r) => yesNo(Boolean(r.voidedAt), english) },
  { zh: "作废原因", en: "void_reason", value: (r) => r.voidReason, width: 20 },
];

/** The summary row of DESIGN.md, in yuan. */
const summaryColumns = (english: boolean, year: number): ExportColumn<SummaryRow>[] => [
  { zh: "乡镇", en: "township", value: (r) => r.townshipName, width: 12 },
  { zh: "村名", en: "village", value: (r) => r.villageName, width: 12 },
  { zh: "区划代码", en: "code", value: (r) => r.villageCode, code: true, width: 16 },
  { zh: "年度", en: "year", value: () => year, width: 8 },
  ...(["operating", "contracting", "investment", "subsidy", "other"] as const).map((c) => ({
    zh: zhLabel("income.category", c),
    en: c,
    value: (r: SummaryRow) => yuan(r.byCategory[c]),
    money: true,
    width: 16,
  })),
  { zh: "合计", en: "total", value: (r) => yuan(r.totalFen), money: true, width: 16 },
  { zh: "经营性收入", en: "operating_income", value: (r) => yuan(r.operatingIncomeFen), money: true, width: 16 },
  { zh: "上年合计", en: "last_year_total", value: (r) => yuan(r.lastYearFen), money: true, width: 16 },
  { zh: "同比", en: "change", value: (r) => formatChangeRatio(r.change), width: 10 },
  { zh: "排名", en: "rank", value: (r) => r.rank, width: 8 },
  { zh: "薄弱村", en: "weak", value: (r) => yesNo(r.weak, english), width: 8 },
];

const EXPORTS = {
  villages: async (url: URL, english: boolean) => ({
    rows: (await listVillages(villageFiltersFrom(url), { all: true })).rows,
    columns: villageColumns(english),
    sheetName: english ? "villages" : "村庄",
    fileName: english ? "villages" : "村庄",
  }),
  enterprises: async (url: URL, english: boolean) => ({
    rows: (await listEnterprises(enterpriseFiltersFrom(url), { all: true })).rows,
    columns: enterpriseColumns(english),
    sheetName: english ? "enterprises" : "企业",
    fileName: english ? "enterprises" : "企业",
  }),
  organizations: async (url: URL, english: boolean) => ({
    rows: (await listOrganizations(organizationFiltersFrom(url), { all: true })).rows,
    columns: organizationColumns(english),
    sheetName: english ? "organizations" : "联合党组织",
    fileName: english ? "organizations" : "村企联合党组织",
  }),
  projects: async (url: URL, english: boolean) => ({
    rows: (await listProjects(projectFiltersFrom(url), { all: true })).rows,
    columns: projectColumns(english),
    sheetName: english ? "projects" : "项目",
    fileName: english ? "projects" : "村企共建项目",
  }),
  income: async (url: URL, english: boolean) => ({
    rows: (await listIncome(incomeFiltersFrom(url), { all: true })).rows,
    columns: incomeColumns(english),
    sheetName: english ? "income" : "收入",
    fileName: english ? "income" : "村集体收入台账",
  }),
  summary: async (url: URL, english: boolean) => {
    const params = await summaryParamsFrom(url);
    const summary = await villageIncomeSummary(params);
    return {
      rows: summary.rows,
      columns: summaryColumns(english, params.year),
      sheetName: english ? `summary ${params.year}` : `${params.year}年汇总`,
      fileName: english ? `village-income-summary-${params.year}` : `${params.year}年村集体收入汇总`,
    };
  },
} as const;

export type ExportKind = keyof typeof EXPORTS;

/** The file a list exports, with the filters of its URL. */
export async function buildExport(kind: ExportKind, url: URL, format: ExportFormat, english: boolean) {
  const spec = await EXPORTS[kind](url, english);
  // each exporter pairs its own rows with its own columns
  return exportFile({
    ...(spec as { rows: unknown[]; columns: ExportColumn<unknown>[]; sheetName: string; fileName: string }),
    format,
    english,
  });
}

export { yesNo, yuan };
