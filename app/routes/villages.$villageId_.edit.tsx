import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { forbidden, notFound, requireId } from "~/lib/http";
import { canWriteAll } from "~/lib/permissions";
import { getVillage } from "~/models/village.server";
import { requireUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const village = await getVillage(requireId(params.villageId));
  if (!village) notFound();
  // A clerk keeps their own village's record up to date, and no other.
  if (!canWriteAll(user.role) && !(user.role === "clerk" && user.villageIds.includes(village.id))) forbidden();
  return json({ id: village.id });
}

export default function EditVillagePage() {
  return <ComingSoon title="nav.villages" what="placeholder.villageForm" />;
}
