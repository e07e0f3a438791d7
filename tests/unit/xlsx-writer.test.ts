import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { writeXlsxStream } from "~/lib/xlsx-writer.server";

// The exports' own XLSX writer, read back by exceljs (what the import reads files with): the
// sheet, its header, numbers as numbers with the ledger's format, codes as text, the frozen
// header row, column widths, characters XML must escape, and every row of many pages.

async function written(pages: (string | number | null)[][][]) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  async function* source() {
    for (const page of pages) yield page;
  }
  await writeXlsxStream(out, {
    sheetName: "收入/台账",
    columns: [
      { header: "村名", width: 12 },
      { header: "区划代码", width: 16, style: "text" },
      { header: "金额（元）", width: 16, style: "money" },
      { header: "备注", width: 30 },
    ],
    pages: source(),
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

describe("the XLSX writer", () => {
  it("writes a sheet Excel reads: header, numbers, codes as text, frozen header, widths", async () => {
    const sheet = await written([
      [
        ["井亭村", "321204100201", 12345.67, '<厂房> & "租金"'],
        ["凤凰村", null, 0.5, null],
      ],
    ]);
    expect(sheet.name).toBe("收入 台账");
    expect(sheet.getRow(1).values).toEqual([undefined, "村名", "区划代码", "金额（元）", "备注"]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).values).toEqual([undefined, "井亭村", "321204100201", 12345.67, '<厂房> & "租金"']);
    expect(sheet.getRow(2).getCell(3).numFmt).toBe("#,##0.00");
    expect(sheet.getRow(2).getCell(2).numFmt).toBe("@");
    expect(sheet.getRow(3).getCell(2).value).toBe(null);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(4).width).toBe(30);
  });

  it("keeps every row of many pages, in order", async () => {
    const pages = Array.from({ length: 12 }, (_, p) =>
      Array.from({ length: 2_500 }, (_, i) => [`村${p * 2_500 + i}`, null, p * 2_500 + i, null])
    );
    const sheet = await written(pages);
    expect(sheet.rowCount).toBe(30_001);
    expect(sheet.getRow(30_001).values).toEqual([undefined, "村29999", undefined, 29_999]);
  });
});
