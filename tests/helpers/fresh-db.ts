import { copyFileSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TMP } from "./paths";

// Every test file gets its own copy of the migrated database, opened by the app's own client.
const dir = mkdtempSync(path.join(TMP, "db-"));
const file = path.join(dir, "app.db");
copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.SESSION_SECRET ??= "test-session-secret";
