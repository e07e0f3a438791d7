import {
  INCOME_CATEGORIES,
  ORG_LEVELS,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  TERM_KINDS,
  TERM_PERIODS,
} from "../../db/enums";
import { codeFromLabel, zhLabel } from "~/lib/labels";
import { formatFen } from "~/lib/money";
import type { listEnterprises } from "./enterprise.server";
import type { IncomeFileRow } from "./income.server";
import type { listOrganizations } from "./organization.server";
import type { listProjects } from "./project.server";
import type { listVillages } from "./village.server";
import type { TermFileRow } from "./terms.server";

// One file format per record (DESIGN, "Names on the screen, in files and in URLs"): each column's
// Chinese and English header, the other spellings an import accepts, how an import reads its cell
// into the record's form and how an export writes it from the list's row. The export, the import
// template and the import all read these lists, so a column is added in one place.

export type ImportKind = "villages" | "enterprises" | "organizations" | "projects" | "income" | "terms";
export const IMPORT_KINDS: readonly ImportKind[] = [
  "villages",
  "enterprises",
  "organizations",
  "projects",
  "income",
  "terms",
];

type CellValue = string | number | null;

export type FileColumn<R> = {
  /** the column's name in planners and in the template's example */
  key: string;
  /** the header of DESIGN.md (with its unit, as in （元）) and the English field name */
  zh: string;
  en: string;
  /** other headers people type */
  aliases?: string[];
  /** an import without this column is refused */
  required?: boolean;
  /** the form field the cell fills (default: key); null when the planner resolves it (names of other records) */
  field?: string | null;
  /** the cell's text as the form would carry it (default: as it is) */
  read?: (text: string) => string;
  /** the cell of an export; absent for import-only columns */
  write?: (row: R, english: boolean) => CellValue;
  /** read past on import (our export writes it for people, not for the import) */
  exportOnly?: boolean;
  /** an amount in yuan shown with two decimals */
  money?: boolean;
  /** digits Excel would otherwise turn into a number (division and credit codes) */
  code?: boolean;
  width?: number;
  /** the template's example (the demo township's values) */
  example?: string | number;
};

export type FileFormat<R> = {
  columns: FileColumn<R>[];
  /** the sheet and file name in Chinese and English */
  names: { zh: string; en: string; file: string; template: string };
};

export const yesNo = (v: boolean | null | undefined, english: boolean) =>
  v ? (english ? "yes" : "是") : english ? "no" : "否";
/** A yes/no cell (是/否, yes/no, √) as a checkbox sends it. */
const readYesNo = (v: string) => (["是", "yes", "y", "true", "1", "√"].includes(v.toLowerCase()) ? "on" : "");
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? null : Number(formatFen(fen, { grouping: false }));
/** An enumeration in a file: its Chinese label, or the code in English files. */
const label = (prefix: string, code: string, english: boolean) => (english ? code : zhLabel(prefix, code));
const readLabel =
  (prefix: string, codes: readonly string[], fallback = "") =>
  (text: string) =>
    text ? codeFromLabel(prefix, codes, text) ?? text : fallback;

type VillageRow = Awaited<ReturnType<typeof listVillages>>["rows"][number];
type EnterpriseRow = Awaited<ReturnType<typeof listEnterprises>>["rows"][number];
type OrganizationRow = Awaited<ReturnType<typeof listOrganizations>>["rows"][number];
type ProjectRow = Awaited<ReturnType<typeof listProjects>>["rows"][number];
/** the income file reads its rows straight from the ledger (models/income incomeFilePage) */
type IncomeRow = IncomeFileRow;

