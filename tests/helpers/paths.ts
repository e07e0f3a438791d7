import { existsSync } from "node:fs";
import path from "node:path";

/** The repository's root: the nearest folder up with package.json (tests run from source, the bench from build/). */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const ROOT = findRoot(import.meta.dirname);
export const TMP = path.join(ROOT, "tests/.tmp");
/** A database migrated once per run, copied for every test file. */
export const TEMPLATE_DB = path.join(TMP, "template.db");
