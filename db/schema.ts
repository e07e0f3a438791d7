import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Enumerations live in ./enums (no drizzle there, so pages import them without the ORM).
import {
  ACTIVITY_KINDS,
  INCOME_CATEGORIES,
  MONTH_STATES,
  ORG_LEVELS,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  ROLES,
  TERM_KINDS,
  TERM_PERIODS,
  VILLAGE_KINDS,
} from "./enums";
export * from "./enums";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const timestamps = {
  createdAt: text("created_at").notNull().default(now),
  updatedAt: text("updated_at").notNull().default(now),
};
/** Optimistic locking: every editable row carries a version, bumped on each save. */
const version = integer("version").notNull().default(1);

export const townships = sqliteTable("townships", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  code: text("code").unique(), // 9-digit division code
  version,
  ...timestamps,
});

export const villages = sqliteTable(
  "villages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    townshipId: integer("township_id")
      .notNull()
      .references(() => townships.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: VILLAGE_KINDS }).notNull().default("village"),
    code: text("code").unique(), // 12-digit 统计用区划代码
    collectiveCreditCode: text("collective_credit_code").unique(),
    lat: real("lat"),
    lng: real("lng"),
    boundary: text("boundary"), // GeoJSON Polygon / MultiPolygon
    households: integer("households"),
    population: integer("population"),
    partyMembers: integer("party_members"),
    secretary: text("secretary"),
    notes: text("notes"),
    version,
    ...timestamps,
  },
  (t) => [
    index("villages_township_idx").on(t.townshipId, t.name),
    index("villages_name_idx").on(t.name),
    // a map view asks for what is inside a box: a range on longitude, then latitude
    index("villages_lng_lat_idx").on(t.lng, t.lat),
  ]
);

export const enterprises = sqliteTable(
  "enterprises",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    creditCode: text("credit_code").unique(), // 统一社会信用代码, GB 32100-2015
    industry: text("industry"), // GB/T 4754 section letter A–T
    aboveSize: integer("above_size", { mode: "boolean" }).notNull().default(false),
    legalRep: text("legal_rep"),
    contact: text("contact"),
    phone: text("phone"),
    address: text("address"),
    lat: real("lat"),
    lng: real("lng"),
    hasPartyOrg: integer("has_party_org", { mode: "boolean" }).notNull().default(false),
    partyMembers: integer("party_members"),
    version,
    ...timestamps,
  },
  (t) => [index("enterprises_name_idx").on(t.name), index("enterprises_lng_lat_idx").on(t.lng, t.lat)]
);

export const organizations = sqliteTable("organizations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  level: text("level", { enum: ORG_LEVELS }).notNull().default("branch"),
  establishedOn: text("established_on"),
  firstSecretary: text("first_secretary"),
  firstSecretaryPost: text("first_secretary_post"),
  instructor: text("instructor"),
  partyMembers: integer("party_members"),
  dissolvedOn: text("dissolved_on"), // null while active
  version,
  ...timestamps,
});

export const organizationVillages = sqliteTable(
  "organization_villages",
  {
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.villageId] }), index("org_villages_village_idx").on(t.villageId)]
);

export const organizationEnterprises = sqliteTable(
  "organization_enterprises",
  {
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.enterpriseId] }),
    index("org_enterprises_enterprise_idx").on(t.enterpriseId),
  ]
);

export const activities = sqliteTable(
  "activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    heldOn: text("held_on").notNull(),
    kind: text("kind", { enum: ACTIVITY_KINDS }).notNull(),
    title: text("title").notNull(),
    summary: text("summary"),
    attendance: integer("attendance"),
    version,
    ...timestamps,
  },
  (t) => [index("activities_org_date_idx").on(t.organizationId, t.heldOn)]
);

export const projects = sqliteTable(
  "projects",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull().unique(),
    organizationId: integer("organization_id").references(() => organizations.id),
    type: text("type", { enum: PROJECT_TYPES }).notNull(),
    status: text("status", { enum: PROJECT_STATUSES }).notNull().default("negotiating"),
    investmentFen: integer("investment_fen"),
    contractStart: text("contract_start"),
    contractEnd: text("contract_end"),
    expectedIncomeFen: integer("expected_income_fen"),
    lat: real("lat"),
    lng: real("lng"),
    siteOutline: text("site_outline"), // GeoJSON
    notes: text("notes"),
    version,
    ...timestamps,
  },
  (t) => [
    index("projects_org_idx").on(t.organizationId),
    index("projects_status_idx").on(t.status, t.type),
    index("projects_lng_lat_idx").on(t.lng, t.lat),
  ]
);

