import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TextareaField } from "~/components/field";
import { RecordForm, revalidateWhenStale, type FormResult } from "~/components/record-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { requireWritableIncome } from "~/permissions.server";
import { updateIncomeNote } from "~/models/income.server";
import { IncomeNoteSchema } from "~/validation/income";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";

export const shouldRevalidate = revalidateWhenStale;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record } = await requireWritableIncome(request, params.incomeId);
  return json({ record });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, record } = await requireWritableIncome(request, params.incomeId);
  return saveFromForm({
    form: await request.formData(),
    schema: IncomeNoteSchema,
    versioned: true,
    save: (data, seen) => updateIncomeNote(record.id, seen, data.note, user),
    redirectTo: (id) => withDone(`/income/${id}`, "saved"),
  });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => `${d.record.villageName} ${d.record.receivedOn}`, "income.editNote");

/** Only the note changes here: a wrong amount or date is voided and recorded again. */
export default function EditIncomeNotePage() {
  const t = useT();
  const { record } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  return (
    <main className="page">
      <Crumbs
        trail={[
          [t("income.title"), "/income"],
          [record.voucher ?? `#${record.id}`, `/income/${record.id}`],
          [t("income.editNote")],
        ]}
      />
      <h1>
        {t("income.editNote")}：{record.villageName} {record.receivedOn}
      </h1>
      <p className="muted">{t("income.correction")}</p>
      <RecordForm result={result} version={record.version} cancelTo={`/income/${record.id}`}>
        <TextareaField
          label={t("income.note")}
          name="note"
          defaultValue={result?.values?.note !== undefined ? String(result.values.note ?? "") : record.note ?? ""}
          error={result?.errors?.note}
        />
      </RecordForm>
    </main>
  );
}
