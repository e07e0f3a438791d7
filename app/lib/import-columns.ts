// The column headers of files, per record: the Chinese name of DESIGN.md (also on forms and
// exports), the English field name, and a few spellings people type. Matched after trimming and
// ignoring spaces and the （元） unit.

export type ImportKind = "villages" | "enterprises" | "organizations" | "projects" | "income";
export const IMPORT_KINDS: readonly ImportKind[] = ["villages", "enterprises", "organizations", "projects", "income"];

type Column = { key: string; names: string[]; required?: boolean };

export const IMPORT_COLUMNS: Record<ImportKind, Column[]> = {
  villages: [
    { key: "name", names: ["村名", "name", "村庄", "村（社区）"], required: true },
    { key: "township", names: ["所属乡镇", "township", "乡镇"], required: true },
    { key: "kind", names: ["类型", "kind"] },
    { key: "code", names: ["区划代码", "code", "统计用区划代码"] },
    { key: "collectiveCreditCode", names: ["集体经济组织信用代码", "collective_credit_code"] },
    { key: "lat", names: ["纬度", "lat"] },
    { key: "lng", names: ["经度", "lng"] },
    { key: "households", names: ["户数", "households"] },
    { key: "population", names: ["人口", "population"] },
    { key: "partyMembers", names: ["党员数", "party_members"] },
    { key: "secretary", names: ["村党组织书记", "secretary"] },
    { key: "notes", names: ["备注", "notes"] },
  ],
  enterprises: [
    { key: "name", names: ["企业名称", "name"], required: true },
    { key: "creditCode", names: ["统一社会信用代码", "credit_code"] },
    { key: "industry", names: ["行业", "industry"] },
    { key: "aboveSize", names: ["规上企业", "above_size"] },
    { key: "legalRep", names: ["法定代表人", "legal_rep"] },
    { key: "contact", names: ["联系人", "contact"] },
    { key: "phone", names: ["联系电话", "phone"] },
    { key: "address", names: ["地址", "address"] },
    { key: "lat", names: ["纬度", "lat"] },
    { key: "lng", names: ["经度", "lng"] },
    { key: "hasPartyOrg", names: ["有党组织", "has_party_org"] },
    { key: "partyMembers", names: ["党员数", "party_members"] },
  ],
  organizations: [
    { key: "name", names: ["名称", "name"], required: true },
    { key: "level", names: ["层级", "level"] },
    { key: "establishedOn", names: ["成立日期", "established_on"] },
    { key: "firstSecretary", names: ["第一书记", "first_secretary"] },
    { key: "firstSecretaryPost", names: ["第一书记职务", "first_secretary_post"] },
    { key: "instructor", names: ["党建指导员", "instructor"] },
    { key: "villages", names: ["成员村", "villages"], required: true },
    { key: "enterprises", names: ["成员企业", "enterprises"], required: true },
    { key: "partyMembers", names: ["党员数", "party_members"] },
    { key: "status", names: ["状态", "status"] },
    { key: "dissolvedOn", names: ["撤销日期", "dissolved_on"] },
  ],
  projects: [
    { key: "name", names: ["项目名称", "name"], required: true },
    { key: "type", names: ["类型", "type"], required: true },
    { key: "status", names: ["状态", "status"] },
    { key: "villages", names: ["村", "villages"], required: true },
    { key: "enterprises", names: ["企业", "enterprises"] },
    { key: "organization", names: ["联合党组织", "organization"] },
    { key: "investment", names: ["投资额", "investment"] },
    { key: "contractStart", names: ["合同开始", "contract_start"] },
    { key: "contractEnd", names: ["合同结束", "contract_end"] },
    { key: "expectedIncome", names: ["预计年收益", "expected_income"] },
    { key: "lat", names: ["纬度", "lat"] },
    { key: "lng", names: ["经度", "lng"] },
    { key: "notes", names: ["备注", "notes"] },
  ],
  income: [
    { key: "village", names: ["村名", "village"] },
    { key: "code", names: ["区划代码", "code"] },
    { key: "receivedOn", names: ["日期", "received_on"], required: true },
    { key: "category", names: ["类别", "category"], required: true },
    { key: "amount", names: ["金额", "amount"], required: true },
    { key: "project", names: ["项目", "project"] },
    { key: "enterprise", names: ["付款企业", "enterprise"] },
    { key: "voucher", names: ["凭证号", "voucher"] },
    { key: "note", names: ["备注", "note"] },
    // our own income export marks voided records; an import passes them by
    { key: "voided", names: ["作废", "voided"] },
  ],
};

