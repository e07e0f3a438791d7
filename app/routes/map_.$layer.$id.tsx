import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { notFound, requireId } from "~/lib/http";
import { mapDetails } from "~/models/map.server";
import { requireUser } from "~/session.server";

/** What a village's or a project's popup on the map adds when it opens (lib/map-view MapDetails). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const layer = params.layer === "village" || params.layer === "project" ? params.layer : null;
  if (!layer) notFound();
  const details = await mapDetails(layer, requireId(params.id));
  if (!details) notFound();
  return json(details, { headers: { "Cache-Control": "private, max-age=60" } });
}
