import type { Role } from "../db/enums";
import { forbidden, notFound, requireId } from "./lib/http";
import {
  ADMINS,
  canEditVillage,
  canWriteAll,
  canWriteForVillages,
  RECORDERS,
  WRITERS,
  type SessionUser,
} from "./lib/permissions";
import { IMPORT_KINDS, type ImportKind } from "./models/formats.server";
import { getIncome } from "./models/income.server";
import { getOrganization } from "./models/organization.server";
import { getProject } from "./models/project.server";
import { fieldError } from "./models/shared.server";
import { getVillage } from "./models/village.server";
import { requireUser } from "./session.server";

// Every "may this user read or write this record" the server enforces, in one place. Each
// function answers 403 (or 404 for a record that is not there) before a loader or action does
// anything; the rules themselves are the client-safe answers of lib/permissions.ts.

export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** Users, settings and the audit log. */
export const requireAdmin = (request: Request) => requireRole(request, ADMINS);
/** Registering and editing master data: the township's staff. */
export const requireWriter = (request: Request) => requireRole(request, WRITERS);
/** Recording income, projects and activities: everyone but a viewer (a clerk for their own villages). */
export const requireRecorder = (request: Request) => requireRole(request, RECORDERS);

/** A clerk's record must involve one of their villages: the field error their form shows, or null. */
export function otherVillagesError(user: SessionUser, field: string, villageIds: number[]) {
  return canWriteForVillages(user, villageIds) ? null : fieldError(field, "error.clerkVillage");
}

/** The villages a user sees in their recording forms: every one for the township's staff, else their own. */
export const ownVillagesOnly = <T extends { id: number }>(user: SessionUser, villages: T[]) =>
  canWriteAll(user.role) ? villages : villages.filter((v) => user.villageIds.includes(v.id));

export async function requireIncome(request: Request, param: string | undefined) {
  const user = await requireUser(request);
  const record = await getIncome(requireId(param));
  if (!record) notFound();
  return { user, record, canWrite: canWriteForVillages(user, [record.villageId]) };
}

/** An income record the user may void or annotate: writers any, a clerk their village's. */
export async function requireWritableIncome(request: Request, param: string | undefined) {
  await requireRecorder(request);
  const found = await requireIncome(request, param);
  if (!found.canWrite) forbidden();
  return found;
}

/** A project the user may edit: writers any, a clerk one that involves their village. */
export async function requireEditableProject(request: Request, param: string | undefined) {
  const user = await requireRecorder(request);
  const project = await getProject(requireId(param));
  if (!project) notFound();
  if (!canWriteForVillages(user, project.villageIds)) forbidden();
  return { user, project };
}

/** A village's record: the township's writers, and that village's own clerk. */
export async function requireEditableVillage(request: Request, param: string | undefined) {
  const user = await requireUser(request);
  const village = await getVillage(requireId(param));
  if (!village) notFound();
  if (!canEditVillage(user, village.id)) forbidden();
  return { user, village };
}

/**
 * An organization the user may change: "edit" (delete it) is for the township's writers;
 * "activities" also for a clerk of one of its member villages.
 */
export async function requireOrganizationFor(request: Request, param: string | undefined, need: "edit" | "activities") {
  const user = await requireUser(request);
  const organization = await getOrganization(requireId(param));
  if (!organization) notFound();
  const allowed = need === "edit" ? canWriteAll(user.role) : canWriteForVillages(user, organization.villageIds);
  if (!allowed) forbidden();
  return { user, organization };
}

/** What a user may import: every kind for the township's writers; a clerk their own villages' income. */
export async function requireImporter(request: Request) {
  const user = await requireRecorder(request);
  const all = canWriteAll(user.role);
  return {
    user,
    kinds: all ? IMPORT_KINDS : (["income"] as ImportKind[]),
    allowedVillageIds: all ? undefined : user.villageIds,
  };
}
