// 统计用区划代码: 12 digits for a village, whose first 9 are its township's code.

export function checkVillageCode(
  input: string,
  townshipCode?: string | null
): { ok: true; value: string } | { ok: false; error: string } {
  const code = input.trim();
  if (!/^\d{12}$/.test(code)) return { ok: false, error: "error.divisionCode.village" };
  if (townshipCode && !code.startsWith(townshipCode)) return { ok: false, error: "error.divisionCode.township" };
  return { ok: true, value: code };
}

export function checkTownshipCode(input: string): { ok: true; value: string } | { ok: false; error: string } {
  const code = input.trim();
  if (!/^\d{9}$/.test(code)) return { ok: false, error: "error.divisionCode.townshipFormat" };
  return { ok: true, value: code };
}
