import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OrganizationForm } from "~/components/organization-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { listEnterpriseOptions } from "~/models/enterprise.server";
import { createOrganization } from "~/models/organization.server";
import { listVillageOptions } from "~/models/village.server";
import { requireWriter } from "~/permissions.server";
import { OrganizationSchema } from "~/validation/organization";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireWriter(request);
  const [villages, enterprises] = await Promise.all([listVillageOptions(), listEnterpriseOptions()]);
  return json({ villages: villages.map((v) => ({ ...v, note: v.townshipName })), enterprises });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireWriter(request);
  return saveFromForm({
    form: await request.formData(),
    schema: OrganizationSchema,
    arrays: ["villageIds", "enterpriseIds"],
    save: (data) => createOrganization(data, user),
    redirectTo: (id) => `/organizations/${id}`,
  });
}

export default function NewOrganizationPage() {
  const t = useT();
  const { villages, enterprises } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <h1>{t("organizations.new")}</h1>
      <OrganizationForm villages={villages} enterprises={enterprises} result={result} cancelTo="/organizations" />
    </main>
  );
}
