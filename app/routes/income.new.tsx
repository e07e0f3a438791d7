import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { IncomeForm } from "~/components/income-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { incomeOptions } from "~/utils/options.server";
import { createIncome } from "~/models/income.server";
import { otherVillagesError, ownVillagesOnly, requireRecorder } from "~/permissions.server";
import { IncomeSchema } from "~/validation/income";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRecorder(request);
  const options = await incomeOptions();
  return json({ ...options, villages: ownVillagesOnly(user, options.villages) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRecorder(request);
  return saveFromForm({
    form: await request.formData(),
    schema: IncomeSchema,
    save: async (data) => otherVillagesError(user, "villageId", [data.villageId]) ?? createIncome(data, user),
    redirectTo: (id) => `/income/${id}`,
  });
}

export default function NewIncomePage() {
  const t = useT();
  const options = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <h1>{t("income.new")}</h1>
      <IncomeForm options={options} result={result} />
    </main>
  );
}
