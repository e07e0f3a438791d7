import { describe, expect, it } from "vitest";
import { checkCreditCode, creditCodeCheckChar, isValidCreditCode } from "~/lib/credit-code";
import { checkTownshipCode, checkVillageCode } from "~/lib/division-code";

describe("unified social credit code (GB 32100-2015)", () => {
  it.each(["91110000802100433B", "91350100M000100Y43"])("accepts the published example %s", (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it("accepts N2-prefixed codes of village collective economic organizations", () => {
    const body = "N2321204MF0000012";
    const code = body + creditCodeCheckChar(body);
    expect(checkCreditCode(code)).toEqual({ ok: true, value: code });
    expect(isValidCreditCode(`N1${code.slice(2, 17)}${creditCodeCheckChar(`N1${code.slice(2, 17)}`)}`)).toBe(true);
  });

  it("normalises case and spaces", () => {
    expect(checkCreditCode(" 91350100m000100y43 ")).toEqual({ ok: true, value: "91350100M000100Y43" });
  });

  it("rejects a wrong check character", () => {
    expect(checkCreditCode("91110000802100433A")).toEqual({ ok: false, error: "error.creditCode.check" });
    expect(checkCreditCode("91350100M000100Y44")).toEqual({ ok: false, error: "error.creditCode.check" });
  });

  it.each(["I", "O", "S", "V", "Z"])("rejects the letter %s anywhere", (letter) => {
    const code = `91110000${letter}02100433B`;
    expect(checkCreditCode(code)).toEqual({ ok: false, error: "error.creditCode.chars" });
  });

  it("rejects a wrong length", () => {
    expect(checkCreditCode("91110000802100433")).toEqual({ ok: false, error: "error.creditCode.length" });
    expect(checkCreditCode("91110000802100433BX")).toEqual({ ok: false, error: "error.creditCode.length" });
  });

  it("rejects letters where the division code stands", () => {
    const body = "9111A000802100433";
    expect(checkCreditCode(body + creditCodeCheckChar(body))).toEqual({ ok: false, error: "error.creditCode.chars" });
  });
});

describe("division codes", () => {
  it("accepts 12 digits", () => {
    expect(checkVillageCode("321204100201")).toEqual({ ok: true, value: "321204100201" });
  });

  it.each(["32120410020", "3212041002011", "32120410020A", "3212-4100201"])("rejects %s", (code) => {
    expect(checkVillageCode(code)).toEqual({ ok: false, error: "error.divisionCode.village" });
  });

  it("requires the township's 9 digits as prefix when the township's code is known", () => {
    expect(checkVillageCode("321204100201", "321204100").ok).toBe(true);
    expect(checkVillageCode("321204101201", "321204100")).toEqual({ ok: false, error: "error.divisionCode.township" });
    expect(checkVillageCode("321204101201", null).ok).toBe(true);
  });

  it("checks township codes are 9 digits", () => {
    expect(checkTownshipCode("321204100").ok).toBe(true);
    expect(checkTownshipCode("32120410").ok).toBe(false);
  });
});
