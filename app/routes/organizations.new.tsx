import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { OrganizationForm } from "~/components/organization-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { ORGANIZATION_PICKS } from "~/utils/pickers.server";
import { createOrganization } from "~/models/organization.server";
import { requireWriter } from "~/permissions.server";
import { OrganizationSchema } from "~/validation/organization";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import { Crumbs } from "~/components/crumbs";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireWriter(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireWriter(request);
  return saveFromForm({
    form: await request.formData(),
    schema: OrganizationSchema,
    arrays: ["villageIds", "enterpriseIds"],
    picks: ORGANIZATION_PICKS,
    save: (data) => createOrganization(data, user),
    redirectTo: (id) => withDone(`/organizations/${id}`, "created"),
  });
}

export const meta = pageTitle("organizations.new");

export default function NewOrganizationPage() {
  const t = useT();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs trail={[[t("organizations.title"), "/organizations"], [t("organizations.new")]]} />
      <h1>{t("organizations.new")}</h1>
      <OrganizationForm result={result} cancelTo="/organizations" />
    </main>
  );
}
