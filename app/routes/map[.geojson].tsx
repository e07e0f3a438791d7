import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLang, translate } from "~/i18n";
import { mapFeatures } from "~/models/map.server";
import { defaultSummaryYear } from "~/models/summary.server";
import { requireUser } from "~/session.server";
import { firstError, MapParams, queryOf } from "~/validation/params";

/** The map's data, and a download for GIS users: GeoJSON in WGS-84. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const parsed = MapParams.safeParse(queryOf(request.url));
  if (!parsed.success) {
    return Response.json({ error: translate(getLang(request), firstError(parsed.error)) }, { status: 400 });
  }
  const { full, ...filters } = parsed.data;
  // the download (full=1) holds every feature; the page gets clusters when the view holds too many
  const data = await mapFeatures(
    { ...filters, year: filters.year ?? (await defaultSummaryYear()) },
    full ? { clusterBeyond: Infinity } : undefined
  );
  return new Response(JSON.stringify(data), {
    headers: { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "no-store" },
  });
}
