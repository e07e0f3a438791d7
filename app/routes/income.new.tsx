import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { IncomeForm } from "~/components/income-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { createIncome } from "~/models/income.server";
import { picksByIds } from "~/models/pick.server";
import { otherVillagesError, requireRecorder } from "~/permissions.server";
import { INCOME_PICKS } from "~/utils/pickers.server";
import { IncomeSchema } from "~/validation/income";
import { withDone } from "~/lib/done";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRecorder(request);
  // a clerk of one village finds it chosen already
  const [only] = user.villageIds.length === 1 ? await picksByIds("village", user.villageIds) : [];
  return json({ defaultVillage: only ? { id: only.id, name: only.name } : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRecorder(request);
  return saveFromForm({
    form: await request.formData(),
    schema: IncomeSchema,
    picks: INCOME_PICKS,
    save: async (data) => otherVillagesError(user, "villageId", [data.villageId]) ?? createIncome(data, user),
    redirectTo: (id) => withDone(`/income/${id}`, "created"),
  });
}

export default function NewIncomePage() {
  const t = useT();
  const { defaultVillage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <h1>{t("income.new")}</h1>
      <IncomeForm defaultVillage={defaultVillage} result={result} />
    </main>
  );
}
