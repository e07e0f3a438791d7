import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DeleteForm } from "~/components/delete-form";
import { enterpriseItems, LinkCard, organizationItems, projectItems } from "~/components/link-list";
import { FactList } from "~/components/record-form";
import { villageFacts } from "~/components/village-form";
import { YearTotals } from "~/components/year-totals";
import { RecordMap } from "~/components/coordinate-fields";
import { useT } from "~/i18n";
import { notFound, requireId } from "~/lib/http";
import { canEditVillage, canWriteAll } from "~/lib/permissions";
import { deleteVillage, villageDetail } from "~/models/village.server";
import { requireUser } from "~/session.server";
import { requireWriter } from "~/permissions.server";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";
import { ForecastTable, ForecastVerdict } from "~/components/forecast";
import { PartyTerms } from "~/components/party-terms";
import { currentYear } from "~/lib/dates";
import { weakForecast } from "~/models/forecast.server";
import { termsOf } from "~/models/terms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const detail = await villageDetail(requireId(params.villageId));
  if (!detail) notFound();
  const [terms, forecast] = await Promise.all([
    termsOf({ villageId: detail.village.id }),
    weakForecast({ villageIds: [detail.village.id] }),
  ]);
  return json({
    ...detail,
    terms,
    forecast,
    thisYear: currentYear(),
    canEdit: canEditVillage(user, detail.village.id),
    canDelete: canWriteAll(user.role),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireWriter(request);
  const result = await deleteVillage(requireId(params.villageId), user);
  if (result.ok) return redirect(withDone("/villages", "deleted"));
  if ("missing" in result) notFound();
  return json(result, { status: 409 });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => d.village.name, "nav.villages");

export default function VillagePage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const v = d.village;
  return (
    <main className="page">
      <Crumbs trail={[[t("villages.title"), "/villages"], [d.village.name]]} />
      <div className="page-head">
        <h1>
          {v.name} <span className="muted small">{v.townshipName}</span>
        </h1>
        <div className="head-actions">
          <Link to={`/summary/${v.id}`} className="button small">
            {t("village.incomeSummary")}
          </Link>
          {d.canEdit ? (
            <Link to={`/villages/${v.id}/edit`} className="button">
              {t("common.edit")}
            </Link>
          ) : null}
          {d.canDelete ? <DeleteForm name={v.name} refusal={refusal ?? undefined} /> : null}
        </div>
      </div>
      <section className="card">
        <h2>{t("common.details")}</h2>
        <FactList facts={villageFacts(v, t)} />
      </section>
      <RecordMap lat={v.lat} lng={v.lng} boundary={v.boundary} />
      {d.forecast.villages.length ? (
        <section className="card" aria-labelledby="village-forecast" data-testid="village-forecast">
          <h2 id="village-forecast">
            {t("forecast.title")} <ForecastVerdict gapFen={d.forecast.villages[0].gapFen} />
          </h2>
          <ForecastTable forecast={d.forecast} villageColumn={false} />
        </section>
      ) : null}
      <PartyTerms terms={d.terms} of="village" year={d.thisYear} />
      <div className="columns">
        <LinkCard
          title={t("village.organizations")}
          empty={t("village.noOrganizations")}
          items={organizationItems(t, d.organizations)}
        />
        <LinkCard title={t("village.projects")} empty={t("village.noProjects")} items={projectItems(t, d.projects)} />
        <LinkCard title={t("village.partners")} empty={t("village.noPartners")} items={enterpriseItems(d.partners)} />
        <YearTotals title={t("common.byYear")} rows={d.incomeByYear} />
      </div>
    </main>
  );
}
