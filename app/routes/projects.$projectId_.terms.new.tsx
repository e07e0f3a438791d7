import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Crumbs } from "~/components/crumbs";
import { TermForm } from "~/components/term-form";
import { useT } from "~/i18n";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import { saveTerm } from "~/models/terms.server";
import { requireEditableProject } from "~/permissions.server";
import { saveFromForm } from "~/utils/form-action.server";
import { TermSchema } from "~/validation/term";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireEditableProject(request, params.projectId);
  return json({ project });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireEditableProject(request, params.projectId);
  return saveFromForm({
    form: await request.formData(),
    schema: TermSchema,
    save: (data) => saveTerm(project.id, data, user),
    redirectTo: (id) => withDone(`/projects/${project.id}/terms/${id}`, "created"),
  });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) => `${t("term.new")} · ${d.project.name}`);

export default function NewTermPage() {
  const t = useT();
  const { project } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs
        trail={[[t("projects.title"), "/projects"], [project.name, `/projects/${project.id}`], [t("term.new")]]}
      />
      <h1>{t("term.new")}</h1>
      <p className="muted">{t("term.hint")}</p>
      <TermForm project={project} result={result} />
    </main>
  );
}
