import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EnterpriseForm } from "~/components/enterprise-form";
import { revalidateWhenStale } from "~/components/record-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { notFound, requireId } from "~/lib/http";
import { getEnterprise, updateEnterprise } from "~/models/enterprise.server";
import { requireWriter } from "~/permissions.server";
import { EnterpriseSchema } from "~/validation/enterprise";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";

export const shouldRevalidate = revalidateWhenStale;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireWriter(request);
  const enterprise = await getEnterprise(requireId(params.enterpriseId));
  if (!enterprise) notFound();
  return json({ enterprise });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireWriter(request);
  const id = requireId(params.enterpriseId);
  return saveFromForm({
    form: await request.formData(),
    schema: EnterpriseSchema,
    versioned: true,
    save: (data, seen) => updateEnterprise(id, seen, data, user),
    redirectTo: (saved) => withDone(`/enterprises/${saved}`, "saved"),
  });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => d.enterprise.name, "enterprises.edit");

export default function EditEnterprisePage() {
  const t = useT();
  const { enterprise } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs
        trail={[
          [t("enterprises.title"), "/enterprises"],
          [enterprise.name, `/enterprises/${enterprise.id}`],
          [t("common.edit")],
        ]}
      />
      <h1>
        {t("enterprises.edit")}：{enterprise.name}
      </h1>
      <EnterpriseForm enterprise={enterprise} result={result} cancelTo={`/enterprises/${enterprise.id}`} />
    </main>
  );
}
