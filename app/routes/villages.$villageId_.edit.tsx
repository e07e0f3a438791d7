import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { VillageForm } from "~/components/village-form";
import { revalidateWhenStale } from "~/components/record-form";
import { useT } from "~/i18n";
import { fileToText, saveFromForm } from "~/utils/form-action.server";
import { listTownships, updateVillage } from "~/models/village.server";
import { requireEditableVillage } from "~/permissions.server";
import { VillageSchema } from "~/validation/village";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";

export const shouldRevalidate = revalidateWhenStale;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { village } = await requireEditableVillage(request, params.villageId);
  return json({ village, townships: await listTownships() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, village } = await requireEditableVillage(request, params.villageId);
  return saveFromForm({
    form: await fileToText(await request.formData(), "boundaryFile", "boundary"),
    schema: VillageSchema,
    versioned: true,
    save: (data, seen) => updateVillage(village.id, seen, data, user),
    redirectTo: (id) => withDone(`/villages/${id}`, "saved"),
  });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => d.village.name, "villages.edit");

export default function EditVillagePage() {
  const t = useT();
  const { village, townships } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs
        trail={[[t("villages.title"), "/villages"], [village.name, `/villages/${village.id}`], [t("common.edit")]]}
      />
      <h1>
        {t("villages.edit")}：{village.name}
      </h1>
      <VillageForm village={village} townships={townships} result={result} cancelTo={`/villages/${village.id}`} />
    </main>
  );
}
