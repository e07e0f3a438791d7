import { describe, expect, it } from "vitest";
import { toCsv } from "~/lib/csv";
import { cellText, parseCsv } from "~/lib/tabular.server";

// A cell a spreadsheet would run as a formula goes out in CSV behind a ' and comes back in unchanged.

const PLANTED = [
  "=1+2",
  '=HYPERLINK("http://evil.example","点此")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+2",
  "\r=1+2",
  "=1,2",
];

describe("CSV export and formula injection", () => {
  it.each(PLANTED)("writes %j so that no spreadsheet runs it", (planted) => {
    const text = toCsv(["备注"], [[planted]]).slice(1);
    const [, [written]] = parseCsv(text.replace(/\r\n$/, ""));
    expect(written.startsWith("'")).toBe(true);
    // the import reads back what was typed (as a form would keep it: trimmed)
    expect(cellText(written)).toBe(planted.trim());
  });

  it("leaves numbers, percentages and the tab before a long code as they are", () => {
    for (const plain of ["-3.00", "-3.0%", "+12.5%", "1,234.50", "\t321204100201", "普通备注", "a=b"]) {
      const [, [written]] = parseCsv(
        toCsv(["x"], [[plain]])
          .slice(1)
          .replace(/\r\n$/, "")
      );
      expect(written, plain).toBe(plain);
    }
    expect(toCsv(["x"], [[-3]]).slice(1)).toBe("x\r\n-3\r\n");
  });
});
