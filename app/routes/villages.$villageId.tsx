import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { notFound, requireId } from "~/lib/http";
import { canWriteAll } from "~/lib/permissions";
import { getVillage } from "~/models/village.server";
import { requireUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const village = await getVillage(requireId(params.villageId));
  if (!village) notFound();
  const canEdit = canWriteAll(user.role) || (user.role === "clerk" && user.villageIds.includes(village.id));
  return json({ village, canEdit });
}

export default function VillagePage() {
  const t = useT();
  const { village: v, canEdit } = useLoaderData<typeof loader>();
  const rows: [string, string | number | null][] = [
    ["village.township", v.townshipName],
    ["village.kind", t(`village.kind.${v.kind}`)],
    ["village.code", v.code],
    ["village.collectiveCreditCode", v.collectiveCreditCode],
    ["village.households", v.households],
    ["village.population", v.population],
    ["village.partyMembers", v.partyMembers],
    ["village.secretary", v.secretary],
    ["village.lat", v.lat],
    ["village.lng", v.lng],
    ["village.notes", v.notes],
  ];
  return (
    <main className="page">
      <div className="page-head">
        <h1>{v.name}</h1>
        {canEdit ? (
          <Link to={`/villages/${v.id}/edit`} className="button">
            {t("common.edit")}
          </Link>
        ) : null}
      </div>
      <section className="card">
        <dl className="facts">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd>{value ?? "—"}</dd>
            </div>
          ))}
        </dl>
      </section>
    </main>
  );
}
