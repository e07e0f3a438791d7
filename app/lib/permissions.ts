import type { Role } from "../../db/enums";

// Who may do what (DESIGN.md, "Who uses it"): the answers, safe to use in the browser to decide
// which buttons to show. The server requires the same answers in app/permissions.server.ts.

export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  villageIds: number[];
};

/** The role sets every check names. */
export const ADMINS: readonly Role[] = ["admin"];
/** Township staff: register and edit every record. */
export const WRITERS: readonly Role[] = ["admin", "editor"];
/** Everyone who records income, projects and activities (a clerk for their own villages). */
export const RECORDERS: readonly Role[] = ["admin", "editor", "clerk"];

export type Area =
  | "home"
  | "villages"
  | "enterprises"
  | "organizations"
  | "projects"
  | "income"
  | "summary"
  | "closing"
  | "receivables"
  | "map"
  | "import"
  | "audit"
  | "users"
  | "settings";

const ADMIN_ONLY: Area[] = ["audit", "users", "settings"];

export function canOpen(role: Role, area: Area): boolean {
  if (ADMIN_ONLY.includes(area)) return ADMINS.includes(role);
  if (area === "import") return RECORDERS.includes(role);
  return true;
}

/** Master data (villages, enterprises, organizations, projects) for the whole township. */
export function canWriteAll(role: Role): boolean {
  return WRITERS.includes(role);
}

/** Income, projects and activities: everyone who writes, a clerk only where one of their villages is involved. */
export function canWriteForVillages(user: SessionUser, villageIds: number[]): boolean {
  if (canWriteAll(user.role)) return true;
  if (user.role !== "clerk") return false;
  return villageIds.some((id) => user.villageIds.includes(id));
}

/** A village's own record: the township's writers, and that village's clerk. */
export function canEditVillage(user: SessionUser, villageId: number): boolean {
  return canWriteAll(user.role) || (user.role === "clerk" && user.villageIds.includes(villageId));
}
