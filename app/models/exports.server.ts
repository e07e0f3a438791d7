import { zhLabel } from "~/lib/labels";
import { exportFile, type ExportColumn, type ExportedFile, type ExportFormat } from "~/lib/export.server";
import { exportColumns, FILE_FORMATS, yesNo, yuan, type FileFormat } from "./formats.server";
import { formatChange } from "~/lib/money";
import type { z } from "zod";
import {
  ClosingParams,
  EnterpriseParams,
  IncomeParams,
  OrganizationParams,
  ProjectParams,
  ReceivableParams,
  ReportFileParams,
  SummaryParams,
  TermFileParams,
  VillageParams,
  type ClosingFilters,
  type EnterpriseFilters,
  type IncomeFilters,
  type OrganizationFilters,
  type ProjectFilters,
  type ReceivableFilters,
  type ReportFileFilters,
  type TermFileFilters,
  type SummaryParamsInput,
  type VillageFilters,
} from "~/validation/params";
import { translate } from "~/i18n";
import { todayIso } from "~/lib/dates";
import { BANDS, rulesText, type Band, type YearRules } from "~/lib/rules";
import { monthBadge } from "~/lib/month-state";
import { closingGrid, type GridVillage } from "./closing.server";
import { listEnterprises } from "./enterprise.server";
import { IncomeFileNames, incomeFilePage, incomeIdsInOrder, type IncomeFileRow } from "./income.server";
import { defaultSummaryYear, villageIncomeSummary, type SummaryRow } from "./summary.server";
import { listOrganizations } from "./organization.server";
import { listProjects } from "./project.server";
import { getReport, reportSummary } from "./report.server";
import { listReceivables, type ReceivableRow } from "./receivables.server";
import { termFilePage } from "./terms.server";
import { listVillages } from "./village.server";

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
  { zh: "同比", en: "change", value: (r) => formatChange(r.change), width: 10 },
  { zh: "排名", en: "rank", value: (r) => r.rank, width: 8 },
  { zh: "薄弱村", en: "weak", value: (r) => yesNo(r.weak, english), width: 8 },
  { zh: "分档", en: "band", value: (r) => translate(english ? "en" : "zh-CN", `band.${r.band}`), width: 8 },
];

/** The lines under a summary's table: the rules it was added up by, and its villages per band. */
export function summaryNotes(english: boolean, rules: YearRules, bands: Record<Band, number>): string[] {
  const lang = english ? "en" : "zh-CN";
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  return [
    rulesText(t, rules),
    `${t("summary.bandCounts")}${BANDS.map((b) =>
      t("summary.bandCount", { band: t(`band.${b}`), count: bands[b] })
    ).join(english ? ", " : "，")}`,
  ];
}

/** 报送情况 as a file: each village's twelve months by word (逾期 for one past its deadline), and its clerks. */
const closingColumns = (english: boolean, year: number, lastMonth: number): ExportColumn<GridVillage>[] => {
  const lang = english ? "en" : "zh-CN";
  return [
    { zh: "乡镇", en: "township", value: (v) => v.townshipName, width: 12 },
    { zh: "村名", en: "village", value: (v) => v.name, width: 12 },
    { zh: "年度", en: "year", value: () => year, width: 8 },
    ...Array.from({ length: 12 }, (_, i) => ({
      zh: `${i + 1}月`,
      en: `month_${i + 1}`,
      value: (v: GridVillage) => {
        if (i + 1 > lastMonth) return "";
        const { label } = monthBadge(v.months[i].state, v.months[i].overdue);
        return translate(lang, label);
      },
      width: 8,
    })),
    { zh: "报账员", en: "clerks", value: (v) => v.clerks ?? "", width: 16 },
  ];
};

