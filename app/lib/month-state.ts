import type { MonthState } from "../../db/enums";

/**
 * What a month's badge says: its state, or 逾期 when it is open past its deadline; a returned
 * month says 退回 even then, since its reason is what the clerk has to read.
 */
export function monthBadge(state: MonthState, overdue: boolean) {
  const shown = overdue && state !== "returned" ? "overdue" : state;
  return {
    className: `month-state month-${shown}`,
    label: shown === "overdue" ? ("closing.overdue" as const) : (`closing.state.${shown}` as const),
  };
}
