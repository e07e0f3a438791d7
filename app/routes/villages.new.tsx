import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { VillageForm } from "~/components/village-form";
import { useT } from "~/i18n";
import { fileToText, saveFromForm } from "~/utils/form-action.server";
import { createVillage, listTownships } from "~/models/village.server";
import { requireWriter } from "~/permissions.server";
import { VillageSchema } from "~/validation/village";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import { Crumbs } from "~/components/crumbs";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireWriter(request);
  return json({ townships: await listTownships() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireWriter(request);
  return saveFromForm({
    form: await fileToText(await request.formData(), "boundaryFile", "boundary"),
    schema: VillageSchema,
    save: (data) => createVillage(data, user),
    redirectTo: (id) => withDone(`/villages/${id}`, "created"),
  });
}

export const meta = pageTitle("villages.new");

export default function NewVillagePage() {
  const t = useT();
  const { townships } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs trail={[[t("villages.title"), "/villages"], [t("villages.new")]]} />
      <h1>{t("villages.new")}</h1>
      <VillageForm townships={townships} result={result} cancelTo="/villages" />
    </main>
  );
}