/** 应收款 as a file: each enterprise's, village's or project's dues, arrears and their age. */
const receivableColumns = (english: boolean, by: ReceivableFilters["by"]): ExportColumn<ReceivableRow>[] => [
  {
    zh: translate("zh-CN", `receivables.by.${by}`),
    en: by,
    value: (r) => r.name,
    width: 24,
  },
  ...(by === "village" ? [{ zh: "乡镇", en: "township", value: (r: ReceivableRow) => r.detail, width: 12 }] : []),
  { zh: "已到期应收", en: "due", value: (r) => yuan(r.dueFen), money: true, width: 16 },
  { zh: "已收", en: "received", value: (r) => yuan(r.receivedFen), money: true, width: 16 },
  { zh: "欠款", en: "outstanding", value: (r) => yuan(r.outstandingFen), money: true, width: 16 },
  { zh: "最长逾期天数", en: "days_overdue", value: (r) => r.daysOverdue, width: 12 },
  { zh: "未到期", en: "not_due", value: (r) => yuan(r.notDueFen), money: true, width: 16 },
  { zh: "逾期30天内", en: "overdue_30", value: (r) => yuan(r.upTo30Fen), money: true, width: 16 },
  { zh: "逾期31至90天", en: "overdue_90", value: (r) => yuan(r.upTo90Fen), money: true, width: 16 },
  { zh: "逾期90天以上", en: "overdue_over_90", value: (r) => yuan(r.over90Fen), money: true, width: 16 },
];

/** What each file is filtered by: the list's (or the summary's) parsed parameters. */
export type ExportParams = {
  villages: VillageFilters;
  enterprises: EnterpriseFilters;
  organizations: OrganizationFilters;
  projects: ProjectFilters;
  income: IncomeFilters;
  summary: SummaryParamsInput;
  closing: ClosingFilters;
  report: ReportFileFilters;
  receivables: ReceivableFilters;
  terms: TermFileFilters;
};
export type ExportKind = keyof ExportParams;

/** Each file's parameters are its page's: the web reads them from the URL, the command line from its flags. */
export const EXPORT_PARAMS: { [K in ExportKind]: z.ZodType<ExportParams[K]> } = {
  villages: VillageParams,
  enterprises: EnterpriseParams,
  organizations: OrganizationParams,
  projects: ProjectParams,
  income: IncomeParams,
  summary: SummaryParams,
  closing: ClosingParams,
  report: ReportFileParams,
  receivables: ReceivableParams,
  terms: TermFileParams,
};
type Exporter<P> = (params: P, format: ExportFormat, english: boolean) => Promise<ExportedFile>;

/** Rows an export reads from the database at a time, between which others' requests are served. */
const EXPORT_PAGE = 5_000;

/** A list's rows, page after page, in the list's order. */
async function* pages<F extends { page: number }, R>(
  filters: F,
  list: (f: F, options: { pageSize: number; totals: boolean }) => Promise<{ rows: R[] }>
): AsyncIterable<R[]> {
  for (let page = 1; ; page++) {
    const { rows } = await list({ ...filters, page }, { pageSize: EXPORT_PAGE, totals: false });
    if (rows.length) yield rows;
    if (rows.length < EXPORT_PAGE) return;
  }
}

/** The ledger in date order, each page starting after the last record of the one before. */
async function* incomeByDate(filters: IncomeFilters): AsyncIterable<IncomeFileRow[]> {
  let after: { receivedOn: string; id: number } | null = null;
  const names = new IncomeFileNames();
  for (;;) {
    const rows = await incomeFilePage(filters, { after, size: EXPORT_PAGE }, names);
    if (rows.length) yield rows;
    if (rows.length < EXPORT_PAGE) return;
    const last = rows[rows.length - 1];
    after = { receivedOn: last.receivedOn, id: last.id };
  }
}

/** Records by their ids, a page at a time, in the ids' order. */
async function* byIds<R>(ids: number[], read: (ids: number[]) => Promise<R[]>): AsyncIterable<R[]> {
  for (let at = 0; at < ids.length; at += EXPORT_PAGE) yield await read(ids.slice(at, at + EXPORT_PAGE));
}

/** A list's file: its rows with its record's columns, sheet and file name. */
async function listFile<R>(
  fileFormat: FileFormat<R>,
  rows: AsyncIterable<R[]>,
  format: ExportFormat,
  english: boolean
) {
  return exportFile({
    rows,
    columns: exportColumns(fileFormat, english),
    sheetName: english ? fileFormat.names.en : fileFormat.names.zh,
    fileName: english ? fileFormat.names.en : fileFormat.names.file,
    format,
    english,
  });
}

