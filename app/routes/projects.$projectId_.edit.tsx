import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProjectForm } from "~/components/project-form";
import { revalidateWhenStale } from "~/components/record-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { PROJECT_PICKS } from "~/utils/pickers.server";
import { otherVillagesError, requireEditableProject } from "~/permissions.server";
import { saveProject } from "~/models/project.server";
import { ProjectSchema } from "~/validation/project";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";

export const shouldRevalidate = revalidateWhenStale;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireEditableProject(request, params.projectId);
  return json({ project });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireEditableProject(request, params.projectId);
  return saveFromForm({
    form: await request.formData(),
    schema: ProjectSchema,
    arrays: ["villageIds", "enterpriseIds"],
    picks: PROJECT_PICKS,
    versioned: true,
    save: async (data, seen) =>
      otherVillagesError(user, "villageIds", data.villageIds) ??
      saveProject(data, user, { id: project.id, version: seen }),
    redirectTo: (id) => withDone(`/projects/${id}`, "saved"),
  });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => d.project.name, "projects.edit");

export default function EditProjectPage() {
  const t = useT();
  const { project } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs
        trail={[[t("projects.title"), "/projects"], [project.name, `/projects/${project.id}`], [t("common.edit")]]}
      />
      <h1>
        {t("projects.edit")}：{project.name}
      </h1>
      <ProjectForm project={project} result={result} cancelTo={`/projects/${project.id}`} />
    </main>
  );
}
