import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ActivityForm } from "~/components/activity-form";
import { ConfirmForm, DeleteForm } from "~/components/delete-form";
import { enterpriseItems, LinkCard, projectItems, villageItems } from "~/components/link-list";
import { organizationFacts } from "~/components/organization-form";
import { FactList, revalidateWhenStale } from "~/components/record-form";
import { YearTotals } from "~/components/year-totals";
import { useT } from "~/i18n";
import { quarterOf } from "~/lib/dates";
import { saveFromForm } from "~/utils/form-action.server";
import { errorResponse, invariantResponse, notFound, requireId } from "~/lib/http";
import { canWriteAll, canWriteForVillages } from "~/lib/permissions";
import {
  deleteActivity,
  deleteOrganization,
  getActivity,
  organizationDetail,
  saveActivity,
} from "~/models/organization.server";
import { requireOrganizationFor } from "~/permissions.server";
import { requireUser } from "~/session.server";
import { idOf } from "~/validation/form";
import { ActivitySchema } from "~/validation/organization";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";

export const shouldRevalidate = revalidateWhenStale;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const detail = await organizationDetail(requireId(params.organizationId));
  if (!detail) notFound();
  return json({
    ...detail,
    canEdit: canWriteAll(user.role),
    canRecordActivities: canWriteForVillages(user, detail.organization.villageIds),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  // deleting is for the township's writers; activities also for a member village's clerk
  const { user, organization } = await requireOrganizationFor(
    request,
    params.organizationId,
    intent === "delete" ? "edit" : "activities"
  );
  const back = `/organizations/${organization.id}`;

  if (intent === "delete") {
    const result = await deleteOrganization(organization.id, user);
    if (result.ok) return redirect(withDone("/organizations", "deleted"));
    if ("missing" in result) notFound();
    return json({ intent, ...result }, { status: 409 });
  }

  if (intent === "activity") {
    const activityId = idOf(form.get("activityId"));
    const existing = activityId ? await getActivity(activityId) : null;
    if (activityId) invariantResponse(existing && existing.organizationId === organization.id, 404);
    return saveFromForm({
      form,
      schema: ActivitySchema,
      versioned: Boolean(existing),
      save: (data, seen) =>
        saveActivity(organization.id, data, user, existing ? { id: existing.id, version: seen } : undefined),
      redirectTo: () => withDone(`${back}#activities`, "activityAdded"),
    });
  }
  if (intent === "activity-delete") {
    const activityId = idOf(form.get("activityId"));
    const activity = activityId ? await getActivity(activityId) : null;
    invariantResponse(activity && activity.organizationId === organization.id, 404);
    await deleteActivity(activity.id, user);
    return redirect(withDone(`${back}#activities`, "activityDeleted"));
  }
  throw errorResponse(400, "error.invalid");
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => d.organization.name, "nav.organizations");

export default function OrganizationPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const o = d.organization;
  const editing = d.activities.find((a) => a.id === Number(params.get("activity")));
  const refusal = result && "references" in result ? result : undefined;
  const activityResult = result && !("references" in result) ? result : undefined;
  const q = quarterOf(d.reviewSince);
  return (
    <main className="page">
      <Crumbs trail={[[t("organizations.title"), "/organizations"], [d.organization.name]]} />
      <div className="page-head">
        <h1>
          {o.name}{" "}
          {d.overdue ? (
            <span
              className="badge warn"
              title={t("organization.overdueHint", {
                quarter: t("common.quarter", { year: q.year, quarter: q.quarter }),
              })}
            >
              {t("organization.overdue")}
            </span>
          ) : null}
        </h1>
        <div className="head-actions">
          <Link to={`/organizations/${o.id}/scorecard`} className="button">
            {t("scorecard.link")}
          </Link>
          {d.canEdit ? (
            <>
              <Link to={`/organizations/${o.id}/edit`} className="button">
                {t("common.edit")}
              </Link>
              <DeleteForm name={o.name} refusal={refusal} />
            </>
          ) : null}
        </div>
      </div>
      <section className="card">
        <h2>{t("common.details")}</h2>
        <FactList facts={organizationFacts(o, t).slice(0, 9)} />
      </section>
      <div className="columns">
        <LinkCard title={t("organization.villages")} empty={t("common.noneYet")} items={villageItems(o.villages)} />
        <LinkCard
          title={t("organization.enterprises")}
          empty={t("common.noneYet")}
          items={enterpriseItems(o.enterprises)}
        />
        <LinkCard title={t("organization.projects")} empty={t("common.noneYet")} items={projectItems(t, d.projects)} />
        <YearTotals title={t("organization.incomeByYear")} rows={d.incomeByYear} />
      </div>
      <section className="card" id="activities">
        <h2>
          {t("organization.activities")} <span className="badge">{d.activities.length}</span>
        </h2>
        {d.activities.length ? (
          <div className="table-wrap flat">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("activity.heldOn")}</th>
                  <th>{t("activity.kind")}</th>
                  <th>{t("activity.title")}</th>
                  <th className="num">{t("activity.attendance")}</th>
                  {d.canRecordActivities ? <th>{t("common.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.activities.map((a) => (
                  <tr key={a.id} className={a.id === editing?.id ? "selected" : undefined}>
                    <td className="mono">{a.heldOn}</td>
                    <td>
                      <span className={a.kind === "quarterly_review" ? "badge ok" : "badge"}>
                        {t(`activity.kind.${a.kind}`)}
                      </span>
                    </td>
                    <td>
                      {a.title}
                      {a.summary ? <div className="muted small">{a.summary}</div> : null}
                    </td>
                    <td className="num">{a.attendance}</td>
                    {d.canRecordActivities ? (
                      <td className="row-actions">
                        <Link to={`?activity=${a.id}#activity-form`} preventScrollReset>
                          {t("common.edit")}
                        </Link>
                        <ConfirmForm
                          method="post"
                          className="inline-form"
                          message={t("common.deleteConfirm", { name: a.title })}
                        >
                          <input type="hidden" name="intent" value="activity-delete" />
                          <input type="hidden" name="activityId" value={a.id} />
                          <button type="submit" className="link-button danger-link">
                            {t("common.delete")}
                          </button>
                        </ConfirmForm>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("organization.noActivities")}</p>
        )}
      </section>
      {d.canRecordActivities ? (
        <ActivityForm
          key={editing?.id ?? `new-${d.activities.length}`}
          activity={editing}
          result={activityResult}
          cancelTo={`/organizations/${o.id}#activities`}
        />
      ) : null}
    </main>
  );
}