export const projectVillages = sqliteTable(
  "project_villages",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.villageId] }), index("project_villages_village_idx").on(t.villageId)]
);

export const projectEnterprises = sqliteTable(
  "project_enterprises",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.enterpriseId] }),
    index("project_enterprises_enterprise_idx").on(t.enterpriseId),
  ]
);

export const projectStatusHistory = sqliteTable(
  "project_status_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    status: text("status", { enum: PROJECT_STATUSES }).notNull(),
    changedOn: text("changed_on").notNull(),
    userId: integer("user_id").references(() => users.id),
  },
  (t) => [index("project_status_history_idx").on(t.projectId, t.changedOn)]
);

export const incomeRecords = sqliteTable(
  "income_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    receivedOn: text("received_on").notNull(), // YYYY-MM-DD
    category: text("category", { enum: INCOME_CATEGORIES }).notNull(),
    amountFen: integer("amount_fen").notNull(),
    projectId: integer("project_id").references(() => projects.id),
    enterpriseId: integer("enterprise_id").references(() => enterprises.id),
    voucher: text("voucher"),
    note: text("note"),
    createdBy: integer("created_by").references(() => users.id),
    voidedAt: text("voided_at"),
    voidedBy: integer("voided_by").references(() => users.id),
    voidReason: text("void_reason"),
    /** what of it paid expected payments (payment_matches), kept by triggers on those */
    matchedFen: integer("matched_fen").notNull().default(0),
    version,
    ...timestamps,
  },
  (t) => [
    // SQLite treats NULLs as distinct, so records without a voucher never collide.
    uniqueIndex("income_village_voucher_uq").on(t.villageId, t.voucher),
    // covers one village's year (by month, category, project, enterprise) without touching the rows
    index("income_village_date_idx").on(
      t.villageId,
      t.receivedOn,
      t.category,
      t.amountFen,
      t.projectId,
      t.enterpriseId,
      t.voidedAt
    ),
    // lists and exports by date; the sums by year come from village_year_income
    index("income_date_idx").on(t.receivedOn),
    index("income_project_idx").on(t.projectId),
    index("income_enterprise_idx").on(t.enterpriseId),
    // receipts of a project and an enterprise not yet matched in full, by payer: what matching reads
    index("income_unmatched_idx")
      .on(t.projectId, t.villageId, t.enterpriseId, t.receivedOn)
      .where(
        sql`voided_at IS NULL AND project_id IS NOT NULL AND enterprise_id IS NOT NULL AND matched_fen < amount_fen`
      ),
    // what was voided after a report (few records: only the voided ones are in it)
    index("income_voided_idx")
      .on(t.voidedAt)
      .where(sql`voided_at IS NOT NULL`),
  ]
);

/**
 * 合同收益条款: what a project's contract says an enterprise pays a village, and how often. Its
 * expected payments are generated from it (app/lib/schedule.ts) and kept in step when it changes.
 */
export const contractTerms = sqliteTable(
  "contract_terms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    kind: text("kind", { enum: TERM_KINDS }).notNull(),
    /** the income category its payments are booked as */
    category: text("category", { enum: INCOME_CATEGORIES }).notNull(),
    amountFen: integer("amount_fen").notNull(),
    period: text("period", { enum: TERM_PERIODS }).notNull(),
    firstDue: text("first_due").notNull(),
    /** the increase in basis points (500 = 5 %), every increase_every_years years */
    increaseBp: integer("increase_bp"),
    increaseEveryYears: integer("increase_every_years"),
    /** the last day a payment can fall due: the project's contract end unless given */
    endsOn: text("ends_on").notNull(),
    notes: text("notes"),
    version,
    ...timestamps,
  },
  (t) => [
    // an income record finds its term by project, village and enterprise
    index("terms_match_idx").on(t.projectId, t.villageId, t.enterpriseId),
    index("terms_enterprise_idx").on(t.enterpriseId),
    index("terms_village_idx").on(t.villageId),
    index("terms_ends_idx").on(t.endsOn),
  ]
);

