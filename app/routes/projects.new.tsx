import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProjectForm } from "~/components/project-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/lib/form-action.server";
import { clerkKeepsVillage } from "~/lib/project-access.server";
import { projectFormOptions } from "~/lib/project-options.server";
import { fieldError } from "~/models/shared.server";
import { saveProject } from "~/models/project.server";
import { requireRole } from "~/session.server";
import { ProjectSchema } from "~/validation/project";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin", "editor", "clerk");
  return json(await projectFormOptions());
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin", "editor", "clerk");
  return saveFromForm({
    form: await request.formData(),
    schema: ProjectSchema,
    arrays: ["villageIds", "enterpriseIds"],
    save: async (data) =>
      clerkKeepsVillage(user, data.villageIds)
        ? saveProject(data, user)
        : fieldError("villageIds", "error.clerkVillage"),
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
