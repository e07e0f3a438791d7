/** The kinds of record the audit log names (shared with the browser: the /audit filter lists them). */
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
] as const;