/** 应收: one due of a term — when, how much, and how much of it the matched receipts paid. */
export const expectedPayments = sqliteTable(
  "expected_payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    termId: integer("term_id")
      .notNull()
      .references(() => contractTerms.id),
    /** its place in the term's schedule, from 0 */
    seq: integer("seq").notNull(),
    dueOn: text("due_on").notNull(),
    amountFen: integer("amount_fen").notNull(),
    /** what matched receipts paid of it, kept with payment_matches */
    receivedFen: integer("received_fen").notNull().default(0),
  },
  (t) => [
    // a term's dues by date (not covering what they got: a payment would rewrite it)
    index("expected_term_idx").on(t.termId, t.dueOn),
    // a term's open dues in order: what matching pays, and its oldest open one (term_balances)
    index("expected_term_open_idx")
      .on(t.termId, t.dueOn, t.seq)
      .where(sql`received_fen < amount_fen`),
    // what is overdue: open dues by date, likewise covering
    index("expected_open_idx")
      .on(t.dueOn, t.termId, t.amountFen, t.receivedFen)
      .where(sql`received_fen < amount_fen`),
  ]
);

/**
 * 应收款 at a province's size: each term's dues added up as of one day (balances_as_of) — how many
 * had fallen due, what they asked, what of it is still open, the next due after that day and the
 * oldest open one — kept by triggers on expected_payments (db/migrations/0013_term_balances.sql) in
 * the transaction of every write, and moved on to a later day by rollBalances. So /receivables adds
 * up 80,000 terms rather than millions of dues. Checked against the dues themselves in tests.
 */
export const termBalances = sqliteTable(
  "term_balances",
  {
    termId: integer("term_id")
      .primaryKey()
      .references(() => contractTerms.id, { onDelete: "cascade" }),
    projectId: integer("project_id").notNull(),
    villageId: integer("village_id").notNull(),
    enterpriseId: integer("enterprise_id").notNull(),
    /** dues on or before the day: how many, what they asked, and what of it is open */
    dueCount: integer("due_count").notNull().default(0),
    dueFen: integer("due_fen").notNull().default(0),
    openFen: integer("open_fen").notNull().default(0),
    /** the first due after the day; the oldest due not paid in full, whenever it falls */
    nextDue: text("next_due"),
    oldestOpen: text("oldest_open"),
  },
  (t) => [
    // each grouping of 应收款 reads its terms' figures from an index alone, in the group's order
    index("balances_enterprise_idx").on(
      t.enterpriseId,
      t.dueCount,
      t.nextDue,
      t.dueFen,
      t.openFen,
      t.oldestOpen,
      t.villageId
    ),
    index("balances_village_idx").on(t.villageId, t.dueCount, t.nextDue, t.dueFen, t.openFen, t.oldestOpen),
    index("balances_project_idx").on(
      t.projectId,
      t.dueCount,
      t.nextDue,
      t.dueFen,
      t.openFen,
      t.oldestOpen,
      t.villageId
    ),
    // the terms a later day brings dues to
    index("balances_next_idx").on(t.nextDue),
  ]
);

/** The one day term_balances are added up to. */
export const balancesAsOf = sqliteTable("balances_as_of", {
  id: integer("id").primaryKey(),
  asOf: text("as_of").notNull(),
});

/** Which receipts paid which dues, and how much: by the oldest-first rule, or by hand. */
export const paymentMatches = sqliteTable(
  "payment_matches",
  {
    incomeId: integer("income_id")
      .notNull()
      .references(() => incomeRecords.id),
    expectedId: integer("expected_id")
      .notNull()
      .references(() => expectedPayments.id),
    amountFen: integer("amount_fen").notNull(),
    /** matched by a person rather than by the oldest-first rule */
    manual: integer("manual", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.incomeId, t.expectedId] }), index("matches_expected_idx").on(t.expectedId)]
);

