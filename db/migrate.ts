import path from "node:path";
import { migrate } from "drizzle-orm/libsql/migrator";
import type { Db } from "./client";

/** Applies the migrations drizzle-kit generated into db/migrations (run from the repository root). */
export async function migrateDatabase(
  db: Db,
  migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations")
) {
  await migrate(db, { migrationsFolder });
}
