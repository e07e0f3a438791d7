import { z } from "zod";
import {
  AUDIT_ENTITIES,
  INCOME_CATEGORIES,
  INDUSTRY_SECTIONS,
  ORG_LEVELS,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  VILLAGE_KINDS,
} from "../../db/enums";
import { currentYear, isYear, parseDate } from "~/lib/dates";
import { MAP_LAYERS, type MapLayer } from "~/lib/map-style";
import { year } from "./form";
import { PATTERNS } from "~/lib/organization-pattern";

// What each page's and file's query string may say, parsed once at the edge: routes (and the
// command line, from its flags) hand models these typed values. A list's filter that makes no
// sense is dropped, as a link with a stale filter should still open; a summary or map year that
// makes no sense is a clear 400, not a guess.

export const PAGE_SIZE = 50;

/** A parsed filter as models take it: a filter that may be absent is an optional key. */
type Filters<S extends z.ZodType> = {
  [K in keyof z.output<S> as undefined extends z.output<S>[K] ? K : never]?: z.output<S>[K];
} & { [K in keyof z.output<S> as undefined extends z.output<S>[K] ? never : K]: z.output<S>[K] };

/** The query string as the plain object a schema reads. */
export const queryOf = (url: URL | string) => Object.fromEntries(new URL(url, "http://x").searchParams);

const text = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined)
  .catch(undefined);
// at most the ten millionth page: a list's offset stays an integer SQLite takes (page=1e20 was a 500)
const page = z.coerce
  .number()
  .catch(1)
  .transform((n) => Math.min(10_000_000, Math.max(1, Math.floor(n) || 1)));
const optionalId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);
/** A year a list filters by: dropped when it makes no sense. */
const optionalYear = z.coerce.number().refine(isYear).optional().catch(undefined);

/** Search, page, sort column and direction: what every list reads. */
function listParams<const S extends readonly [string, ...string[]]>(sorts: S, defaultSort: S[number]) {
  return z.object({
    q: text,
    page,
    sort: z.enum(sorts).catch(defaultSort as never),
    dir: z.enum(["asc", "desc"]).catch("asc"),
  });
}

export const VILLAGE_SORTS = [
  "name",
  "township",
  "kind",
  "code",
  "secretary",
  "population",
  "households",
  "partyMembers",
  "income",
] as const;
export const VillageParams = listParams(VILLAGE_SORTS, "code")
  .extend({ township: optionalId, kind: optionalChoice(VILLAGE_KINDS) })
  .transform(({ township, ...p }) => ({ ...p, townshipId: township, year: currentYear() }));
export type VillageFilters = Filters<typeof VillageParams>;

export const ENTERPRISE_SORTS = [
  "name",
  "creditCode",
  "industry",
  "aboveSize",
  "legalRep",
  "partyMembers",
  "projects",
] as const;
export const EnterpriseParams = listParams(ENTERPRISE_SORTS, "name").extend({
  industry: z
    .string()
    .refine((v) => INDUSTRY_SECTIONS.includes(v))
    .optional()
    .catch(undefined),
  aboveSize: optionalChoice(["yes", "no"]),
});
export type EnterpriseFilters = Filters<typeof EnterpriseParams>;

export const ORGANIZATION_SORTS = [
  "name",
  "level",
  "establishedOn",
  "firstSecretary",
  "villages",
  "enterprises",
  "partyMembers",
  "lastReview",
] as const;
export const OrganizationParams = listParams(ORGANIZATION_SORTS, "name").extend({
  level: optionalChoice(ORG_LEVELS),
  status: optionalChoice(["active", "dissolved"]),
  pattern: optionalChoice(PATTERNS),
});
export type OrganizationFilters = Filters<typeof OrganizationParams>;

export const PROJECT_SORTS = [
  "name",
  "type",
  "status",
  "organization",
  "investment",
  "expectedIncome",
  "contractStart",
  "contractEnd",
] as const;
export const ProjectParams = listParams(PROJECT_SORTS, "name")
  .extend({
    type: optionalChoice(PROJECT_TYPES),
    status: optionalChoice(PROJECT_STATUSES),
    village: optionalId,
    enterprise: optionalId,
    organization: optionalId,
  })
  .transform(({ village, enterprise, organization, ...p }) => ({
    ...p,
    villageId: village,
    enterpriseId: enterprise,
    organizationId: organization,
  }));
export type ProjectFilters = Filters<typeof ProjectParams>;

export const INCOME_SORTS = [
  "receivedOn",
  "village",
  "category",
  "amount",
  "voucher",
  "project",
  "enterprise",
] as const;
// the ledger opens on this year; year= (the filter's 全部) asks for every year
const thisYearUnlessAsked = (query: unknown) => ({ year: String(currentYear()), ...(query as object) });
export const IncomeParams = z.preprocess(
  thisYearUnlessAsked,
  listParams(INCOME_SORTS, "receivedOn")
    .extend({
      // the ledger opens newest first unless asked otherwise
      dir: z
        .enum(["asc", "desc"])
        .optional()
        .catch("asc")
        .transform((d) => d ?? "desc"),
      township: optionalId,
      village: optionalId,
      year: optionalYear,
      month: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
      category: optionalChoice(INCOME_CATEGORIES),
      project: optionalId,
      enterprise: optionalId,
      voided: optionalChoice(["yes", "no"]),
    })
    .transform(({ township, village, project, enterprise, ...p }) => ({
      ...p,
      townshipId: township,
      villageId: village,
      projectId: project,
      enterpriseId: enterprise,
    }))
);
export type IncomeFilters = Filters<typeof IncomeParams>;