const VILLAGES: FileFormat<VillageRow> = {
  names: { zh: "村庄", en: "villages", file: "村庄", template: "村庄" },
  columns: [
    {
      key: "name",
      zh: "村名",
      en: "name",
      aliases: ["村庄", "村（社区）"],
      required: true,
      write: (r) => r.name,
      width: 14,
      example: "井亭村",
    },
    {
      key: "township",
      zh: "所属乡镇",
      en: "township",
      aliases: ["乡镇"],
      required: true,
      field: null,
      write: (r) => r.townshipName,
      width: 12,
      example: "青杨镇",
    },
    {
      key: "kind",
      zh: "类型",
      en: "kind",
      read: (v) => (v === "社区" || v === "community" ? "community" : "village"),
      write: (r, en) => (en ? r.kind : r.kind === "community" ? "社区" : "村"),
      example: "村",
    },
    {
      key: "code",
      zh: "区划代码",
      en: "code",
      aliases: ["统计用区划代码"],
      write: (r) => r.code,
      code: true,
      width: 16,
      example: "321204100201",
    },
    {
      key: "collectiveCreditCode",
      zh: "集体经济组织信用代码",
      en: "collective_credit_code",
      write: (r) => r.collectiveCreditCode,
      code: true,
      width: 22,
    },
    { key: "lat", zh: "纬度", en: "lat", write: (r) => r.lat },
    { key: "lng", zh: "经度", en: "lng", write: (r) => r.lng },
    { key: "households", zh: "户数", en: "households", write: (r) => r.households, example: 812 },
    { key: "population", zh: "人口", en: "population", write: (r) => r.population, example: 2936 },
    { key: "partyMembers", zh: "党员数", en: "party_members", write: (r) => r.partyMembers, example: 86 },
    { key: "secretary", zh: "村党组织书记", en: "secretary", write: (r) => r.secretary, example: "周建国" },
    { key: "notes", zh: "备注", en: "notes", write: (r) => r.notes, width: 30 },
  ],
};

const ENTERPRISES: FileFormat<EnterpriseRow> = {
  names: { zh: "企业", en: "enterprises", file: "企业", template: "企业" },
  columns: [
    { key: "name", zh: "企业名称", en: "name", required: true, write: (r) => r.name, width: 30, example: "天祥集团" },
    {
      key: "creditCode",
      zh: "统一社会信用代码",
      en: "credit_code",
      write: (r) => r.creditCode,
      code: true,
      width: 22,
      example: "91110000802100433B",
    },
    {
      key: "industry",
      zh: "行业",
      en: "industry",
      read: (v) => v.slice(0, 1).toUpperCase(),
      write: (r) => r.industry,
      example: "C",
    },
    {
      key: "aboveSize",
      zh: "规上企业",
      en: "above_size",
      read: readYesNo,
      write: (r, en) => yesNo(r.aboveSize, en),
      example: "是",
    },
    { key: "legalRep", zh: "法定代表人", en: "legal_rep", write: (r) => r.legalRep, example: "顾天祥" },
    { key: "contact", zh: "联系人", en: "contact", write: (r) => r.contact },
    { key: "phone", zh: "联系电话", en: "phone", write: (r) => r.phone, width: 16, example: "0523-88231001" },
    { key: "address", zh: "地址", en: "address", write: (r) => r.address, width: 30 },
    { key: "lat", zh: "纬度", en: "lat", write: (r) => r.lat },
    { key: "lng", zh: "经度", en: "lng", write: (r) => r.lng },
    {
      key: "hasPartyOrg",
      zh: "有党组织",
      en: "has_party_org",
      read: readYesNo,
      write: (r, en) => yesNo(r.hasPartyOrg, en),
      example: "是",
    },
    { key: "partyMembers", zh: "党员数", en: "party_members", write: (r) => r.partyMembers, example: 46 },
  ],
};

