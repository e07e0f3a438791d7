import type { Role } from "../../db/schema";

// Who may do what (DESIGN.md, "Who uses it"). Checked on the server in every loader and action;
// the navigation only uses the same rules to hide what a role cannot open.

export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  villageIds: number[];
};

export type Area =
  | "home"
  | "villages"
  | "enterprises"
  | "organizations"
  | "projects"
  | "income"
  | "summary"
  | "map"
  | "import"
  | "audit"
  | "users"
  | "settings";

const ADMIN_ONLY: Area[] = ["audit", "users", "settings"];

export function canOpen(role: Role, area: Area): boolean {
  if (ADMIN_ONLY.includes(area)) return role === "admin";
  if (area === "import") return role !== "viewer";
  return true;
}

/** Master data (villages, enterprises, organizations, projects) for the whole township. */
export function canWriteAll(role: Role): boolean {
  return role === "admin" || role === "editor";
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