const EXPORTS: { [K in ExportKind]: Exporter<ExportParams[K]> } = {
  villages: (filters, format, english) =>
    listFile(FILE_FORMATS.villages, pages(filters, listVillages), format, english),
  enterprises: (filters, format, english) =>
    listFile(FILE_FORMATS.enterprises, pages(filters, listEnterprises), format, english),
  organizations: (filters, format, english) =>
    listFile(FILE_FORMATS.organizations, pages(filters, listOrganizations), format, english),
  projects: (filters, format, english) =>
    listFile(FILE_FORMATS.projects, pages(filters, listProjects), format, english),
  income: async (filters, format, english) => {
    // a province's year is hundreds of thousands of records: in date order (the list's default)
    // page after page along the date index, else read by id after one pass puts them in order
    if (filters.sort === "receivedOn") return listFile(FILE_FORMATS.income, incomeByDate(filters), format, english);
    const ids = await incomeIdsInOrder(filters);
    const names = new IncomeFileNames();
    return listFile(
      FILE_FORMATS.income,
      byIds(ids, (slice) => incomeFilePage(filters, { ids: slice }, names)),
      format,
      english
    );
  },
  closing: async ({ year, townshipId }, format, english) => {
    const grid = await closingGrid(year, townshipId, todayIso(), { everyVillage: true });
    return exportFile({
      rows: grid.villages,
      columns: closingColumns(english, year, grid.lastMonth),
      sheetName: english ? `reporting ${year}` : `${year}年报送情况`,
      fileName: english ? `monthly-reporting-${year}` : `${year}年月报报送情况`,
      format,
      english,
    });
  },
  report: reportFile,
  terms: (filters, format, english) => listFile(FILE_FORMATS.terms, pages(filters, termFilePage), format, english),
  receivables: async (filters, format, english) => {
    const lang = english ? "en" : "zh-CN";
    return exportFile({
      rows: pages(filters, listReceivables),
      columns: receivableColumns(english, filters.by),
      sheetName: english ? "receivables" : "应收款",
      fileName: english
        ? `receivables-by-${filters.by}`
        : `应收款（按${translate(lang, `receivables.by.${filters.by}`)}）`,
      format,
      english,
    });
  },
  summary: async (params, format, english) => {
    const year = params.year ?? (await defaultSummaryYear());
    const summary = await villageIncomeSummary({ ...params, year });
    return exportFile({
      rows: summary.rows,
      columns: summaryColumns(english, year),
      sheetName: english ? `summary ${year}` : `${year}年汇总`,
      fileName: english ? `village-income-summary-${year}` : `${year}年村集体收入汇总`,
      format,
      english,
      notes: summaryNotes(english, summary.rules, summary.total.bands),
    });
  },
};

/** A report's file: its rows as reported, by its own rules, and what it is under the table. */
async function reportFile({ reportId, townshipId }: ReportFileFilters, format: ExportFormat, english: boolean) {
  const report = await getReport(reportId);
  if (!report) throw new Error(`no report ${reportId}`);
  const summary = await reportSummary(report, townshipId);
  const lang = english ? "en" : "zh-CN";
  const { year, number } = report;
  return exportFile({
    rows: summary.rows,
    columns: summaryColumns(english, year),
    sheetName: english ? `report ${number}` : `第${number}次上报`,
    fileName: english
      ? `village-income-summary-${year}-report-${number}`
      : `${year}年村集体收入汇总（第${number}次上报）`,
    format,
    english,
    notes: [
      translate(lang, "report.fileNote", {
        number,
        date: report.madeAt.slice(0, 10),
        who: report.madeBy,
        scope: report.townshipNames.join(english ? ", " : "、"),
      }),
      ...summaryNotes(english, report.rules, summary.total.bands),
    ],
  });
}

/** The file a list exports, with the list's filters. */
export function buildExport<K extends ExportKind>(
  kind: K,
  params: ExportParams[K],
  format: ExportFormat,
  english: boolean
) {
  const exporter: Exporter<ExportParams[K]> = EXPORTS[kind];
  return exporter(params, format, english);
}
