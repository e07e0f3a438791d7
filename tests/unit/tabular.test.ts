import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { decodeText, parseCsv, readTable } from "~/lib/tabular.server";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, "../fixtures", name)));

describe("reading the files offices have", () => {
  it("tells GB18030 from UTF-8 by the bytes, and reads both the same", async () => {
    const gb = await readTable(fixture("income-gb18030.csv"));
    const utf8 = await readTable(fixture("income-utf8-bom.csv"));
    expect(gb.ok && gb.encoding).toBe("gb18030");
    expect(utf8.ok && utf8.encoding).toBe("utf-8");
    if (!gb.ok || !utf8.ok) return;
    expect(gb.table).toEqual(utf8.table);
    expect(gb.table.headers).toEqual(["村名", "日期", "类别", "金额（元）", "项目", "付款企业", "凭证号", "备注"]);
    expect(gb.table.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(gb.table.rows[0].cells[3]).toBe("1,234.50");
    expect(gb.table.rows[1].cells[7]).toBe("分红，第一期");
  });

  it("decodes UTF-8 without a BOM as UTF-8", () => {
    expect(decodeText(new TextEncoder().encode("村名,金额"))).toEqual({ text: "村名,金额", encoding: "utf-8" });
  });

  it("parses quoted fields with commas, quotes and line breaks", () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\nlines"\r\nx,,z')).toEqual([
      ["a", "b,c", 'say "hi"', "two\nlines"],
      ["x", "", "z"],
    ]);
  });

  it("reads XLSX text, number and date cells", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("收入");
    sheet.addRow(["村名", "日期", "金额（元）"]);
    sheet.addRow([]);
    sheet.addRow(["井亭村", new Date(Date.UTC(2024, 2, 5)), 1234.5]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const read = await readTable(bytes);
    expect(read.ok && read.format).toBe("xlsx");
    if (!read.ok) return;
    expect(read.table.rows).toEqual([{ rowNumber: 3, cells: ["井亭村", new Date(Date.UTC(2024, 2, 5)), 1234.5] }]);
  });

  it("gives one clear error for an empty file, a header-less file or something that is not a table", async () => {
    expect(await readTable(new Uint8Array())).toEqual({ ok: false, error: "error.import.empty" });
    expect(await readTable(new TextEncoder().encode("\r\n\r\n"))).toEqual({ ok: false, error: "error.import.empty" });
    expect(await readTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]))).toEqual({
      ok: false,
      error: "error.import.format",
    });
    expect(await readTable(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual({
      ok: false,
      error: "error.import.format",
    });
  });
});
