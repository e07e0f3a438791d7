import { describe, expect, it } from "vitest";
import {
  currentYear,
  excelSerialToDate,
  formatDateTime,
  lastFullQuarterStart,
  parseDate,
  quarterOf,
  todayIso,
} from "~/lib/dates";

describe("parseDate", () => {
  it.each([
    ["2024-03-05", "2024-03-05"],
    ["2024/3/5", "2024-03-05"],
    ["2024年3月5日", "2024-03-05"],
    ["2024 年 12 月 31 日", "2024-12-31"],
    ["2024.3.5", "2024-03-05"],
    ["２０２４/３/５", "2024-03-05"],
    ["2024-2-29", "2024-02-29"],
  ])("reads %s", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each(["2023-02-29", "2024-13-01", "2024-04-31", "2024-00-10", "24-3-5", "3/5/2024", "", "昨天"])(
    "rejects %j",
    (text) => {
      expect(parseDate(text)).toBeNull();
    }
  );
});

describe("excel serial dates", () => {
  it("converts Excel's day numbers", () => {
    expect(excelSerialToDate(45356)).toBe("2024-03-05");
    expect(excelSerialToDate(45356.75)).toBe("2024-03-05");
    expect(excelSerialToDate(-1)).toBeNull();
  });
});

describe("today in China", () => {
  it("is already the next day at 07:00 Beijing time", () => {
    expect(todayIso(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
    expect(currentYear(new Date("2024-12-31T15:59:00Z"))).toBe(2024);
  });
});

describe("formatDateTime", () => {
  it("shows stored UTC times in Beijing time", () => {
    expect(formatDateTime("2024-03-05T06:30:00.000Z")).toBe("2024-03-05 14:30");
    expect(formatDateTime("2024-12-31T20:00:00Z")).toBe("2025-01-01 04:00");
    expect(formatDateTime(null)).toBe("—");
  });
});

describe("lastFullQuarterStart", () => {
  it("is the start of the quarter before today's", () => {
    expect(lastFullQuarterStart("2024-11-25")).toBe("2024-07-01");
    expect(lastFullQuarterStart("2024-10-01")).toBe("2024-07-01");
    expect(lastFullQuarterStart("2024-09-30")).toBe("2024-04-01");
    expect(lastFullQuarterStart("2025-02-14")).toBe("2024-10-01");
    expect(quarterOf("2024-10-01")).toEqual({ year: 2024, quarter: 4 });
  });
});