export const SUMMARY_SORTS = [
  "rank",
  "township",
  "village",
  "code",
  "total",
  "operatingIncome",
  "lastYear",
  "change",
  ...INCOME_CATEGORIES,
] as const;
export type SummarySort = (typeof SUMMARY_SORTS)[number];
/** The summary's year (absent: the latest with data, which the route asks the model for), township and sort. */
export const SummaryParams = z
  .object({
    year: z.preprocess((v) => (v === "" ? undefined : v), year().optional()),
    township: optionalId,
    sort: z.enum(SUMMARY_SORTS).catch("rank"),
    dir: z.enum(["asc", "desc"]).catch("asc"),
    unit: z.enum(["yuan", "wan"]).catch("yuan"),
  })
  .transform(({ township, ...p }) => ({ ...p, townshipId: township }));
export type SummaryParamsInput = Filters<typeof SummaryParams>;

/** 报送情况: a year (this one unless asked) and a township. */
/** 应收款 by whom it is owed by or to (DESIGN, "What is owed"). */
export const RECEIVABLE_GROUPS = ["enterprise", "village", "project"] as const;
export const RECEIVABLE_SORTS = ["outstanding", "name", "due", "received", "days"] as const;
export const ReceivableParams = listParams(RECEIVABLE_SORTS, "outstanding")
  .extend({
    // the largest amounts owed first, unless asked otherwise
    dir: z.enum(["asc", "desc"]).catch("desc"),
    by: z.enum(RECEIVABLE_GROUPS).catch("enterprise"),
    township: optionalId,
    overdue: z
      .string()
      .optional()
      .transform((v) => v === "1" || v === "on")
      .catch(false),
  })
  .transform(({ township, ...p }) => ({ ...p, townshipId: township }));
export type ReceivableFilters = Filters<typeof ReceivableParams>;

/** Every contract term, for its file: no filters (a page at a time). */
export const TermFileParams = z.object({}).transform(() => ({ page: 1 }));
export type TermFileFilters = z.output<typeof TermFileParams>;

/** A report's file: which report (from its address), and one township of it. */
export const ReportFileParams = z
  .object({
    report: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    township: optionalId,
  })
  .transform(({ report, township }) => ({ reportId: report, townshipId: township ?? null }));
export type ReportFileFilters = z.output<typeof ReportFileParams>;

export const ClosingParams = z
  .object({
    year: z.coerce
      .number()
      .refine(isYear)
      .catch(() => currentYear()),
    township: optionalId,
  })
  .transform(({ township, ...p }) => ({ ...p, townshipId: township ?? null }));
export type ClosingFilters = z.output<typeof ClosingParams>;

/** A change of a village's month, as its page's forms send it. */
export const MonthChangeSchema = z.object({
  intent: z.enum(["submit", "approve", "return", "unlock", "request_unlock"]),
  reason: z.string().max(500, "error.tooLong").optional(),
  noIncome: z.literal("on").optional(),
});

/** The dashboard's year: this year unless another makes sense. */
export const DashboardParams = z.object({
  year: z.coerce
    .number()
    .refine(isYear)
    .catch(() => currentYear()),
});

const idOr = (error: string) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number({ error }).int(error).positive(error).max(Number.MAX_SAFE_INTEGER, error).optional()
  );
/** The map's filters: a value that makes no sense is an error key (the GeoJSON answers 400 with it). */
export const MapParams = z
  .object({
    township: idOr("error.map.id"),
    organization: idOr("error.map.id"),
    type: z.preprocess((v) => v || undefined, z.enum(PROJECT_TYPES, { error: "error.map.type" }).optional()),
    status: z.preprocess((v) => v || undefined, z.enum(PROJECT_STATUSES, { error: "error.map.status" }).optional()),
    year: z.preprocess((v) => (v === "" ? undefined : v), year().optional()),
    layers: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const layers = v ? v.split(",").filter(Boolean) : [...MAP_LAYERS];
        if (layers.some((l) => !MAP_LAYERS.includes(l as MapLayer))) {
          ctx.addIssue({ code: "custom", message: "error.map.layers" });
          return z.NEVER;
        }
        return layers as MapLayer[];
      }),
    bbox: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const parts = v.split(",").map(Number);
        if (
          parts.length !== 4 ||
          parts.some((n) => !Number.isFinite(n)) ||
          parts[0] > parts[2] ||
          parts[1] > parts[3]
        ) {
          ctx.addIssue({ code: "custom", message: "error.map.bbox" });
          return z.NEVER;
        }
        return parts as [number, number, number, number];
      }),
    full: z.literal("1").optional().catch(undefined),
  })
  .transform(({ township, organization, full, ...p }) => ({
    ...p,
    townshipId: township,
    organizationId: organization,
    /** the download for GIS users: every feature, never clusters */
    full: full === "1",
  }));

const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v ? parseDate(v) ?? undefined : undefined))
  .catch(undefined);
export const AuditParams = z
  .object({
    entity: optionalChoice(AUDIT_ENTITIES),
    user: optionalId,
    record: optionalId,
    from: optionalDate,
    to: optionalDate,
  })
  .transform(({ user, record, ...p }) => ({ ...p, userId: user, entityId: record }));

/** The first error key of a failed parse, for the 400 a route answers. */
export const firstError = (error: z.ZodError) => error.issues[0]?.message ?? "error.invalid";

/** A picker's search: what was typed (cut at 50 characters), and what narrows it. */
export const PickParams = z.object({
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? "").slice(0, 50)),
  village: optionalId,
  own: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});
