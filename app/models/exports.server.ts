import { zhLabel } from "~/lib/labels";
import { exportFile, type ExportColumn, type ExportFormat } from "~/lib/export.server";
import { exportColumns, FILE_FORMATS, yesNo, yuan, type FileFormat } from "./formats.server";
import { enterpriseFiltersFrom, listEnterprises } from "./enterprise.server";
import { incomeFiltersFrom, listIncome } from "./income.server";
import { formatChangeRatio, summaryParamsFrom, villageIncomeSummary, type SummaryRow } from "./summary.server";
import { listOrganizations, organizationFiltersFrom } from "./organization.server";
import { listProjects, projectFiltersFrom } from "./project.server";
import { listVillages, villageFiltersFrom } from "./village.server";

// Every list's CSV and XLSX: the same filters as the page, the columns of the record's file format.

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

/** A list's file: its rows with its record's columns, sheet and file name. */
function listFile<R>(format: FileFormat<R>, rows: R[], english: boolean) {
  return {
    rows,
    columns: exportColumns(format, english),
    sheetName: english ? format.names.en : format.names.zh,
    fileName: english ? format.names.en : format.names.file,
  };
}

const EXPORTS = {
  villages: async (url: URL, english: boolean) =>
    listFile(FILE_FORMATS.villages, (await listVillages(villageFiltersFrom(url), { all: true })).rows, english),
  enterprises: async (url: URL, english: boolean) =>
    listFile(FILE_FORMATS.enterprises, (await listEnterprises(enterpriseFiltersFrom(url), { all: true })).rows, english),
  organizations: async (url: URL, english: boolean) =>
    listFile(
      FILE_FORMATS.organizations,
      (await listOrganizations(organizationFiltersFrom(url), { all: true })).rows,
      english
    ),
  projects: async (url: URL, english: boolean) =>
    listFile(FILE_FORMATS.projects, (await listProjects(projectFiltersFrom(url), { all: true })).rows, english),
  income: async (url: URL, english: boolean) =>
    listFile(FILE_FORMATS.income, (await listIncome(incomeFiltersFrom(url), { all: true })).rows, english),
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

