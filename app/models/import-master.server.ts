import { eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Tx } from "../../db/client";
import { enterprises, townships, villages } from "../../db/schema";
import { columnName, mapHeaders, type ImportKind } from "~/lib/import-columns";
import type { Cell, Table } from "~/lib/tabular.server";
import { EnterpriseSchema } from "~/validation/enterprise";
import { VillageSchema } from "~/validation/village";
import { writeAudit, type Actor } from "./audit.server";
import { auditable, nowIso } from "./shared.server";
import type { ImportPlan, RowError } from "./import.server";

// Importing master data (villages, enterprises): each row is checked with the same zod schema as
// the form, matched to an existing record (by code, else by name), and created, updated or skipped.

const cellText = (cell: Cell | undefined) =>
  cell === null || cell === undefined
    ? ""
    : cell instanceof Date
    ? cell.toISOString().slice(0, 10)
    : String(cell).trim();
const yesNo = (v: string) => (["是", "yes", "y", "true", "1", "√"].includes(v.toLowerCase()) ? "on" : "");

type Update = { table: "villages" | "enterprises"; id: number; values: Record<string, unknown> };

/** Compares a row with the record it matches: only the columns the file has. */
function changed(existing: Record<string, unknown>, values: Record<string, unknown>) {
  return Object.entries(values).some(([k, v]) => (existing[k] ?? null) !== (v ?? null));
}

async function planMaster<S extends z.ZodType>(
  kind: "villages" | "enterprises",
  table: Table,
  schema: S,
  toForm: (get: (key: string) => string) => Record<string, unknown>,
  match: (data: z.output<S>) => Record<string, unknown> | undefined,
  fromFile: (data: z.output<S>, has: (key: string) => boolean) => Record<string, unknown>,
  duplicateKey: (data: z.output<S>) => string
): Promise<ImportPlan> {
  const headers = mapHeaders(kind, table.headers);
  if (headers.missing.length) {
    return {
      kind,
      rows: 0,
      create: 0,
      update: 0,
      skip: 0,
      unknownColumns: [],
      fileError: "error.import.missingColumns",
      errors: [{ row: 1, column: headers.missing.join("、"), message: "error.import.missingColumn" }],
      writes: { insert: [] },
    };
  }
  const errors: RowError[] = [];
  const insert: Record<string, unknown>[] = [];
  const updates: Update[] = [];
  let skip = 0;
  const seen = new Map<string, number>();
  const has = (key: string) => headers.index[key] !== undefined;
  for (const { rowNumber, cells } of table.rows) {
    const get = (key: string) => (has(key) ? cellText(cells[headers.index[key]]) : "");
    const parsed = schema.safeParse(toForm(get));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "name");
        errors.push({
          row: rowNumber,
          column: columnName(kind, key === "townshipId" ? "township" : key),
          message: issue.message,
        });
      }
      continue;
    }
    const data = parsed.data as z.output<S>;
    const dup = duplicateKey(data);
    if (seen.has(dup)) {
      errors.push({
        row: rowNumber,
        column: columnName(kind, "name"),
        message: "error.import.duplicateInFile",
        params: { value: String(seen.get(dup)) },
      });
      continue;
    }
    seen.set(dup, rowNumber);
    const values = fromFile(data, has);
    const existing = match(data);
    if (!existing) insert.push(values);
    else if (changed(existing, values)) updates.push({ table: kind, id: Number(existing.id), values });
    else skip++;
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    kind,
    rows: table.rows.length,
    create: insert.length,
    update: updates.length,
    skip,
    errors,
    unknownColumns: headers.unknown,
    writes: { insert, updates } as ImportPlan["writes"],
  };
}

