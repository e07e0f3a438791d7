import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { IncomeForm } from "~/components/income-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { createIncome, type getIncome } from "~/models/income.server";
import { picksByIds } from "~/models/pick.server";
import { forbidden } from "~/lib/http";
import { fenInput } from "~/lib/money";
import { otherVillagesError, requireIncome, requireRecorder } from "~/permissions.server";
import { INCOME_PICKS } from "~/utils/pickers.server";
import { IncomeSchema } from "~/validation/income";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRecorder(request);
  // 更正: a new record filled in from one (a voided one, mostly), which the user may read
  const from = new URL(request.url).searchParams.get("from");
  if (from !== null) {
    const { record, canWrite } = await requireIncome(request, from);
    if (!canWrite) forbidden();
    return json({ defaultVillage: null, correcting: correctionOf(record) });
  }
  // a clerk of one village finds it chosen already
  const [only] = user.villageIds.length === 1 ? await picksByIds("village", user.villageIds) : [];
  return json({ defaultVillage: only ? { id: only.id, name: only.name } : null, correcting: null });
}

/**
 * The form's values for a correction of a record: everything but its voucher, which stays with
 * the voided record (a village's vouchers are unique, voided or not), and a note that says which.
 */
function correctionOf(r: NonNullable<Awaited<ReturnType<typeof getIncome>>>) {
  const named = (id: number | null, name: string | null) => (id !== null && name !== null ? [{ id, name }] : []);
  return {
    id: r.id,
    voucher: r.voucher,
    values: {
      villageId: String(r.villageId),
      receivedOn: r.receivedOn,
      category: r.category,
      amountFen: fenInput(r.amountFen),
      projectId: r.projectId === null ? "" : String(r.projectId),
      enterpriseId: r.enterpriseId === null ? "" : String(r.enterpriseId),
      voucher: "",
      note: r.note ?? "",
    },
    picked: {
      villageId: named(r.villageId, r.villageName),
      projectId: named(r.projectId, r.projectName),
      enterpriseId: named(r.enterpriseId, r.enterpriseName),
    },
  };
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

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) => t(d.correcting ? "income.correct" : "income.new"));

export default function NewIncomePage() {
  const t = useT();
  const { defaultVillage, correcting } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <Crumbs trail={[[t("income.title"), "/income"], [t(correcting ? "income.correct" : "income.new")]]} />
      <h1>{t(correcting ? "income.correct" : "income.new")}</h1>
      {correcting ? (
        <p className="muted">
          {t("income.correctingHint", { id: correcting.id, voucher: correcting.voucher ?? "—" })}{" "}
          <Link to={`/income/${correcting.id}`}>{t("income.correctingOriginal")}</Link>
        </p>
      ) : null}
      <IncomeForm
        defaultVillage={defaultVillage}
        result={
          result ??
          (correcting ? { ok: false, errors: {}, values: correcting.values, picked: correcting.picked } : undefined)
        }
      />
    </main>
  );
}