const ORGANIZATIONS: FileFormat<OrganizationRow> = {
  names: { zh: "联合党组织", en: "organizations", file: "村企联合党组织", template: "联合党组织" },
  columns: [
    {
      key: "name",
      zh: "名称",
      en: "name",
      required: true,
      write: (r) => r.name,
      width: 30,
      example: "井亭村天祥绿杨联合党委",
    },
    {
      key: "level",
      zh: "层级",
      en: "level",
      read: readLabel("organization.level", ORG_LEVELS, "branch"),
      write: (r, en) => label("organization.level", r.level, en),
      example: "联合党委",
    },
    {
      key: "establishedOn",
      zh: "成立日期",
      en: "established_on",
      write: (r) => r.establishedOn,
      width: 12,
      example: "2019-06-28",
    },
    { key: "firstSecretary", zh: "第一书记", en: "first_secretary", write: (r) => r.firstSecretary, example: "钱志远" },
    {
      key: "firstSecretaryPost",
      zh: "第一书记职务",
      en: "first_secretary_post",
      write: (r) => r.firstSecretaryPost,
      width: 16,
      example: "镇党委书记",
    },
    { key: "instructor", zh: "党建指导员", en: "instructor", write: (r) => r.instructor, example: "孙丽娟" },
    {
      key: "villages",
      zh: "成员村",
      en: "villages",
      required: true,
      field: null,
      write: (r) => r.villageNames.join("、"),
      width: 24,
      example: "井亭村",
    },
    {
      key: "enterprises",
      zh: "成员企业",
      en: "enterprises",
      required: true,
      field: null,
      write: (r) => r.enterpriseNames.join("、"),
      width: 30,
      example: "天祥集团、绿杨新材料有限公司",
    },
    { key: "partyMembers", zh: "党员数", en: "party_members", write: (r) => r.partyMembers, example: 155 },
    {
      key: "status",
      zh: "状态",
      en: "status",
      // 运行中 clears the 撤销日期 column: the planner reads the two together
      field: null,
      write: (r, en) => (r.dissolvedOn ? (en ? "dissolved" : "已撤销") : en ? "active" : "运行中"),
      example: "运行中",
    },
    { key: "dissolvedOn", zh: "撤销日期", en: "dissolved_on", write: (r) => r.dissolvedOn, width: 12 },
  ],
};

const PROJECTS: FileFormat<ProjectRow> = {
  names: { zh: "项目", en: "projects", file: "村企共建项目", template: "共建项目" },
  columns: [
    {
      key: "name",
      zh: "项目名称",
      en: "name",
      required: true,
      write: (r) => r.name,
      width: 30,
      example: "井亭村标准厂房租赁",
    },
    {
      key: "type",
      zh: "类型",
      en: "type",
      required: true,
      read: readLabel("project.type", PROJECT_TYPES),
      write: (r, en) => label("project.type", r.type, en),
      example: "厂房租赁",
    },
    {
      key: "status",
      zh: "状态",
      en: "status",
      read: readLabel("project.status", PROJECT_STATUSES, "negotiating"),
      write: (r, en) => label("project.status", r.status, en),
      example: "投产",
    },
    {
      key: "villages",
      zh: "村",
      en: "villages",
      required: true,
      field: null,
      write: (r) => r.villageNames.join("、"),
      width: 20,
      example: "井亭村",
    },
    {
      key: "enterprises",
      zh: "企业",
      en: "enterprises",
      field: null,
      write: (r) => r.enterpriseNames.join("、"),
      width: 30,
      example: "天祥集团",
    },
    {
      key: "organization",
      zh: "联合党组织",
      en: "organization",
      field: null,
      write: (r) => r.organizationName,
      width: 30,
      example: "井亭村天祥绿杨联合党委",
    },
    {
      key: "investment",
      zh: "投资额（元）",
      en: "investment",
      field: "investmentFen",
      write: (r) => yuan(r.investmentFen),
      money: true,
      width: 16,
      example: "4800000.00",
    },
    {
      key: "contractStart",
      zh: "合同开始",
      en: "contract_start",
      write: (r) => r.contractStart,
      width: 12,
      example: "2019-09-01",
    },
    {
      key: "contractEnd",
      zh: "合同结束",
      en: "contract_end",
      write: (r) => r.contractEnd,
      width: 12,
      example: "2034-08-31",
    },
    {
      key: "expectedIncome",
      zh: "预计年收益（元）",
      en: "expected_income",
      field: "expectedIncomeFen",
      write: (r) => yuan(r.expectedIncomeFen),
      money: true,
      width: 18,
      example: "300000.00",
    },
    { key: "lat", zh: "纬度", en: "lat", write: (r) => r.lat, example: 32.5449 },
    { key: "lng", zh: "经度", en: "lng", write: (r) => r.lng, example: 120.1402 },
    { key: "notes", zh: "备注", en: "notes", write: (r) => r.notes, width: 30 },
  ],
};

