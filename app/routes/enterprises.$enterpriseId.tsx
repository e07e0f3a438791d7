import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DeleteForm } from "~/components/delete-form";
import { enterpriseFacts } from "~/components/enterprise-form";
import { LinkCard, organizationItems, projectItems, villageItems } from "~/components/link-list";
import { FactList } from "~/components/record-form";
import { YearTotals } from "~/components/year-totals";
import { RecordMap } from "~/components/coordinate-fields";
import { useT } from "~/i18n";
import { notFound, requireId } from "~/lib/http";
import { canWriteAll } from "~/lib/permissions";
import { deleteEnterprise, enterpriseDetail } from "~/models/enterprise.server";
import { requireUser } from "~/session.server";
import { requireWriter } from "~/permissions.server";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";
import { PartyTerms } from "~/components/party-terms";
import { currentYear } from "~/lib/dates";
import { termsOf } from "~/models/terms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const detail = await enterpriseDetail(requireId(params.enterpriseId));
  if (!detail) notFound();
  return json({
    ...detail,
    terms: await termsOf({ enterpriseId: detail.enterprise.id }),
    thisYear: currentYear(),
    canEdit: canWriteAll(user.role),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireWriter(request);
  const result = await deleteEnterprise(requireId(params.enterpriseId), user);
  if (result.ok) return redirect(withDone("/enterprises", "deleted"));
  if ("missing" in result) notFound();
  return json(result, { status: 409 });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => d.enterprise.name, "nav.enterprises");

export default function EnterprisePage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const e = d.enterprise;
  return (
    <main className="page">
      <Crumbs trail={[[t("enterprises.title"), "/enterprises"], [d.enterprise.name]]} />
      <div className="page-head">
        <h1>{e.name}</h1>
        {d.canEdit ? (
          <div className="head-actions">
            <Link to={`/enterprises/${e.id}/edit`} className="button">
              {t("common.edit")}
            </Link>
            <DeleteForm name={e.name} refusal={refusal ?? undefined} />
          </div>
        ) : null}
      </div>
      <section className="card">
        <h2>{t("common.details")}</h2>
        <FactList facts={enterpriseFacts(e, t)} />
      </section>
      <RecordMap lat={e.lat} lng={e.lng} />
      <PartyTerms terms={d.terms} of="enterprise" year={d.thisYear} />
      <div className="columns">
        <LinkCard title={t("enterprise.villages")} empty={t("common.noneYet")} items={villageItems(d.villages)} />
        <LinkCard
          title={t("enterprise.organizations")}
          empty={t("common.noneYet")}
          items={organizationItems(t, d.organizations)}
        />
        <LinkCard title={t("enterprise.projects")} empty={t("common.noneYet")} items={projectItems(t, d.projects)} />
        <YearTotals title={t("enterprise.paidByYear")} rows={d.paidByYear} />
      </div>
    </main>
  );
}
