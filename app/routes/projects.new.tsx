import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProjectForm } from "~/components/project-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { projectFormOptions } from "~/utils/options.server";
import { saveProject } from "~/models/project.server";
import { otherVillagesError, requireRecorder } from "~/permissions.server";
import { ProjectSchema } from "~/validation/project";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRecorder(request);
  return json(await projectFormOptions());
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRecorder(request);
  return saveFromForm({
    form: await request.formData(),
    schema: ProjectSchema,
    arrays: ["villageIds", "enterpriseIds"],
    save: async (data) =>
      otherVillagesError(user, "villageIds", data.villageIds) ?? saveProject(data, user),
    redirectTo: (id) => `/projects/${id}`,
  });
}

export default function NewProjectPage() {
  const t = useT();
  const options = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <h1>{t("projects.new")}</h1>
      <ProjectForm {...options} result={result} cancelTo="/projects" />
    </main>
  );
}