// the income planner resolves every cell itself (names, codes, dates, amounts): no form fields
const INCOME: FileFormat<IncomeRow> = {
  names: { zh: "收入", en: "income", file: "村集体收入台账", template: "收入记录" },
  columns: [
    {
      key: "village",
      zh: "村名",
      en: "village",
      field: null,
      write: (r) => r.villageName,
      width: 12,
      example: "井亭村",
    },
    {
      key: "code",
      zh: "区划代码",
      en: "code",
      field: null,
      write: (r) => r.villageCode,
      code: true,
      width: 16,
      example: "321204100201",
    },
    {
      key: "receivedOn",
      zh: "日期",
      en: "received_on",
      required: true,
      field: null,
      write: (r) => r.receivedOn,
      width: 12,
      example: "2024-03-05",
    },
    {
      key: "category",
      zh: "类别",
      en: "category",
      required: true,
      field: null,
      write: (r, en) => label("income.category", r.category, en),
      width: 14,
      example: "经营收入",
    },
    {
      key: "amount",
      zh: "金额（元）",
      en: "amount",
      required: true,
      field: null,
      write: (r) => yuan(r.amountFen),
      money: true,
      width: 16,
      example: "150000.00",
    },
    {
      key: "project",
      zh: "项目",
      en: "project",
      field: null,
      write: (r) => r.projectName,
      width: 26,
      example: "井亭村标准厂房租赁",
    },
    {
      key: "enterprise",
      zh: "付款企业",
      en: "enterprise",
      field: null,
      write: (r) => r.enterpriseName,
      width: 26,
      example: "天祥集团",
    },
    {
      key: "voucher",
      zh: "凭证号",
      en: "voucher",
      field: null,
      write: (r) => r.voucher,
      width: 14,
      example: "示例-001",
    },
    { key: "note", zh: "备注", en: "note", field: null, write: (r) => r.note, width: 24, example: "厂房租金上半年" },
    // our own export marks voided records; an import passes them by
    { key: "voided", zh: "作废", en: "voided", field: null, write: (r, en) => yesNo(Boolean(r.voidedAt), en) },
    { key: "voidReason", zh: "作废原因", en: "void_reason", exportOnly: true, write: (r) => r.voidReason, width: 20 },
  ],
};

const SHORT_PERIODS: Record<string, string> = {
  月: "month",
  季: "quarter",
  半年: "half_year",
  年: "year",
  一次: "once",
};

// 合同收益条款: the project, village and enterprise by name (or code), resolved by the planner
const TERMS: FileFormat<TermFileRow> = {
  names: { zh: "合同收益条款", en: "terms", file: "合同收益条款", template: "合同收益条款" },
  columns: [
    {
      key: "project",
      zh: "项目",
      en: "project",
      required: true,
      field: null,
      write: (r) => r.projectName,
      width: 26,
      example: "井亭村标准厂房租赁",
    },
    {
      key: "village",
      zh: "村名",
      en: "village",
      aliases: ["区划代码", "收款村"],
      required: true,
      field: null,
      write: (r) => r.villageName,
      width: 12,
      example: "井亭村",
    },
    {
      key: "enterprise",
      zh: "付款企业",
      en: "enterprise",
      required: true,
      field: null,
      write: (r) => r.enterpriseName,
      width: 26,
      example: "天祥集团",
    },
    {
      key: "kind",
      zh: "条款类型",
      en: "kind",
      required: true,
      read: readLabel("term.kind", TERM_KINDS),
      write: (r, en) => label("term.kind", r.kind, en),
      width: 12,
      example: "固定租金",
    },
    {
      key: "category",
      zh: "类别",
      en: "category",
      aliases: ["入账类别"],
      required: true,
      read: readLabel("income.category", INCOME_CATEGORIES),
      write: (r, en) => label("income.category", r.category, en),
      width: 14,
      example: "经营收入",
    },
    {
      key: "amount",
      zh: "每期金额（元）",
      en: "amount",
      required: true,
      field: "amountFen",
      write: (r) => yuan(r.amountFen),
      money: true,
      width: 16,
      example: "150000.00",
    },
    {
      key: "period",
      zh: "周期",
      en: "period",
      required: true,
      // 月 / 季 / 半年 / 年 / 一次, as DESIGN names them, or the form's 每月 / 每季 …
      read: (text) => SHORT_PERIODS[text.trim()] ?? readLabel("term.period", TERM_PERIODS)(text),
      write: (r, en) => label("term.period", r.period, en),
      width: 8,
      example: "每半年",
    },
    {
      key: "firstDue",
      zh: "首次应收日",
      en: "first_due",
      required: true,
      write: (r) => r.firstDue,
      width: 12,
      example: "2024-06-30",
    },
    {
      key: "increase",
      zh: "增长率（%）",
      en: "increase_pct",
      field: "increaseBp",
      write: (r) => (r.increaseBp === null ? null : r.increaseBp / 100),
      width: 10,
    },
    {
      key: "everyYears",
      zh: "每几年增长",
      en: "increase_every_years",
      field: "increaseEveryYears",
      write: (r) => r.increaseEveryYears,
      width: 10,
    },
    { key: "endsOn", zh: "截止日期", en: "ends_on", write: (r) => r.endsOn, width: 12, example: "2034-08-31" },
    { key: "notes", zh: "备注", en: "notes", write: (r) => r.notes, width: 24 },
  ],
};