/**
 * Each village's income of each year, by category: what the ledger adds up to, kept by triggers on
 * income_records (db/migrations/0002_village_year_income_triggers.sql) in the same transaction as
 * every write, void or delete, so the summary reads 10,000 villages without scanning the ledger.
 * Voided records count nowhere. Checked against a fresh GROUP BY in tests/integration.
 */
export const villageYearIncome = sqliteTable(
  "village_year_income",
  {
    year: integer("year").notNull(),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id, { onDelete: "cascade" }),
    operating: integer("operating").notNull().default(0),
    contracting: integer("contracting").notNull().default(0),
    investment: integer("investment").notNull().default(0),
    subsidy: integer("subsidy").notNull().default(0),
    other: integer("other").notNull().default(0),
    totalFen: integer("total_fen").notNull().default(0),
    records: integer("records").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.year, t.villageId] }), index("village_year_income_village_idx").on(t.villageId)]
);

/**
 * Each village's income of each year by month, category and project (0: none), and by paying
 * enterprise (0: none): what one village's page shows, kept by triggers on income_records
 * (db/migrations/0005_village_detail_income.sql) like village_year_income, so a village with
 * 50,000 records in a year reads a few hundred rows. Rows whose records were all voided stay at 0.
 */
export const villageMonthIncome = sqliteTable(
  "village_month_income",
  {
    villageId: integer("village_id").notNull(),
    year: integer("year").notNull(),
    month: integer("month").notNull(),
    category: text("category", { enum: INCOME_CATEGORIES }).notNull(),
    projectId: integer("project_id").notNull(),
    totalFen: integer("total_fen").notNull().default(0),
    records: integer("records").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.year, t.month, t.category, t.projectId] })]
);

export const villageEnterpriseIncome = sqliteTable(
  "village_enterprise_income",
  {
    villageId: integer("village_id").notNull(),
    year: integer("year").notNull(),
    enterpriseId: integer("enterprise_id").notNull(),
    totalFen: integer("total_fen").notNull().default(0),
    records: integer("records").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.villageId, t.year, t.enterpriseId] }),
    // a village's largest payers, read from the top (a village may have thousands)
    index("village_enterprise_income_top_idx").on(t.villageId, t.year, t.totalFen),
  ]
);

/**
 * A marker row while an import writes income in bulk: the insert triggers then leave the sums
 * above to the import, which adds its rows to them grouped, in the same transaction
 * (models/income.server.ts writeIncomeRows; db/migrations/0006_income_bulk_write.sql).
 */
export const incomeBulkWrite = sqliteTable("income_bulk_write", {
  id: integer("id").primaryKey(),
});

/**
 * A village's month in the books: no row is 未报 (open). While a month is approved (已审) no income
 * record dated in it is written, voided or deleted: refused by the one write road for income
 * (models/closing.server.ts) and, as the last line, by triggers on income_records
 * (db/migrations/0008_village_months.sql).
 */
export const villageMonths = sqliteTable(
  "village_months",
  {
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    year: integer("year").notNull(),
    month: integer("month").notNull(),
    state: text("state", { enum: MONTH_STATES }).notNull(),
    /** 本月无收入: submitted with nothing to record */
    noIncome: integer("no_income", { mode: "boolean" }).notNull().default(false),
    submittedBy: integer("submitted_by").references(() => users.id),
    submittedAt: text("submitted_at"),
    approvedBy: integer("approved_by").references(() => users.id),
    approvedAt: text("approved_at"),
    /** why it was returned, shown to the clerk until the month is submitted again */
    returnReason: text("return_reason"),
    /** a clerk's request to unlock an approved month, on the township's to-do */
    unlockRequest: text("unlock_request"),
    unlockRequestedBy: integer("unlock_requested_by").references(() => users.id),
    version,
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.villageId, t.year, t.month] }),
    // the reporting grid of a year, township by township
    index("village_months_year_idx").on(t.year, t.month, t.state),
  ]
);

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  role: text("role", { enum: ROLES }).notNull(),
  passwordHash: text("password_hash").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  lastLoginAt: text("last_login_at"),
  version,
  ...timestamps,
});

