// Enumerations are stored as stable English codes; Chinese labels live in app/i18n.
export const VILLAGE_KINDS = ["village", "community"] as const;
export const ORG_LEVELS = ["committee", "general_branch", "branch"] as const;
export const ACTIVITY_KINDS = ["quarterly_review", "theme_day", "joint_activity", "training", "other"] as const;
export const PROJECT_TYPES = [
  "land_transfer",
  "building_lease",
  "shares_dividends",
  "labour_services",
  "construction",
  "farming",
  "tourism",
  "clean_energy",
  "property_services",
  "other",
] as const;
export const PROJECT_STATUSES = ["negotiating", "signed", "building", "operating", "ended"] as const;
export const INCOME_CATEGORIES = ["operating", "contracting", "investment", "subsidy", "other"] as const;
/** 经营性收入 = 经营收入 + 发包及上交收入 + 投资收益 */
export const OPERATING_CATEGORIES = ["operating", "contracting", "investment"] as const;
export const ROLES = ["admin", "editor", "clerk", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const INDUSTRY_SECTIONS = "ABCDEFGHIJKLMNOPQRST".split("") as readonly string[];
/** The kinds of record the audit log names. */
export const AUDIT_ENTITIES = [
  "township",
  "village",
  "enterprise",
  "organization",
  "activity",
  "project",
  "income",
  "user",
  "session",
  "settings",
  "month",
  "report",
  "term",
] as const;
/**
 * A village's month in the books (DESIGN, "Closing the books"): 未报 open, 已报 submitted, 已审
 * approved (locked), 退回 returned with a reason (open again).
 */
export const MONTH_STATES = ["open", "submitted", "approved", "returned"] as const;
/** 合同收益条款's kinds: 固定租金, 保底分红, 分红, 劳务费, 一次性 (DESIGN, "What is owed"). */
export const TERM_KINDS = ["fixed_rent", "guaranteed_dividend", "dividend", "service_fee", "one_off"] as const;
/** How often a term falls due: 月 / 季 / 半年 / 年 / 一次 (app/lib/schedule.ts). */
export const TERM_PERIODS = ["month", "quarter", "half_year", "year", "once"] as const;
export type MonthState = (typeof MONTH_STATES)[number];
