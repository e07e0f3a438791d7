import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const TMP = path.join(ROOT, "tests/.tmp");
/** A database migrated once per run, copied for every test file. */
export const TEMPLATE_DB = path.join(TMP, "template.db");
