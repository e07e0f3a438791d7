import { describe, expect, it } from "vitest";
import { addMonths, MAX_DUES, raise, schedule, type ScheduleTerm } from "~/lib/schedule";

// The expected payments of a contract term, checked date by date and fen by fen against cases
// worked out by hand.

const term = (t: Partial<ScheduleTerm>): ScheduleTerm => ({
  amountFen: 1_000_000,
  period: "month",
  firstDue: "2024-01-15",
  increaseBp: null,
  increaseEveryYears: null,
  endsOn: "2024-12-31",
  ...t,
});
const dates = (t: Partial<ScheduleTerm>) => schedule(term(t)).map((d) => d.dueOn);

describe("due dates", () => {
  it("come monthly, quarterly, half-yearly and yearly up to the end, the end day included", () => {
    expect(dates({ period: "month", endsOn: "2024-04-15" })).toEqual([
      "2024-01-15",
      "2024-02-15",
      "2024-03-15",
      "2024-04-15",
    ]);
    expect(dates({ period: "quarter", endsOn: "2025-01-14" })).toEqual([
      "2024-01-15",
      "2024-04-15",
      "2024-07-15",
      "2024-10-15",
    ]);
    expect(dates({ period: "half_year", endsOn: "2025-12-31" })).toEqual([
      "2024-01-15",
      "2024-07-15",
      "2025-01-15",
      "2025-07-15",
    ]);
    expect(dates({ period: "year", firstDue: "2020-12-31", endsOn: "2023-12-31" })).toEqual([
      "2020-12-31",
      "2021-12-31",
      "2022-12-31",
      "2023-12-31",
    ]);
  });

  it("is once for a one-off, and none when it is due after the end", () => {
    expect(schedule(term({ period: "once", firstDue: "2024-06-30" }))).toEqual([
      { seq: 0, dueOn: "2024-06-30", amountFen: 1_000_000 },
    ]);
    expect(dates({ firstDue: "2025-01-01", endsOn: "2024-12-31" })).toEqual([]);
  });

  it("falls on a shorter month's last day, counted from the first due (31 Jan → 29 Feb → 31 Mar)", () => {
    expect(dates({ firstDue: "2024-01-31", endsOn: "2024-05-31" })).toEqual([
      "2024-01-31",
      "2024-02-29",
      "2024-03-31",
      "2024-04-30",
      "2024-05-31",
    ]);
    expect(dates({ period: "quarter", firstDue: "2023-11-30", endsOn: "2024-09-01" })).toEqual([
      "2023-11-30",
      "2024-02-29",
      "2024-05-30",
      "2024-08-30",
    ]);
    expect(addMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(addMonths("2024-12-15", 1)).toBe("2025-01-15");
    expect(addMonths("2024-12-15", 25)).toBe("2027-01-15");
  });

  it("keeps 29 February in leap years and falls on the 28th in the others", () => {
    expect(dates({ period: "year", firstDue: "2024-02-29", endsOn: "2028-12-31" })).toEqual([
      "2024-02-29",
      "2025-02-28",
      "2026-02-28",
      "2027-02-28",
      "2028-02-29",
    ]);
  });

  it("stops at MAX_DUES however far the end", () => {
    expect(dates({ firstDue: "2000-01-01", endsOn: "2199-12-31" })).toHaveLength(MAX_DUES);
  });
});

describe("amounts", () => {
  it("rise by the increase every N whole years, each raise on the amount before it, to the fen", () => {
    // 10,000.00 a quarter, 5 % every 2 years: 10,000.00 for 2024–2025, 10,500.00, then 11,025.00
    const dues = schedule(
      term({ period: "quarter", firstDue: "2024-03-31", increaseBp: 500, increaseEveryYears: 2, endsOn: "2029-12-31" })
    );
    expect(dues.map((d) => [d.dueOn, d.amountFen])).toEqual([
      ["2024-03-31", 1_000_000],
      ["2024-06-30", 1_000_000],
      ["2024-09-30", 1_000_000],
      ["2024-12-31", 1_000_000],
      ["2025-03-31", 1_000_000],
      ["2025-06-30", 1_000_000],
      ["2025-09-30", 1_000_000],
      ["2025-12-31", 1_000_000],
      ["2026-03-31", 1_050_000],
      ["2026-06-30", 1_050_000],
      ["2026-09-30", 1_050_000],
      ["2026-12-31", 1_050_000],
      ["2027-03-31", 1_050_000],
      ["2027-06-30", 1_050_000],
      ["2027-09-30", 1_050_000],
      ["2027-12-31", 1_050_000],
      ["2028-03-31", 1_102_500],
      ["2028-06-30", 1_102_500],
      ["2028-09-30", 1_102_500],
      ["2028-12-31", 1_102_500],
      ["2029-03-31", 1_102_500],
      ["2029-06-30", 1_102_500],
      ["2029-09-30", 1_102_500],
      ["2029-12-31", 1_102_500],
    ]);
  });

  it("rounds each raise half up to the fen", () => {
    // 3 % on 333.33 yuan is 343.3299 → 343.33; 2.5 % on 0.20 yuan is 0.205 → 0.21
    expect(raise(33_333, 300)).toBe(34_333);
    expect(raise(20, 250)).toBe(21);
    const yearly = schedule(
      term({ period: "year", amountFen: 33_333, increaseBp: 300, increaseEveryYears: 1, endsOn: "2027-01-15" })
    );
    expect(yearly.map((d) => d.amountFen)).toEqual([33_333, 34_333, 35_363, 36_424]);
  });

  it("does not rise without both an increase and its years", () => {
    const flat = schedule(term({ period: "year", increaseBp: 500, increaseEveryYears: null, endsOn: "2030-01-15" }));
    expect(new Set(flat.map((d) => d.amountFen))).toEqual(new Set([1_000_000]));
  });
});