/**
 * Signed-in sessions, kept on the server: the cookie carries only the id. A session ends at
 * logout, when its user's password is reset or the user is deactivated, after its absolute
 * lifetime (expires_at) and after an idle spell (last_seen_at).
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)]
);

export const userVillages = sqliteTable(
  "user_villages",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.villageId] })]
);

/** Append-only: rows are inserted, never updated or deleted. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(now),
    userId: integer("user_id"),
    username: text("username"),
    action: text("action").notNull(), // create | update | delete | void | login | login_failed | logout
    entity: text("entity").notNull(),
    entityId: integer("entity_id"),
    before: text("before"), // JSON
    after: text("after"), // JSON
  },
  (t) => [index("audit_entity_idx").on(t.entity, t.entityId), index("audit_at_idx").on(t.at)]
);

/** Per-year settings: the year's rules (口径) and the day its months are due by. */
export const yearSettings = sqliteTable("year_settings", {
  year: integer("year").primaryKey(),
  weakThresholdFen: integer("weak_threshold_fen").notNull(),
  /** a month of the year is due by this day of the next (报送截止日) */
  reportDeadlineDay: integer("report_deadline_day").notNull().default(10),
  /** the year's rules (口径): the categories 经营性收入 adds up, comma-separated */
  operatingCategories: text("operating_categories").notNull().default("operating,contracting,investment"),
  /** 空壳村 below this operating income; 薄弱村 below the threshold; 富裕村 from richFromFen */
  shellBelowFen: integer("shell_below_fen").notNull().default(5_000_000),
  richFromFen: integer("rich_from_fen").notNull().default(50_000_000),
  version,
  updatedAt: text("updated_at").notNull().default(now),
});

/**
 * 上报版本: a year's summary as township staff reported it upward, numbered within the year and
 * never changed (triggers refuse updates and deletes). `rules` is the 口径 it was made with (JSON),
 * `townshipIds` the townships it covers (JSON), `maxIncomeId` the last ledger record it saw: what
 * came later, and what was voided after `madeAt`, is what changed since.
 */
export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    year: integer("year").notNull(),
    number: integer("number").notNull(),
    townshipIds: text("township_ids").notNull(),
    rules: text("rules").notNull(),
    villages: integer("villages").notNull(),
    totalFen: integer("total_fen").notNull(),
    operatingIncomeFen: integer("operating_income_fen").notNull(),
    maxIncomeId: integer("max_income_id").notNull(),
    madeBy: integer("made_by")
      .notNull()
      .references(() => users.id),
    madeAt: text("made_at").notNull().default(now),
    note: text("note"),
  },
  (t) => [uniqueIndex("reports_year_number_idx").on(t.year, t.number)]
);

/** One village's row of a report, as the summary showed it then (names too: they may change). */
export const reportRows = sqliteTable(
  "report_rows",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    villageId: integer("village_id").notNull(),
    /** the row's place in the report: by rank, ties by township code, village code and name */
    position: integer("position").notNull(),
    townshipId: integer("township_id").notNull(),
    townshipName: text("township_name").notNull(),
    villageName: text("village_name").notNull(),
    villageCode: text("village_code"),
    operating: integer("operating").notNull(),
    contracting: integer("contracting").notNull(),
    investment: integer("investment").notNull(),
    subsidy: integer("subsidy").notNull(),
    other: integer("other").notNull(),
    lastYearFen: integer("last_year_fen").notNull(),
    rank: integer("rank").notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.villageId] })]
);

export type Township = typeof townships.$inferSelect;
export type Village = typeof villages.$inferSelect;
export type Enterprise = typeof enterprises.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
export type Activity = typeof activities.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type IncomeRecord = typeof incomeRecords.$inferSelect;
export type User = typeof users.$inferSelect;
export type VillageMonth = typeof villageMonths.$inferSelect;
export type ContractTerm = typeof contractTerms.$inferSelect;
export type ExpectedPayment = typeof expectedPayments.$inferSelect;
export type { Role } from "./enums";
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/**
 * A marker row while allocate writes a file's matches at once: the payment_matches and
 * expected_payments triggers then leave receipts' matched_fen and term_balances to its own
 * set-based updates (models/terms.server.ts; db/migrations/0014_receipts_unmatched.sql).
 */
export const matchingBulkWrite = sqliteTable("matching_bulk_write", {
  id: integer("id").primaryKey(),
});
