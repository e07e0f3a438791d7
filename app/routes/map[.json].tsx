import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLang, translate } from "~/i18n";
import { mapView } from "~/models/map.server";
import { defaultSummaryYear } from "~/models/summary.server";
import { requireUser } from "~/session.server";
import { firstError, MapParams, queryOf } from "~/validation/params";

/** What the map page draws (lib/map-view): the filters of /map.geojson, only what draws each marker. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const parsed = MapParams.safeParse(queryOf(request.url));
  if (!parsed.success) {
    return Response.json({ error: translate(getLang(request), firstError(parsed.error)) }, { status: 400 });
  }
  const { full: _full, ...filters } = parsed.data;
  const view = await mapView({ ...filters, year: filters.year ?? (await defaultSummaryYear()) });
  return new Response(JSON.stringify(view), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}
