import { describe, expect, it } from "vitest";
import { currentYear, isYear } from "~/lib/dates";
import { changeRatio, formatChange } from "~/lib/money";
import { YearSettingsSchema } from "~/validation/settings";
import { DashboardParams, IncomeParams, MapParams, queryOf, SummaryParams, VillageParams } from "~/validation/params";

describe("query strings parsed at the edge", () => {
  it("keeps a list's sensible filters and drops the rest, as a stale link should still open", () => {
    const f = VillageParams.parse(queryOf("/villages?q=%20东%20&page=3&sort=name&dir=desc&township=7&kind=community"));
    expect(f).toMatchObject({ q: "东", page: 3, sort: "name", dir: "desc", townshipId: 7, kind: "community" });
    const junk = VillageParams.parse(queryOf("/villages?page=-2&sort=drop&dir=up&township=1.5&kind=city"));
    expect(junk).toMatchObject({ page: 1, sort: "code", dir: "asc", townshipId: undefined, kind: undefined });
  });

  it("opens the ledger newest first unless a direction is asked for", () => {
    expect(IncomeParams.parse({}).dir).toBe("desc");
    // the ledger opens on this year; year= asks for every year
    expect(IncomeParams.parse({}).year).toBe(currentYear());
    expect(IncomeParams.parse({ year: "" }).year).toBeUndefined();
    // a page past any list stays a page SQLite can skip to
    expect(VillageParams.parse({ page: "99999999999999999999" }).page).toBe(10_000_000);
    expect(IncomeParams.parse({ dir: "asc" }).dir).toBe("asc");
    expect(IncomeParams.parse({ year: "1899", month: "13" })).toMatchObject({ year: undefined, month: undefined });
    expect(IncomeParams.parse({ year: "2024", month: "2", village: "5" })).toMatchObject({
      year: 2024,
      month: 2,
      villageId: 5,
    });
  });

  it("has one year rule: the summary, the map and the settings refuse what a list quietly drops", () => {
    for (const y of [1900, 2024, 2999]) expect(isYear(y)).toBe(true);
    for (const y of [1899, 3000, 2024.5]) expect(isYear(y)).toBe(false);
    expect(SummaryParams.safeParse({ year: "3000" }).error?.issues[0].message).toBe("error.year");
    expect(MapParams.safeParse({ year: "abcd" }).error?.issues[0].message).toBe("error.year");
    expect(
      YearSettingsSchema.safeParse({ year: "1899", weakThresholdFen: "100000", operatingCategories: ["operating"] })
        .error?.issues[0].message
    ).toBe("error.year");
    expect(
      YearSettingsSchema.safeParse({ year: "2999", weakThresholdFen: "100000", operatingCategories: ["operating"] })
        .success
    ).toBe(true);
    expect(SummaryParams.parse({ year: "" }).year).toBeUndefined();
    expect(DashboardParams.parse({ year: "1899" }).year).toBe(currentYear());
    expect(DashboardParams.parse({ year: "2019" }).year).toBe(2019);
  });
});

describe("同比, written one way everywhere", () => {
  it("is a percentage with one decimal, empty when last year had nothing", () => {
    expect(formatChange(changeRatio(112_500, 100_000))).toBe("12.5%");
    expect(formatChange(changeRatio(97_000, 100_000))).toBe("-3.0%");
    expect(formatChange(changeRatio(100, 0))).toBe("");
  });
});
