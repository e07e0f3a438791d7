import { describe, expect, it } from "vitest";
import { formatFen, formatWan, parseYuan } from "~/lib/money";

describe("parseYuan", () => {
  it.each([
    ["1234.50", 123450],
    ["¥1,234.50", 123450],
    ["￥ 1,234.5", 123450],
    ["1234", 123400],
    ["0.01", 1],
    ["550000", 55000000],
    ["１２３４.５", 123450],
    ["1,234,567.89", 123456789],
    ["88元", 8800],
  ])("reads %s as %i fen", (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, value: fen });
  });

  it("rejects three decimals, with the message that says so", () => {
    expect(parseYuan("12.345")).toEqual({ ok: false, error: "error.money.decimals" });
  });

  it("rejects negatives and zero where a positive amount is required", () => {
    expect(parseYuan("-5")).toEqual({ ok: false, error: "error.money.positive" });
    expect(parseYuan("0")).toEqual({ ok: false, error: "error.money.positive" });
    expect(parseYuan("0.00")).toEqual({ ok: false, error: "error.money.positive" });
  });

  it("allows zero or negatives only when asked", () => {
    expect(parseYuan("0", { allowZero: true })).toEqual({ ok: true, value: 0 });
    expect(parseYuan("-12.5", { allowNegative: true })).toEqual({ ok: true, value: -1250 });
  });

  it.each(["", "  ", "abc", "12,34", "1.2.3", "1e5", "¥"])("rejects %j", (text) => {
    expect(parseYuan(text).ok).toBe(false);
  });

  it("says an empty amount is required", () => {
    expect(parseYuan("")).toEqual({ ok: false, error: "error.required" });
    expect(parseYuan(undefined)).toEqual({ ok: false, error: "error.required" });
  });

  it("never produces a fraction of a fen from binary floating point", () => {
    // 0.29 * 100 is 28.999999999999996 as a double
    expect(parseYuan("0.29")).toEqual({ ok: true, value: 29 });
    expect(parseYuan("19.99")).toEqual({ ok: true, value: 1999 });
  });
});

describe("formatFen / formatWan", () => {
  it("shows yuan with two decimals and separators", () => {
    expect(formatFen(123450)).toBe("1,234.50");
    expect(formatFen(5)).toBe("0.05");
    expect(formatFen(-123456789)).toBe("-1,234,567.89");
    expect(formatFen(123450, { grouping: false })).toBe("1234.50");
  });

  it("round-trips through parseYuan", () => {
    for (const fen of [1, 99, 100, 123456789, 55000000]) {
      expect(parseYuan(formatFen(fen))).toEqual({ ok: true, value: fen });
    }
  });

  it("shows 万元 with two decimals", () => {
    expect(formatWan(55_000_000)).toBe("55.00");
    expect(formatWan(1_234_567)).toBe("1.23");
    expect(formatWan(15_000)).toBe("0.02"); // half a hundredth rounds away from zero
    expect(formatWan(-15_000)).toBe("-0.02");
    expect(formatWan(-1)).toBe("0.00");
    expect(formatWan(123_456_789_012)).toBe("123,456.79");
  });
});
