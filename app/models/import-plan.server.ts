import type { z } from "zod";
import { cellText, type Table } from "~/lib/tabular.server";
import type { EnterpriseInput } from "~/validation/enterprise";
import type { FieldErrors } from "~/validation/form";
import type { OrganizationInput } from "~/validation/organization";
import type { ProjectInput } from "~/validation/project";
import type { TermInput } from "~/validation/term";
import type { TownshipInput } from "~/validation/township";
import type { VillageInput } from "~/validation/village";
import type { Existing } from "./crud.server";
import { columnName, fieldsOf, mapHeaders, type ImportKind } from "./formats.server";
import type { IncomeRow } from "./income.server";

// What an import plans to write, for the preview to show and the commit to carry out through
// each record's own write function (the same one the forms call).

export type RowError = { row: number; column: string; message: string; params?: Record<string, string> };

/** One record an import writes, by kind: the form's input, and the record it updates (absent to create). */
export type PlannedWrite =
  | { kind: "township"; row: number; input: TownshipInput }
  | {
      kind: "village";
      row: number;
      input: VillageInput;
      existing?: Existing;
      /** the township the same file creates, by name: its id is known only at commit */
      newTownship?: string;
    }
  | { kind: "enterprise"; row: number; input: EnterpriseInput; existing?: Existing }
  | { kind: "organization"; row: number; input: OrganizationInput; existing?: Existing }
  | { kind: "project"; row: number; input: ProjectInput; existing?: Existing }
  | { kind: "term"; row: number; projectId: number; input: TermInput; existing?: Existing };

export type ImportPlan = {
  kind: ImportKind;
  rows: number;
  create: number;
  update: number;
  skip: number;
  errors: RowError[];
  unknownColumns: string[];
  /** townships a villages file names that are not registered yet: created on commit */
  newTownships: { name: string; code: string | null }[];
  /** one error for the whole file (not a table, empty, no recognisable header, over a limit) */
  fileError?: string;
  fileErrorParams?: Record<string, string>;
  /** what commit writes: records one by one, income rows as one set */
  writes: { records: PlannedWrite[]; income: IncomeRow[] };
};

export function emptyPlan(kind: ImportKind, fileError?: string, fileErrorParams?: Record<string, string>): ImportPlan {
  return {
    kind,
    rows: 0,
    create: 0,
    update: 0,
    skip: 0,
    errors: [],
    unknownColumns: [],
    newTownships: [],
    fileError,
    fileErrorParams,
    writes: { records: [], income: [] },
  };
}

/** A file without the columns its kind needs: one error naming them. */
export function missingColumnsPlan(kind: ImportKind, missing: string[]): ImportPlan {
  return {
    ...emptyPlan(kind, "error.import.missingColumns"),
    errors: [{ row: 1, column: missing.join("、"), message: "error.import.missingColumn" }],
  };
}

/** A model's field errors as the preview lists them: by row and by the file's column. */
export function rowErrors(kind: ImportKind, row: number, errors: FieldErrors): RowError[] {
  return Object.entries(errors).flatMap(([field, messages]) =>
    (messages ?? []).map((message) => ({ row, column: columnName(kind, memberColumn(field)), message }))
  );
}

/** The file column of a form field: villageIds → villages, organizationId → organization, townshipId → township. */
const memberColumn = (field: string) => field.replace(/Ids$/, "s").replace(/Id$/, "");

/** Has a planned row anything the record does not? Lists of ids compare as sets. */
export function changed(existing: Record<string, unknown>, values: Record<string, unknown>) {
  const same = (a: unknown, b: unknown) =>
    Array.isArray(a) && Array.isArray(b) ? [...a].sort().join() === [...b].sort().join() : (a ?? null) === (b ?? null);
  return Object.entries(values).some(([k, v]) => !same(existing[k], v));
}

type Fail = (key: string, message: string, value?: string) => void;
type Matched = Record<string, unknown> & Existing;

/**
 * Plans a file of records checked by a form's schema: each row as the form would send it, parsed,
 * checked, matched to an existing record, and planned as a create, an update or a skip. Every
 * row's errors are listed at once, one per column.
 */
export function planRecords<S extends z.ZodType, W extends PlannedWrite>({
  kind,
  table,
  schema,
  build,
  check,
  match,
  keepMissing = false,
  ignore = [],
  duplicateKey,
  toWrite,
}: {
  kind: ImportKind;
  table: Table;
  schema: S;
  /** the row as the form's fields; names of other records resolved here (errors through fail) */
  build: (get: (key: string) => string, fail: Fail) => Record<string, unknown>;
  /** rules that compare the row with others and with the database */
  check?: (data: z.output<S>, fail: Fail, get: (key: string) => string) => void;
  match: (data: z.output<S>) => Matched | undefined;
  /** a column the file lacks keeps what the record has (else it is emptied) */
  keepMissing?: boolean;
  /** form fields that are not columns of the record (a boundary upload) */
  ignore?: string[];
  duplicateKey: (data: z.output<S>, get: (key: string) => string) => string;
  toWrite: (row: number, data: z.output<S>, existing: Existing | undefined, get: (key: string) => string) => W;
}): ImportPlan {
  const headers = mapHeaders(kind, table.headers);
  if (headers.missing.length) return missingColumnsPlan(kind, headers.missing);
  const has = (key: string) => headers.index[key] !== undefined;
  const filled = new Set(fieldsOf(kind, has));
  const columnFields = fieldsOf(kind, () => true);
  const plan = emptyPlan(kind);
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of table.rows) {
    const get = (key: string) => (has(key) ? cellText(cells[headers.index[key]]) : "");
    const errors: RowError[] = [];
    const fail: Fail = (key, message, value) => {
      const column = columnName(kind, memberColumn(key));
      // one error per cell: a name not found is not also an empty choice
      if (!errors.some((e) => e.column === column))
        errors.push({ row: rowNumber, column, message, params: value ? { value } : undefined });
    };
    const parsed = schema.safeParse(build(get, fail));
    if (!parsed.success) for (const issue of parsed.error.issues) fail(String(issue.path[0] ?? "name"), issue.message);
    else check?.(parsed.data, fail, get);
    if (errors.length || !parsed.success) {
      plan.errors.push(...errors);
      continue;
    }
    const data = parsed.data as z.output<S> & Record<string, unknown>;
    const key = duplicateKey(data, get);
    const first = seen.get(key);
    if (first) {
      fail("name", "error.import.duplicateInFile", String(first));
      plan.errors.push(...errors);
      continue;
    }
    seen.set(key, rowNumber);
    const existing = match(data);
    // only the record's own columns: what the planner resolves (the township) is always the file's
    if (existing && keepMissing)
      for (const field of columnFields)
        if (!filled.has(field)) data[field as keyof typeof data] = existing[field] as never;
    if (existing && !changed(existing, Object.fromEntries(Object.entries(data).filter(([k]) => !ignore.includes(k))))) {
      plan.skip++;
      continue;
    }
    plan.writes.records.push(toWrite(rowNumber, data, existing && { id: existing.id, version: existing.version }, get));
    if (existing) plan.update++;
    else plan.create++;
  }
  plan.rows = table.rows.length;
  plan.unknownColumns = headers.unknown;
  plan.errors.sort((a, b) => a.row - b.row);
  return plan;
}
