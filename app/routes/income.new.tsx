import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { IncomeForm } from "~/components/income-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/lib/form-action.server";
import { incomeOptions } from "~/lib/income-options.server";
import { canWriteAll, canWriteForVillages } from "~/lib/permissions";
import { createIncome } from "~/models/income.server";
import { fieldError } from "~/models/shared.server";
import { requireRole } from "~/session.server";
import { IncomeSchema } from "~/validation/income";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin", "editor", "clerk");
  const options = await incomeOptions();
  // a clerk records for their own village(s) only
  const villages = canWriteAll(user.role)
    ? options.villages
    : options.villages.filter((v) => user.villageIds.includes(v.id));
  return json({ ...options, villages });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin", "editor", "clerk");
  return saveFromForm({
    form: await request.formData(),
    schema: IncomeSchema,
    save: async (data) =>
      canWriteForVillages(user, [data.villageId])
        ? createIncome(data, user)
        : fieldError("villageId", "error.clerkVillage"),
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
