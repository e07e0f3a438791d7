import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { EnterpriseForm } from "~/components/enterprise-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { createEnterprise } from "~/models/enterprise.server";
import { requireWriter } from "~/permissions.server";
import { EnterpriseSchema } from "~/validation/enterprise";
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
    schema: EnterpriseSchema,
    save: (data) => createEnterprise(data, user),
    redirectTo: (id) => withDone(`/enterprises/${id}`, "created"),
  });
}

export const meta = pageTitle("enterprises.new");

export default function NewEnterprisePage() {
  const t = useT();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs trail={[[t("enterprises.title"), "/enterprises"], [t("enterprises.new")]]} />
      <h1>{t("enterprises.new")}</h1>
      <EnterpriseForm result={result} cancelTo="/enterprises" />
    </main>
  );
}
