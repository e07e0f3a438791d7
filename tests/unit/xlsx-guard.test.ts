import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkXlsx } from "~/lib/xlsx-guard.server";
import { readTable } from "~/lib/tabular.server";
import { zipOf } from "../helpers/zip";

// Hostile spreadsheets are refused with a message before any reader inflates them, and a file cut
// short gets an answer, not a hang.

async function workbook(rows: number) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("收入");
  sheet.addRow(["村名", "日期", "类别", "金额（元）"]);
  for (let i = 0; i < rows; i++) sheet.addRow(["井亭村", "2024-03-05", "经营收入", 100 + i]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("the XLSX guard", () => {
  it("refuses a zip bomb by what it declares, naming the limit", async () => {
    const bomb = zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(20_000);
    expect(await checkXlsx(bomb, { totalBytes: 4 * 1024 * 1024, entries: 100 })).toEqual({
      ok: false,
      error: "error.import.inflatesTooMuch",
      params: { limit: "4" },
    });
  });

  it("stops a part that inflates to more than it declares", async () => {
    const liar = zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(8 * 1024 * 1024), 1000);
    expect(await checkXlsx(liar)).toEqual({ ok: false, error: "error.import.format" });
  });

  it("answers a workbook cut short inside a part, instead of hanging", async () => {
    const whole = await workbook(2000);
    for (const cut of [0.3, 0.6, 0.95]) {
      const part = whole.subarray(0, Math.floor(whole.length * cut));
      const result = await readTable(part);
      expect(result.ok, String(cut)).toBe(false);
    }
  });

  it("passes an ordinary workbook, and refuses one with more rows than the limit", async () => {
    const book = await workbook(300);
    expect(await checkXlsx(book)).toEqual({ ok: true });
    const read = await readTable(book);
    expect(read.ok && read.table.rows.length).toBe(300);
    expect(await readTable(book, 100)).toEqual({
      ok: false,
      error: "error.import.tooManyRows",
      params: { limit: "100" },
    });
    const csv = new TextEncoder().encode(
      ["村名,日期", ...Array.from({ length: 150 }, () => "井亭村,2024-03-05")].join("\n")
    );
    expect(await readTable(csv, 100)).toMatchObject({ ok: false, error: "error.import.tooManyRows" });
    expect((await readTable(csv, 150)).ok).toBe(true);
  });
});
