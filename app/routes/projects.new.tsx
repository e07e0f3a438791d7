import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ProjectForm } from "~/components/project-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { PROJECT_PICKS } from "~/utils/pickers.server";
import { saveProject } from "~/models/project.server";
import { otherVillagesError, requireRecorder } from "~/permissions.server";
import { ProjectSchema } from "~/validation/project";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import { Crumbs } from "~/components/crumbs";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRecorder(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRecorder(request);
  return saveFromForm({
    form: await request.formData(),
    schema: ProjectSchema,
    arrays: ["villageIds", "enterpriseIds"],
    picks: PROJECT_PICKS,
    save: async (data) => otherVillagesError(user, "villageIds", data.villageIds) ?? saveProject(data, user),
    redirectTo: (id) => withDone(`/projects/${id}`, "created"),
  });
}

export const meta = pageTitle("projects.new");

export default function NewProjectPage() {
  const t = useT();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs trail={[[t("projects.title"), "/projects"], [t("projects.new")]]} />
      <h1>{t("projects.new")}</h1>
      <ProjectForm result={result} cancelTo="/projects" />
    </main>
  );
}
