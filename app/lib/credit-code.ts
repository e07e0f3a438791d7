// 统一社会信用代码, GB 32100-2015: 18 characters from a 31-character alphabet (no I O S V Z),
// the last a check character over the first 17.

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when they are not from the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Normalises (trims, upper-cases) and checks a code; errors are i18n keys. */
export function checkCreditCode(input: string): { ok: true; value: string } | { ok: false; error: string } {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, error: "error.creditCode.length" };
  if (/[IOSVZ]/.test(code) || !/^[0-9A-HJ-NP-RTUW-Y]{18}$/.test(code)) {
    return { ok: false, error: "error.creditCode.chars" };
  }
  // Characters 3–8 are the registering authority's administrative division code.
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, error: "error.creditCode.chars" };
  // N2 (a village's collective economic organization) is valid; the check decides, not the prefix.
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, error: "error.creditCode.check" };
  return { ok: true, value: code };
}

export function isValidCreditCode(input: string): boolean {
  return checkCreditCode(input).ok;
}
