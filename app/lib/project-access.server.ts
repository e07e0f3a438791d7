import { forbidden, notFound, requireId } from "~/lib/http";
import { canWriteForVillages, type SessionUser } from "~/lib/permissions";
import { getProject } from "~/models/project.server";
import { requireRole } from "~/session.server";

/** A project the user may edit: writers any, a clerk one that involves their village. */
export async function requireEditableProject(request: Request, param: string | undefined) {
  const user = await requireRole(request, "admin", "editor", "clerk");
  const project = await getProject(requireId(param));
  if (!project) notFound();
  if (!canWriteForVillages(user, project.villageIds)) forbidden();
  return { user, project };
}

/** A clerk's project must still involve one of their villages after the change. */
export function clerkKeepsVillage(user: SessionUser, villageIds: number[]) {
  return canWriteForVillages(user, villageIds);
}