/** Columns our own exports add that an import reads past without complaint. */
const EXPORT_ONLY = ["作废原因", "void_reason", "状态", "status"];

const normalize = (header: string) =>
  header
    .replace(/\s+/g, "")
    .replace(/[（(]元[)）]$/, "")
    .toLowerCase();

export type HeaderMap = { index: Record<string, number>; unknown: string[]; missing: string[] };

/** Which column holds which field; unknown headers are reported, missing required ones are errors. */
export function mapHeaders(kind: ImportKind, headers: string[]): HeaderMap {
  const columns = IMPORT_COLUMNS[kind];
  const index: Record<string, number> = {};
  const unknown: string[] = [];
  headers.forEach((header, i) => {
    if (!header) return;
    const n = normalize(header);
    const column = columns.find((c) => c.names.some((name) => normalize(name) === n));
    if (column && index[column.key] === undefined) index[column.key] = i;
    else if (!column && !EXPORT_ONLY.map(normalize).includes(n)) unknown.push(header);
  });
  const missing = columns.filter((c) => c.required && index[c.key] === undefined).map((c) => c.names[0]);
  // income names its village by 村名 or 区划代码: one of the two
  if (kind === "income" && index.village === undefined && index.code === undefined) missing.unshift("村名");
  return { index, unknown, missing };
}

/** The Chinese header of a field, for error messages that name the column. */
export const columnName = (kind: ImportKind, key: string) =>
  IMPORT_COLUMNS[kind].find((c) => c.key === key)?.names[0] ?? key;

/** One example row per kind, for the downloadable templates (the demo township's names). */
export const TEMPLATE_EXAMPLES: Record<ImportKind, Record<string, string | number>> = {
  villages: {
    name: "井亭村",
    township: "青杨镇",
    kind: "村",
    code: "321204100201",
    households: 812,
    population: 2936,
    partyMembers: 86,
    secretary: "周建国",
  },
  enterprises: {
    name: "天祥集团",
    creditCode: "91110000802100433B",
    industry: "C",
    aboveSize: "是",
    legalRep: "顾天祥",
    phone: "0523-88231001",
    hasPartyOrg: "是",
    partyMembers: 46,
  },
  organizations: {
    name: "井亭村天祥绿杨联合党委",
    level: "联合党委",
    establishedOn: "2019-06-28",
    firstSecretary: "钱志远",
    firstSecretaryPost: "镇党委书记",
    instructor: "孙丽娟",
    villages: "井亭村",
    enterprises: "天祥集团、绿杨新材料有限公司",
    partyMembers: 155,
    status: "运行中",
  },
  projects: {
    name: "井亭村标准厂房租赁",
    type: "厂房租赁",
    status: "投产",
    villages: "井亭村",
    enterprises: "天祥集团",
    organization: "井亭村天祥绿杨联合党委",
    investment: "4800000.00",
    contractStart: "2019-09-01",
    contractEnd: "2034-08-31",
    expectedIncome: "300000.00",
    lat: 32.5449,
    lng: 120.1402,
  },
  income: {
    village: "井亭村",
    code: "321204100201",
    receivedOn: "2024-03-05",
    category: "经营收入",
    amount: "150000.00",
    project: "井亭村标准厂房租赁",
    enterprise: "天祥集团",
    voucher: "示例-001",
    note: "厂房租金上半年",
  },
};
