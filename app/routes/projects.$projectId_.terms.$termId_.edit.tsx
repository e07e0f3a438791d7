import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Crumbs } from "~/components/crumbs";
import { revalidateWhenStale } from "~/components/record-form";
import { TermForm } from "~/components/term-form";
import { useT } from "~/i18n";
import { withDone } from "~/lib/done";
import { notFound, requireId } from "~/lib/http";
import { pageTitle } from "~/lib/page-title";
import { getTerm, saveTerm } from "~/models/terms.server";
import { requireEditableProject } from "~/permissions.server";
import { saveFromForm } from "~/utils/form-action.server";
import { TermSchema } from "~/validation/term";

async function editable(request: Request, params: Record<string, string | undefined>) {
  const { user, project } = await requireEditableProject(request, params.projectId);
  const term = await getTerm(requireId(params.termId));
  if (!term || term.projectId !== project.id) notFound();
  return { user, project, term };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, term } = await editable(request, params);
  return json({ project, term });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project, term } = await editable(request, params);
  return saveFromForm({
    form: await request.formData(),
    schema: TermSchema,
    versioned: true,
    save: (data, version) => saveTerm(project.id, data, user, { id: term.id, version }),
    redirectTo: (id) => withDone(`/projects/${project.id}/terms/${id}`, "saved"),
  });
}

export const shouldRevalidate = revalidateWhenStale;

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) => `${t("term.edit")} · ${d.project.name}`);

export default function EditTermPage() {
  const t = useT();
  const { project, term } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs
        trail={[
          [t("projects.title"), "/projects"],
          [project.name, `/projects/${project.id}`],
          [`${term.villageName} · ${term.enterpriseName}`, `/projects/${project.id}/terms/${term.id}`],
          [t("common.edit")],
        ]}
      />
      <h1>{t("term.edit")}</h1>
      <TermForm project={project} term={term} result={result} />
    </main>
  );
}
