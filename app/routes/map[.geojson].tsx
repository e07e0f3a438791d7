import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLang, translate } from "~/i18n";
import { mapFeatures, mapFiltersFrom } from "~/models/map.server";
import { requireUser } from "~/session.server";

/** The map's data, and a download for GIS users: GeoJSON in WGS-84. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const parsed = await mapFiltersFrom(new URL(request.url));
  if (!parsed.ok) {
    return Response.json({ error: translate(getLang(request), parsed.error) }, { status: 400 });
  }
  // the download (full=1) holds every feature; the page gets clusters when the view holds too many
  const full = new URL(request.url).searchParams.get("full") === "1";
  const data = await mapFeatures(parsed.filters, full ? { clusterBeyond: Infinity } : undefined);
  return new Response(JSON.stringify(data), {
    headers: { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "no-store" },
  });
}