export const FILE_FORMATS = {
  villages: VILLAGES,
  enterprises: ENTERPRISES,
  organizations: ORGANIZATIONS,
  projects: PROJECTS,
  income: INCOME,
  terms: TERMS,
} satisfies Record<ImportKind, FileFormat<never>>;

/** A header as people type it: no spaces, no （元） unit, any case. */
const normalize = (header: string) =>
  header
    .replace(/\s+/g, "")
    .replace(/[（(]元[)）]$/, "")
    .toLowerCase();

function columnsOf(kind: ImportKind): FileColumn<never>[] {
  return FILE_FORMATS[kind].columns as FileColumn<never>[];
}

export type HeaderMap = { index: Record<string, number>; unknown: string[]; missing: string[] };

/** Which column holds which field; unknown headers are reported, missing required ones are errors. */
export function mapHeaders(kind: ImportKind, headers: string[]): HeaderMap {
  const columns = columnsOf(kind);
  const names = columns.map((c) => [c.zh, c.en, ...(c.aliases ?? [])].map(normalize));
  const index: Record<string, number> = {};
  const unknown: string[] = [];
  headers.forEach((header, i) => {
    if (!header) return;
    const n = normalize(header);
    const at = names.findIndex((list) => list.includes(n));
    const column = columns[at];
    if (!column) unknown.push(header);
    else if (!column.exportOnly && index[column.key] === undefined) index[column.key] = i;
  });
  const missing = columns.filter((c) => c.required && index[c.key] === undefined).map((c) => columnName(kind, c.key));
  // income names its village by 村名 or 区划代码: one of the two
  if (kind === "income" && index.village === undefined && index.code === undefined) missing.unshift("村名");
  return { index, unknown, missing };
}

/** The Chinese header of a column (without its unit), for error messages that name it. */
export function columnName(kind: ImportKind, key: string) {
  const column = columnsOf(kind).find((c) => c.key === key || c.field === key);
  return column ? normalizeUnit(column.zh) : key;
}
const normalizeUnit = (zh: string) => zh.replace(/[（(]元[)）]$/, "");

/** A row of cells as the record's form would send it: every column with a form field. */
export function formValues(kind: ImportKind, get: (key: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of columnsOf(kind)) {
    if (c.field === null || c.exportOnly) continue;
    const text = get(c.key);
    out[c.field ?? c.key] = c.read ? c.read(text) : text;
  }
  return out;
}

/** The form fields a file fills (so a column the file lacks keeps what the record has). */
export function fieldsOf(kind: ImportKind, has: (key: string) => boolean): string[] {
  return columnsOf(kind)
    .filter((c) => c.field !== null && !c.exportOnly && has(c.key))
    .map((c) => c.field ?? c.key);
}

/** The columns of an export (or a template): header, cell, number format. */
export function exportColumns<R>(format: FileFormat<R>, english: boolean) {
  return format.columns
    .filter((c) => c.write)
    .map((c) => ({
      zh: c.zh,
      en: c.en,
      value: (row: R) => c.write!(row, english),
      money: c.money,
      code: c.code,
      width: c.width,
    }));
}

/** The template of a kind: every importable column and one example row. */
export function templateOf(kind: ImportKind) {
  const format = FILE_FORMATS[kind];
  const columns = columnsOf(kind)
    .filter((c) => !c.exportOnly)
    .map((c) => ({
      zh: c.zh,
      en: c.en,
      value: () => c.example ?? null,
      code: c.code,
      width: c.width,
    }));
  return { columns, sheetName: format.names.template, fileName: `导入模板-${format.names.template}` };
}
