import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { notFound } from "~/lib/http";
import { PICK_KINDS, type PickKind } from "~/lib/pick";
import { canWriteAll } from "~/lib/permissions";
import { searchPicks } from "~/models/pick.server";
import { parseQuery } from "~/utils/params.server";
import { requireUser } from "~/session.server";

/**
 * What a type-to-search picker shows: up to 20 villages, enterprises, projects or organizations
 * for what was typed. own=1 keeps a clerk to their villages; village=ID to that village's projects.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const kind = PICK_KINDS.find((k) => k === params.kind) as PickKind | undefined;
  if (!kind) notFound();
  const { q, village, own } = parseQuery("pick", request);
  const villageIds = own && kind === "village" && !canWriteAll(user.role) ? user.villageIds : undefined;
  const picks = await searchPicks(kind, q, { villageIds, villageId: kind === "project" ? village : undefined });
  return json(picks, { headers: { "Cache-Control": "private, no-store" } });
}
