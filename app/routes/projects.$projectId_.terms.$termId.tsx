import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Crumbs } from "~/components/crumbs";
import { ConfirmForm } from "~/components/delete-form";
import { Money } from "~/components/money";
import { FactList } from "~/components/record-form";
import { useT } from "~/i18n";
import { withDone } from "~/lib/done";
import { notFound, requireId } from "~/lib/http";
import { formatFen } from "~/lib/money";
import { pageTitle } from "~/lib/page-title";
import { canWriteForVillages } from "~/lib/permissions";
import { getProject } from "~/models/project.server";
import { deleteTerm, getTerm, termDues } from "~/models/terms.server";
import { requireEditableProject } from "~/permissions.server";
import { requireUser } from "~/session.server";

// One contract term: what it says, and each expected payment it generated with what was received
// against it and how late it is.

async function termOf(projectParam: string | undefined, termParam: string | undefined) {
  const project = await getProject(requireId(projectParam));
  const term = await getTerm(requireId(termParam));
  if (!project || !term || term.projectId !== project.id) notFound();
  return { project, term };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { project, term } = await termOf(params.projectId, params.termId);
  return json({
    project: { id: project.id, name: project.name },
    term,
    dues: await termDues(term.id),
    canEdit: canWriteForVillages(user, project.villageIds),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireEditableProject(request, params.projectId);
  const { term } = await termOf(params.projectId, params.termId);
  const result = await deleteTerm(term.id, user);
  if (result.ok) return redirect(withDone(`/projects/${project.id}`, "deleted"));
  return json({ refused: true as const }, { status: 409 });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>(
  (d, t) => `${d.term.villageName} · ${d.term.enterpriseName} · ${t(`term.kind.${d.term.kind}`)}`
);

export default function TermPage() {
  const t = useT();
  const { project, term, dues, canEdit } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const title = `${term.villageName} · ${term.enterpriseName} · ${t(`term.kind.${term.kind}`)}`;
  const state = (d: (typeof dues)[number]) =>
    d.receivedFen >= d.amountFen
      ? t("term.state.paid")
      : d.daysOverdue > 0
      ? t("term.state.overdue", { days: d.daysOverdue })
      : d.receivedFen > 0
      ? t("term.state.partial")
      : t("term.state.notDue");
  return (
    <main className="page">
      <Crumbs trail={[[t("projects.title"), "/projects"], [project.name, `/projects/${project.id}`], [title]]} />
      <div className="page-head">
        <h1>{title}</h1>
        {canEdit ? (
          <div className="head-actions">
            <Link to={`/projects/${project.id}/terms/${term.id}/edit`} className="button">
              {t("common.edit")}
            </Link>
            <ConfirmForm method="post" className="inline-form" message={t("term.deleteConfirm")}>
              <button type="submit" className="button danger">
                {t("term.delete")}
              </button>
            </ConfirmForm>
          </div>
        ) : null}
      </div>
      {refused ? (
        <p className="notice danger" role="alert">
          {t("term.deleteRefused")}
        </p>
      ) : null}
      <section className="card">
        <FactList
          facts={[
            [t("term.village"), term.villageName],
            [t("term.enterprise"), term.enterpriseName],
            [t("term.kind"), t(`term.kind.${term.kind}`)],
            [t("term.category"), t(`income.category.${term.category}`)],
            [t("term.amount"), formatFen(term.amountFen)],
            [t("term.period"), t(`term.period.${term.period}`)],
            [t("term.firstDue"), term.firstDue],
            [t("term.endsOn"), term.endsOn],
            ...(term.increaseBp
              ? ([
                  [
                    t("term.increase"),
                    t("term.increaseFact", { pct: term.increaseBp / 100, years: term.increaseEveryYears ?? "" }),
                  ],
                ] as [string, string][])
              : []),
            [t("term.due"), formatFen(term.dueFen)],
            [t("term.received"), formatFen(term.receivedFen)],
            [t("term.outstanding"), formatFen(term.outstandingFen)],
            ...(term.notes ? ([[t("term.notes"), term.notes]] as [string, string][]) : []),
          ]}
        />
      </section>
      <section className="card">
        <h2>
          {t("term.dues")} <span className="muted small">{t("term.duesCount", { count: dues.length })}</span>
        </h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("term.dueOn")}</th>
                <th className="num">{t("term.dueAmount")}</th>
                <th className="num">{t("term.receivedAmount")}</th>
                <th>{t("term.state")}</th>
              </tr>
            </thead>
            <tbody>
              {dues.map((d) => (
                <tr key={d.id} className={d.daysOverdue > 0 ? "overdue" : undefined} data-testid={`due-${d.dueOn}`}>
                  <td className="nowrap">{d.dueOn}</td>
                  <td className="num">
                    <Money fen={d.amountFen} />
                  </td>
                  <td className="num">
                    <Money fen={d.receivedFen} />
                  </td>
                  <td>{state(d)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
