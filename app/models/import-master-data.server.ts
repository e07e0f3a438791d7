import { sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb } from "../../db/client";
import { enterprises, townships, villages } from "../../db/schema";
import { checkCreditCode } from "~/lib/credit-code";
import { checkTownshipCode, checkVillageCode } from "~/lib/division-code";
import { cellText, type Table } from "~/lib/tabular.server";
import { EnterpriseSchema } from "~/validation/enterprise";
import { TownshipSchema } from "~/validation/township";
import { VillageSchema } from "~/validation/village";
import { formValues, mapHeaders, type ImportKind } from "./formats.server";
import { planRecords, type ImportPlan, type PlannedWrite } from "./import-plan.server";
import { inJson } from "./shared.server";
import { villageCodeRule } from "./village.server";

/**
 * What a file holds in one column, as the form's schema reads it (trimmed; a code as its check
 * writes it): the keys to look up existing records by, so a plan reads the records the file names
 * and not the whole table (a province has 20,000 enterprises).
 */
function columnKeys(
  kind: ImportKind,
  table: Table,
  key: string,
  check?: (text: string) => { ok: true; value: string } | { ok: false }
) {
  const at = mapHeaders(kind, table.headers).index[key];
  if (at === undefined) return [];
  const keys = new Set<string>();
  for (const { cells } of table.rows) {
    const text = cellText(cells[at]);
    if (!text) continue;
    keys.add(text);
    const checked = check?.(text);
    if (checked?.ok) keys.add(checked.value);
  }
  return [...keys];
}

// Importing villages and enterprises: each row is checked with the same schema and rules as the
// form, matched to an existing record (by code, else by name), and created, updated or skipped.
// A villages file may name townships not registered yet: they are created first (DESIGN, Import).

/** Stands for the id of a township the same file creates; the commit puts the real one in. */
const NEW_TOWNSHIP = Number.MAX_SAFE_INTEGER;

/** The records whose code or name the file's code and name columns hold. */
function namedInFile(
  kind: "villages" | "enterprises",
  table: Table,
  code: SQLiteColumn,
  check: (text: string) => { ok: true; value: string } | { ok: false },
  name: SQLiteColumn
) {
  const codeKey = kind === "villages" ? "code" : "creditCode";
  return sql`${code} IN ${inJson(columnKeys(kind, table, codeKey, check))}
    OR ${name} IN ${inJson(columnKeys(kind, table, "name"))}`;
}

export async function planVillageImport(table: Table): Promise<ImportPlan> {
  const db = await getDb();
  const townshipRows = await db
    .select({ id: townships.id, name: townships.name, code: townships.code })
    .from(townships);
  const existing = await db
    .select()
    .from(villages)
    .where(namedInFile("villages", table, villages.code, checkVillageCode, villages.name));
  const byCode = new Map(existing.filter((v) => v.code).map((v) => [v.code!, v]));
  const byTownshipName = new Map(existing.map((v) => [`${v.townshipId}|${v.name}`, v]));
  const townshipByName = new Map(townshipRows.map((t) => [t.name, t]));
  const townshipByCode = new Map(townshipRows.filter((t) => t.code).map((t) => [t.code!, t]));
  const townshipById = new Map(townshipRows.map((t) => [t.id, t]));
  const registered = (text: string) => townshipByName.get(text) ?? townshipByCode.get(text);
  const usedCodes = new Set(townshipRows.map((t) => t.code).filter(Boolean));
  // townships to create, by name, with the code their first coded village gives them
  const created = new Map<string, { name: string; code: string | null }>();

  const plan = planRecords({
    kind: "villages",
    table,
    schema: VillageSchema,
    build: (get, fail) => {
      const text = get("township");
      const township = registered(text);
      let townshipId = township ? String(township.id) : "";
      if (!township && text) {
        if (/^\d+$/.test(text)) fail("township", "error.import.unknownTownship", text);
        else {
          const code = /^\d{12}$/.test(get("code")) ? get("code").slice(0, 9) : null;
          const known = created.get(text);
          if (!known) created.set(text, { name: text, code });
          else if (!known.code && code) known.code = code;
          townshipId = String(NEW_TOWNSHIP);
        }
      }
      return { ...formValues("villages", get), townshipId };
    },
    check: (data, fail, get) => {
      const newTownship = data.townshipId === NEW_TOWNSHIP ? created.get(get("township")) : undefined;
      const townshipCode = newTownship ? newTownship.code : townshipById.get(data.townshipId)?.code;
      const codeError = villageCodeRule(data.code, townshipCode);
      if (codeError) fail("code", codeError);
      // a code that another village holds: the row names a different village
      const owner = data.code ? byCode.get(data.code) : undefined;
      if (owner && owner.name !== data.name && byTownshipName.get(`${data.townshipId}|${data.name}`)?.id !== owner.id)
        fail("code", "error.codeTaken");
    },
    match: (d) => (d.code ? byCode.get(d.code) : undefined) ?? byTownshipName.get(`${d.townshipId}|${d.name}`),
    keepMissing: true,
    ignore: ["boundary", "clearBoundary"],
    duplicateKey: (d, get) => d.code ?? `${get("township")}|${d.name}`,
    toWrite: (row, input, found, get) => ({
      kind: "village",
      row,
      input,
      existing: found,
      newTownship: input.townshipId === NEW_TOWNSHIP ? get("township") : undefined,
    }),
  });

  // the townships to create come first, each once, checked as the townships page checks them
  const townshipWrites: PlannedWrite[] = [];
  for (const t of created.values()) {
    const code = t.code && checkTownshipCode(t.code).ok && !usedCodes.has(t.code) ? t.code : null;
    const parsed = TownshipSchema.safeParse({ name: t.name, code: code ?? "" });
    if (!parsed.success) {
      plan.errors.push({
        row: 1,
        column: "所属乡镇",
        message: parsed.error.issues[0].message,
        params: { value: t.name },
      });
      continue;
    }
    if (code) usedCodes.add(code);
    townshipWrites.push({ kind: "township", row: 0, input: parsed.data });
    plan.newTownships.push({ name: parsed.data.name, code: parsed.data.code });
  }
  plan.writes.records.unshift(...townshipWrites);
  return plan;
}

export async function planEnterpriseImport(table: Table): Promise<ImportPlan> {
  const db = await getDb();
  const existing = await db
    .select()
    .from(enterprises)
    .where(namedInFile("enterprises", table, enterprises.creditCode, checkCreditCode, enterprises.name));
  const byCode = new Map(existing.filter((e) => e.creditCode).map((e) => [e.creditCode!, e]));
  const byName = new Map(existing.map((e) => [e.name, e]));
  return planRecords({
    kind: "enterprises",
    table,
    schema: EnterpriseSchema,
    build: (get) => formValues("enterprises", get),
    match: (d) => (d.creditCode ? byCode.get(d.creditCode) : undefined) ?? byName.get(d.name),
    keepMissing: true,
    duplicateKey: (d) => d.creditCode ?? d.name,
    toWrite: (row, input, found) => ({ kind: "enterprise", row, input, existing: found }),
  });
}
