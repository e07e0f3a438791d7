import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import yazl from "yazl";

// A one-sheet XLSX written as its rows come: the sheet's XML is deflated into the zip as it is
// written (yazl), so memory stays flat however many rows. exceljs's streaming writer keeps the
// whole sheet's XML until the end (exceljs#1894, #2916: 184 MB of buffers for a province's year
// of income). The parts are the few Excel and WPS need: content types, relationships, the
// workbook, styles (bold header, #,##0.00 for amounts, text for codes) and the sheet, with its
// first row frozen and its columns' widths.

export type XlsxColumn = { header: string; width: number; style?: "money" | "text" };
type CellValue = string | number | null | undefined;

const STYLE = { plain: 0, header: 1, money: 2, text: 3 } as const;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`;
const APP = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>村企联建台账</Application></Properties>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const workbookXml = (sheetName: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(
  sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31)
)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

// characters XML 1.0 cannot hold (control characters but tab, newline and return) are dropped
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
function escapeXml(text: string) {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number) {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function cellXml(ref: string, value: CellValue, style: number) {
  const s = style ? ` s="${style}"` : "";
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
}

/**
 * Writes the workbook to `out`: the header row, then each page of rows as it comes (waiting for
 * the reader when it falls behind), then the end of the sheet and the zip.
 */
export async function writeXlsxStream(
  out: Writable,
  { sheetName, columns, pages }: { sheetName: string; columns: XlsxColumn[]; pages: AsyncIterable<CellValue[][]> }
) {
  const zip = new yazl.ZipFile();
  const piped = zip.outputStream.pipe(out);
  const finished = once(piped, "finish");
  const added = { mtime: new Date(), compress: true };
  zip.addBuffer(Buffer.from(CONTENT_TYPES), "[Content_Types].xml", added);
  zip.addBuffer(Buffer.from(ROOT_RELS), "_rels/.rels", added);
  zip.addBuffer(Buffer.from(APP), "docProps/app.xml", added);
  zip.addBuffer(Buffer.from(workbookXml(sheetName)), "xl/workbook.xml", added);
  zip.addBuffer(Buffer.from(WORKBOOK_RELS), "xl/_rels/workbook.xml.rels", added);
  zip.addBuffer(Buffer.from(STYLES), "xl/styles.xml", added);
  const sheet = new PassThrough();
  zip.addReadStream(sheet, "xl/worksheets/sheet1.xml", added);
  zip.end();
  const letters = columns.map((_, i) => columnLetters(i));
  const styles = columns.map((c) => (c.style ? STYLE[c.style] : STYLE.plain));
  const write = async (text: string) => {
    if (!sheet.write(text)) await once(sheet, "drain");
  };
  await write(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${columns
      .map(
        (c, i) =>
          `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${
            styles[i] ? ` style="${styles[i]}"` : ""
          }/>`
      )
      .join("")}</cols><sheetData><row r="1">${columns
      .map((c, i) => cellXml(`${letters[i]}1`, c.header, STYLE.header))
      .join("")}</row>`
  );
  let r = 1;
  for await (const page of pages) {
    const parts: string[] = [];
    for (const values of page) {
      r++;
      let cells = "";
      for (let i = 0; i < columns.length; i++) cells += cellXml(`${letters[i]}${r}`, values[i], styles[i]);
      parts.push(`<row r="${r}">${cells}</row>`);
    }
    await write(parts.join(""));
  }
  sheet.end("</sheetData></worksheet>");
  await finished;
}