export async function planVillageImport(table: Table): Promise<ImportPlan> {
  const db = await getDb();
  const townshipRows = await db.select().from(townships);
  const existing = await db.select().from(villages);
  const byCode = new Map(existing.filter((v) => v.code).map((v) => [v.code!, v]));
  const byTownshipName = new Map(existing.map((v) => [`${v.townshipId}|${v.name}`, v]));
  const codes = new Map(existing.filter((v) => v.code).map((v) => [v.code!, v.id]));
  const plan = await planMaster(
    "villages",
    table,
    VillageSchema,
    (get) => {
      const township = townshipRows.find((t) => t.name === get("township") || t.code === get("township"));
      const kind = get("kind");
      return {
        name: get("name"),
        townshipId: township ? String(township.id) : get("township") ? "-1" : "",
        kind: kind === "社区" || kind === "community" ? "community" : "village",
        code: get("code"),
        collectiveCreditCode: get("collectiveCreditCode"),
        lat: get("lat"),
        lng: get("lng"),
        households: get("households"),
        population: get("population"),
        partyMembers: get("partyMembers"),
        secretary: get("secretary"),
        notes: get("notes"),
      };
    },
    (d) => (d.code ? byCode.get(d.code) : undefined) ?? byTownshipName.get(`${d.townshipId}|${d.name}`),
    (d, has) => {
      const { boundary: _b, clearBoundary: _c, ...values } = d;
      // columns the file lacks keep what the record has
      const keep = [
        "households",
        "population",
        "partyMembers",
        "secretary",
        "notes",
        "lat",
        "lng",
        "code",
        "collectiveCreditCode",
      ].filter((k) => !has(k));
      return Object.fromEntries(Object.entries(values).filter(([k]) => !keep.includes(k)));
    },
    (d) => d.code ?? `${d.townshipId}|${d.name}`
  );
  // township checks the schema cannot make: it exists, and a code starts with its code
  const checked: RowError[] = [];
  table.rows.forEach(({ rowNumber, cells }) => {
    const headers = mapHeaders("villages", table.headers);
    const townshipText = cellText(cells[headers.index.township]);
    const township = townshipRows.find((t) => t.name === townshipText || t.code === townshipText);
    if (townshipText && !township)
      checked.push({
        row: rowNumber,
        column: "所属乡镇",
        message: "error.import.unknownTownship",
        params: { value: townshipText },
      });
    const code = headers.index.code !== undefined ? cellText(cells[headers.index.code]) : "";
    if (township?.code && /^\d{12}$/.test(code) && !code.startsWith(township.code))
      checked.push({ row: rowNumber, column: "区划代码", message: "error.divisionCode.township" });
    const owner = codes.get(code);
    const name = cellText(cells[headers.index.name]);
    if (
      owner &&
      township &&
      byTownshipName.get(`${township.id}|${name}`)?.id !== owner &&
      byCode.get(code)?.name !== name
    ) {
      checked.push({ row: rowNumber, column: "区划代码", message: "error.codeTaken" });
    }
  });
  // an unknown township is reported once, by name, not also as an empty choice
  const unknownTownshipRows = new Set(
    checked.filter((e) => e.message === "error.import.unknownTownship").map((e) => e.row)
  );
  const errors = [
    ...plan.errors.filter((e) => !(e.column === "所属乡镇" && unknownTownshipRows.has(e.row))),
    ...checked,
  ].sort((a, b) => a.row - b.row);
  return { ...plan, errors };
}

export async function planEnterpriseImport(table: Table): Promise<ImportPlan> {
  const db = await getDb();
  const existing = await db.select().from(enterprises);
  const byCode = new Map(existing.filter((e) => e.creditCode).map((e) => [e.creditCode!, e]));
  const byName = new Map(existing.map((e) => [e.name, e]));
  return planMaster(
    "enterprises",
    table,
    EnterpriseSchema,
    (get) => ({
      name: get("name"),
      creditCode: get("creditCode"),
      industry: get("industry").slice(0, 1).toUpperCase(),
      aboveSize: yesNo(get("aboveSize")),
      legalRep: get("legalRep"),
      contact: get("contact"),
      phone: get("phone"),
      address: get("address"),
      lat: get("lat"),
      lng: get("lng"),
      hasPartyOrg: yesNo(get("hasPartyOrg")),
      partyMembers: get("partyMembers"),
    }),
    (d) => (d.creditCode ? byCode.get(d.creditCode) : undefined) ?? byName.get(d.name),
    (d, has) => Object.fromEntries(Object.entries(d).filter(([k]) => k === "name" || has(k))),
    (d) => d.creditCode ?? d.name
  );
}

/** Writes a master-data plan inside the import's transaction, each record with its audit entry. */
export async function commitMaster(tx: Tx, kind: ImportKind, plan: ImportPlan, actor: Actor) {
  const table = kind === "villages" ? villages : enterprises;
  const entity = kind === "villages" ? "village" : "enterprise";
  for (const values of plan.writes.insert) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const [row] = await tx
      .insert(table)
      .values(values as any)
      .returning();
    await writeAudit(tx, { actor, action: "create", entity, entityId: row.id, after: auditable(row) });
  }
  for (const u of (plan.writes as { updates?: Update[] }).updates ?? []) {
    const [before] = await tx.select().from(table).where(eq(table.id, u.id));
    const [after] = await tx
      .update(table)
      .set({ ...u.values, version: before.version + 1, updatedAt: nowIso() })
      .where(eq(table.id, u.id))
      .returning();
    await writeAudit(tx, {
      actor,
      action: "update",
      entity,
      entityId: u.id,
      before: auditable(before),
      after: auditable(after),
    });
  }
}
