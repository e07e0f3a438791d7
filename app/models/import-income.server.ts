import { and, inArray, isNull, or, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { enterprises, incomeRecords, INCOME_CATEGORIES, projects, projectVillages, villages } from "../../db/schema";
import { excelSerialToDate, parseDate, todayIso } from "~/lib/dates";
import { codeFromLabel } from "~/lib/labels";
import { parseYuan, toHalfWidth } from "~/lib/money";
import { cellText, type Cell, type Table } from "~/lib/tabular.server";
import { columnName, mapHeaders } from "./formats.server";
import { emptyPlan, missingColumnsPlan, type ImportPlan, type RowError } from "./import-plan.server";
import type { IncomeRow } from "./income.server";
import { inJson } from "./shared.server";
import { lockedMessage, lockKeyOf, locksOf } from "./closing.server";

// Importing income: every row checked against the ledger's rules and the database in a few
// queries whatever the file's size; a voucher already booked is skipped when it is the same
// record and refused when it differs (income is never updated by an import).

const text = cellText;
/** Codes and voucher numbers, with full-width digits and letters made ASCII. */
const code = (cell: Cell | undefined) => toHalfWidth(text(cell));

/** A date as a cell holds it: text in any of the accepted forms, an Excel date cell, or its serial number. */
export function cellDate(cell: Cell | undefined): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === "number") return excelSerialToDate(cell);
  return parseDate(text(cell));
}

const category = (value: string) => codeFromLabel("income.category", INCOME_CATEGORIES, value);

/**
 * Plans an income import: every row's errors at once; existing vouchers skipped or, if different,
 * refused. A village clerk's file (allowedVillageIds) may book only their own villages.
 */
