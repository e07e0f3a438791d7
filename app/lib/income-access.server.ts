import { forbidden, notFound, requireId } from "~/lib/http";
import { canWriteForVillages } from "~/lib/permissions";
import { getIncome } from "~/models/income.server";
import { requireRole, requireUser } from "~/session.server";

export async function requireIncome(request: Request, param: string | undefined) {
  const user = await requireUser(request);
  const record = await getIncome(requireId(param));
  if (!record) notFound();
  return { user, record, canWrite: canWriteForVillages(user, [record.villageId]) };
}

/** An income record the user may void or annotate: writers any, a clerk their village's. */
export async function requireWritableIncome(request: Request, param: string | undefined) {
  await requireRole(request, "admin", "editor", "clerk");
  const found = await requireIncome(request, param);
  if (!found.canWrite) forbidden();
  return found;
}
