import { mkdirSync, rmSync } from "node:fs";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { TEMPLATE_DB, TMP } from "./paths";

export default async function globalSetup() {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const { client, db } = await openDatabase(`file:${TEMPLATE_DB}`);
  await migrateDatabase(db);
  // fold the WAL into the file so a plain copy is complete
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  await client.execute("PRAGMA journal_mode = DELETE");
  client.close();
  return () => rmSync(TMP, { recursive: true, force: true });
}