export async function planIncomeImport(
  table: Table,
  { allowedVillageIds }: { allowedVillageIds?: number[] } = {}
): Promise<ImportPlan> {
  const kind = "income" as const;
  const headers = mapHeaders(kind, table.headers);
  if (headers.missing.length) return missingColumnsPlan(kind, headers.missing);
  const db = await getDb();
  const col = (key: string) => headers.index[key];
  // everything a row is checked against, in a few queries whatever the file's size, and only
  // the villages, projects and enterprises the file names
  const distinct = (key: string, read: (cell: Cell | undefined) => string = text) =>
    col(key) === undefined ? [] : [...new Set(table.rows.map((r) => read(r.cells[col(key)])).filter(Boolean))];
  const villageTexts = distinct("village");
  const villageRows = await db
    .select({ id: villages.id, name: villages.name, code: villages.code })
    .from(villages)
    .where(
      or(
        inArray(villages.code, inJson([...distinct("code", code), ...villageTexts])),
        inArray(villages.name, inJson(villageTexts))
      )
    );
  const byCode = new Map(villageRows.filter((v) => v.code).map((v) => [v.code!, v.id]));
  const byName = new Map<string, number[]>();
  for (const v of villageRows) byName.set(v.name, [...(byName.get(v.name) ?? []), v.id]);
  const projectRows = await db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(inArray(projects.name, inJson(distinct("project"))));
  const projectByName = new Map(projectRows.map((p) => [p.name, p.id]));
  const links = new Set(
    (
      await db
        .select()
        .from(projectVillages)
        .where(inArray(projectVillages.projectId, inJson(projectRows.map((p) => p.id))))
    ).map((l) => `${l.projectId}:${l.villageId}`)
  );
  const enterpriseTexts = distinct("enterprise");
  const enterpriseRows = await db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
    .from(enterprises)
    .where(
      or(
        inArray(enterprises.name, inJson(enterpriseTexts)),
        inArray(enterprises.creditCode, inJson(distinct("enterprise", (c) => code(c).toUpperCase())))
      )
    );
  const enterpriseByKey = new Map<string, number>();
  for (const e of enterpriseRows) {
    enterpriseByKey.set(e.name, e.id);
    if (e.creditCode) enterpriseByKey.set(e.creditCode, e.id);
  }

  const errors: RowError[] = [];
  const candidates: { row: number; values: IncomeRow }[] = [];
  const today = todayIso();
  const seenVouchers = new Map<string, number>();

  let checked = 0;
  let skippedVoided = 0;
  for (const { rowNumber, cells } of table.rows) {
    // a big file is checked in slices, so other users' requests are served in between
    if (++checked % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
    const get = (key: string) => (col(key) === undefined ? undefined : cells[col(key)]);
    if (["是", "yes", "true", "1"].includes(text(get("voided")).toLowerCase())) {
      skippedVoided++;
      continue;
    }
    const fail = (key: string, message: string, params?: Record<string, string>) =>
      errors.push({ row: rowNumber, column: columnName(kind, key), message, params });
    const before = errors.length;

    // the village: by its 12-digit code, or by a name that only one village has
    const codeText = code(get("code"));
    const villageText = text(get("village"));
    let villageId: number | undefined;
    const byCodeText = (t: string) => (/^\d{12}$/.test(t) ? byCode.get(t) : undefined);
    if (codeText) {
      villageId = byCodeText(codeText);
      if (!villageId) fail("code", "error.import.unknownVillageCode", { value: codeText });
    } else if (villageText) {
      villageId = byCodeText(villageText);
      if (!villageId) {
        const ids = byName.get(villageText) ?? [];
        if (ids.length === 1) villageId = ids[0];
        else
          fail("village", ids.length ? "error.import.ambiguousVillage" : "error.import.unknownVillage", {
            value: villageText,
          });
      }
    } else fail("village", "error.required");
    // a village clerk imports for their own village(s) only
    if (villageId && allowedVillageIds && !allowedVillageIds.includes(villageId)) {
      fail(codeText ? "code" : "village", "error.clerkVillage");
      villageId = undefined;
    }

    const receivedOn = cellDate(get("receivedOn"));
    if (!text(get("receivedOn"))) fail("receivedOn", "error.required");
    else if (!receivedOn) fail("receivedOn", "error.date");
    else if (receivedOn > today) fail("receivedOn", "error.futureDate");

    const categoryText = text(get("category"));
    const categoryCode = category(categoryText);
    if (!categoryCode)
      fail("category", categoryText ? "error.import.unknownCategory" : "error.required", { value: categoryText });

    const amountCell = get("amount");
    const amount = parseYuan(typeof amountCell === "number" ? String(amountCell) : text(amountCell));
    if (!amount.ok) fail("amount", amount.error);

    const projectText = text(get("project"));
    let projectId: number | null = null;
    if (projectText) {
      projectId = projectByName.get(projectText) ?? null;
      if (!projectId) fail("project", "error.import.unknownProject", { value: projectText });
      else if (villageId && !links.has(`${projectId}:${villageId}`)) fail("project", "error.projectVillage");
    }

    const enterpriseText = text(get("enterprise"));
    const enterpriseCode = code(get("enterprise")).toUpperCase();
    let enterpriseId: number | null = null;
    if (enterpriseText) {
      enterpriseId = enterpriseByKey.get(enterpriseText) ?? enterpriseByKey.get(enterpriseCode) ?? null;
      if (!enterpriseId) fail("enterprise", "error.import.unknownEnterprise", { value: enterpriseText });
    }

    const voucher = code(get("voucher")) || null;
    if (voucher && villageId) {
      const key = `${villageId}:${voucher}`;
      const first = seenVouchers.get(key);
      if (first) fail("voucher", "error.import.duplicateInFile", { value: String(first) });
      else seenVouchers.set(key, rowNumber);
    }

    if (errors.length === before && villageId && receivedOn && categoryCode && amount.ok) {
      candidates.push({
        row: rowNumber,
        values: {
          villageId,
          receivedOn,
          category: categoryCode,
          amountFen: amount.value,
          projectId,
          enterpriseId,
          voucher,
          note: text(get("note")) || null,
        },
      });
    }
  }

  // rows already in the ledger: same village and voucher (or, without a voucher, the same record)
  const existing = new Map<string, { amountFen: number; receivedOn: string }>();
  // through the unique (village, voucher) index: one lookup per row, in one statement, village
  // by village (the index's order: each of its pages read once, not once per row of the file)
  const pairs = candidates
    .filter((c) => c.values.voucher)
    .map((c) => [c.values.villageId, c.values.voucher] as const)
    .sort((a, b) => a[0] - b[0]);
  // in slices, each a quick statement, so that other people's requests are answered in between
  for (let at = 0; at < pairs.length; at += 10_000) {
    const rows = await db.all<{ villageId: number; voucher: string; amountFen: number; receivedOn: string }>(sql`
      SELECT i.village_id AS villageId, i.voucher, i.amount_fen AS amountFen, i.received_on AS receivedOn
      FROM json_each(${JSON.stringify(pairs.slice(at, at + 10_000))}) k
      JOIN income_records i ON i.village_id = k.value ->> 0 AND i.voucher = k.value ->> 1`);
    for (const r of rows) existing.set(`${r.villageId}:${r.voucher}`, r);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const sameRecord = new Set<string>();
  const signature = (v: IncomeRow) =>
    `${v.villageId}|${v.receivedOn}|${v.category}|${v.amountFen}|${v.projectId ?? ""}|${v.enterpriseId ?? ""}`;
  const dates = [...new Set(candidates.filter((c) => !c.values.voucher).map((c) => c.values.receivedOn))];
  if (dates.length) {
    const rows = await db
      .select()
      .from(incomeRecords)
      .where(
        and(
          isNull(incomeRecords.voucher),
          inArray(incomeRecords.receivedOn, inJson(dates)),
          isNull(incomeRecords.voidedAt)
        )
      );
    for (const r of rows) sameRecord.add(signature(r));
  }

  // a row dated in an approved (locked) month is refused, naming the month and who approved it
  const locks = await locksOf(
    db,
    candidates.map((c) => c.values)
  );
  const insert: IncomeRow[] = [];
  let skip = skippedVoided;
  for (const c of candidates) {
    const v = c.values;
    if (v.voucher) {
      const found = existing.get(`${v.villageId}:${v.voucher}`);
      if (found) {
        // income is never updated by import: the same voucher must be the same record
        if (found.amountFen === v.amountFen && found.receivedOn === v.receivedOn) skip++;
        else
          errors.push({
            row: c.row,
            column: columnName(kind, "voucher"),
            message: "error.import.voucherConflict",
            params: { value: v.voucher },
          });
        continue;
      }
    } else if (sameRecord.has(signature(v))) {
      skip++;
      continue;
    }
    const lock = locks.get(lockKeyOf(v));
    if (lock) {
      errors.push({ row: c.row, column: columnName(kind, "receivedOn"), message: lockedMessage(lock) });
      continue;
    }
    insert.push(v);
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    ...emptyPlan(kind),
    rows: table.rows.length,
    create: insert.length,
    skip,
    errors,
    unknownColumns: headers.unknown,
    writes: { records: [], income: insert },
  };
}
