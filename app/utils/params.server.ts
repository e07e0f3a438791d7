import type { z } from "zod";
import { invariantResponse } from "~/lib/http";
import { defaultSummaryYear } from "~/models/summary.server";
import { firstError, queryOf, SummaryParams } from "~/validation/params";

/** A page's query string through its schema; a value that makes no sense answers 400 with its error key. */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): z.output<S> {
  const parsed = schema.safeParse(queryOf(request.url));
  invariantResponse(parsed.success, 400, parsed.error && firstError(parsed.error));
  return parsed.data;
}

/** The summary pages' parameters, the year filled in (the latest with data) when none is asked for. */
export async function summaryParams(request: Request) {
  const params = parseQuery(SummaryParams, request);
  return { ...params, year: params.year ?? (await defaultSummaryYear()) };
}
