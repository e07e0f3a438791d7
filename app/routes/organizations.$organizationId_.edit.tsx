import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OrganizationForm } from "~/components/organization-form";
import { revalidateWhenStale } from "~/components/record-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { ORGANIZATION_PICKS } from "~/utils/pickers.server";
import { notFound, requireId } from "~/lib/http";
import { getOrganization, updateOrganization } from "~/models/organization.server";
import { requireWriter } from "~/permissions.server";
import { OrganizationSchema } from "~/validation/organization";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";

export const shouldRevalidate = revalidateWhenStale;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireWriter(request);
  const organization = await getOrganization(requireId(params.organizationId));
  if (!organization) notFound();
  return json({ organization });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireWriter(request);
  const id = requireId(params.organizationId);
  return saveFromForm({
    form: await request.formData(),
    schema: OrganizationSchema,
    arrays: ["villageIds", "enterpriseIds"],
    picks: ORGANIZATION_PICKS,
    versioned: true,
    save: (data, seen) => updateOrganization(id, seen, data, user),
    redirectTo: (saved) => withDone(`/organizations/${saved}`, "saved"),
  });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => d.organization.name, "organizations.edit");

export default function EditOrganizationPage() {
  const t = useT();
  const { organization } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs
        trail={[
          [t("organizations.title"), "/organizations"],
          [organization.name, `/organizations/${organization.id}`],
          [t("common.edit")],
        ]}
      />
      <h1>
        {t("organizations.edit")}：{organization.name}
      </h1>
      <OrganizationForm organization={organization} result={result} cancelTo={`/organizations/${organization.id}`} />
    </main>
  );
}
