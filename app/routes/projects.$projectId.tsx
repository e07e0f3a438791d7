import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DeleteForm } from "~/components/delete-form";
import { enterpriseItems, LinkCard, villageItems } from "~/components/link-list";
import { projectFacts } from "~/components/project-form";
import { FactList } from "~/components/record-form";
import { YearTotals } from "~/components/year-totals";
import { RecordMap } from "~/components/coordinate-fields";
import { useT } from "~/i18n";
import { notFound, requireId } from "~/lib/http";
import { canWriteAll, canWriteForVillages } from "~/lib/permissions";
import { deleteProject, projectDetail } from "~/models/project.server";
import { listTerms } from "~/models/terms.server";
import { TermList } from "~/components/term-list";
import { requireUser } from "~/session.server";
import { requireWriter } from "~/permissions.server";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const detail = await projectDetail(requireId(params.projectId));
  if (!detail) notFound();
  return json({
    ...detail,
    terms: await listTerms(detail.project.id),
    canEdit: canWriteForVillages(user, detail.project.villageIds),
    canDelete: canWriteAll(user.role),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireWriter(request);
  const result = await deleteProject(requireId(params.projectId), user);
  if (result.ok) return redirect(withDone("/projects", "deleted"));
  if ("missing" in result) notFound();
  return json(result, { status: 409 });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => d.project.name, "nav.projects");

export default function ProjectPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const p = d.project;
  return (
    <main className="page">
      <Crumbs trail={[[t("projects.title"), "/projects"], [d.project.name]]} />
      <div className="page-head">
        <h1>
          {p.name}{" "}
          <span className="badge">
            <span className={`status-dot status-${p.status}`} aria-hidden="true" /> {t(`project.status.${p.status}`)}
          </span>
        </h1>
        <div className="head-actions">
          {d.canEdit ? (
            <Link to={`/projects/${p.id}/edit`} className="button">
              {t("common.edit")}
            </Link>
          ) : null}
          {d.canDelete ? <DeleteForm name={p.name} refusal={refusal ?? undefined} /> : null}
        </div>
      </div>
      <section className="card">
        <h2>{t("common.details")}</h2>
        <FactList
          facts={projectFacts(p, t).filter(
            ([label]) => label !== t("project.villages") && label !== t("project.enterprises")
          )}
        />
      </section>
      <TermList projectId={p.id} terms={d.terms} canEdit={d.canEdit} />
      <RecordMap lat={p.lat} lng={p.lng} />
      <div className="columns">
        <LinkCard title={t("project.villages")} empty={t("common.noneYet")} items={villageItems(p.villages)} />
        <LinkCard title={t("project.enterprises")} empty={t("common.noneYet")} items={enterpriseItems(p.enterprises)} />
        <LinkCard
          title={t("project.organization")}
          empty={t("project.noOrganization")}
          items={
            p.organizationId
              ? [{ id: p.organizationId, to: `/organizations/${p.organizationId}`, name: p.organizationName ?? "" }]
              : []
          }
        />
        <section className="card">
          <h2>{t("project.statusHistory")}</h2>
          <ol className="timeline">
            {d.history.map((h) => (
              <li key={h.id}>
                <span className={`status-dot status-${h.status}`} aria-hidden="true" />{" "}
                <span className="mono">{h.changedOn}</span> {t(`project.status.${h.status}`)}
              </li>
            ))}
          </ol>
        </section>
        <YearTotals title={t("project.incomeByYear")} rows={d.incomeByYear} />
      </div>
    </main>
  );
}
