import type { z } from "zod";
import { invariantResponse } from "~/lib/http";
import { defaultSummaryYear } from "~/models/summary.server";
import {
  AuditParams,
  ClosingParams,
  DashboardParams,
  EnterpriseParams,
  firstError,
  IncomeParams,
  OrganizationParams,
  PickParams,
  ProjectParams,
  queryOf,
  ReceivableParams,
  SummaryParams,
  VillageParams,
} from "~/validation/params";

// Routes name their page and get its parsed query: the schemas (and zod) stay on the server, out
// of the pages' JavaScript, which a route's own import of validation/params would bring along.

const PAGES = {
  villages: VillageParams,
  enterprises: EnterpriseParams,
  organizations: OrganizationParams,
  projects: ProjectParams,
  income: IncomeParams,
  dashboard: DashboardParams,
  audit: AuditParams,
  pick: PickParams,
  closing: ClosingParams,
  receivables: ReceivableParams,
};

/** A query string through a schema; a value that makes no sense answers 400 with its error key. */
export function parseWith<S extends z.ZodType>(schema: S, request: { url: string }): z.output<S> {
  const parsed = schema.safeParse(queryOf(request.url));
  invariantResponse(parsed.success, 400, parsed.error && firstError(parsed.error));
  return parsed.data;
}

type Page = keyof typeof PAGES;
type PageQuery = { [P in Page]: z.output<(typeof PAGES)[P]> };
const SCHEMAS: { [P in Page]: z.ZodType<PageQuery[P]> } = PAGES;

/** A page's query string, parsed by that page's schema in validation/params. */
export function parseQuery<P extends Page>(page: P, request: { url: string }): PageQuery[P] {
  const schema: z.ZodType<PageQuery[P]> = SCHEMAS[page];
  return parseWith(schema, request);
}

/** The summary pages' parameters, the year filled in (the latest with data) when none is asked for. */
export async function summaryParams(request: Request) {
  const params = parseWith(SummaryParams, request);
  return { ...params, year: params.year ?? (await defaultSummaryYear()) };
}
