import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmForm } from "~/components/delete-form";
import { Field } from "~/components/field";
import { Money } from "~/components/money";
import { FactList, revalidateWhenStale, type FormResult } from "~/components/record-form";
import { useT } from "~/i18n";
import { formatDateTime } from "~/lib/dates";
import { saveFromForm } from "~/utils/form-action.server";
import { requireIncome, requireWritableIncome } from "~/permissions.server";
import { voidIncome } from "~/models/income.server";
import { VoidSchema } from "~/validation/income";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";
import { getDb } from "../../db/client";
import { lockedMessage, lockOf } from "~/models/closing.server";
import { matchByHand, receiptMatching } from "~/models/terms.server";
import { ReceiptMatching } from "~/components/receipt-matching";
import { idOf } from "~/validation/form";

export const shouldRevalidate = revalidateWhenStale;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record, canWrite } = await requireIncome(request, params.incomeId);
  // in an approved month the record is neither voided nor annotated: say so rather than offer it
  const lock = await lockOf(await getDb(), record);
  return json({
    record,
    canWrite,
    locked: lock ? lockedMessage(lock) : null,
    matching: record.voidedAt ? null : await receiptMatching(record),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, record } = await requireWritableIncome(request, params.incomeId);
  const form = await request.formData();
  if (form.get("intent") === "rematch") {
    // which due of its payer's terms the receipt pays: chosen by a person
    const expectedId = idOf(form.get("expectedId"));
    if (!expectedId) return json({ ok: false as const, errors: { expectedId: ["error.choose"] }, values: {} }, 400);
    const matched = await matchByHand(record.id, expectedId, user);
    if (!matched.ok) return json({ ok: false as const, errors: matched.errors, values: {} }, 400);
    return redirect(withDone(`/income/${record.id}`, "saved"));
  }
  return saveFromForm({
    form,
    schema: VoidSchema,
    versioned: true,
    save: (data, seen) => voidIncome(record.id, seen, data.reason, user),
    redirectTo: () => withDone(`/income/${record.id}`, "voided"),
  });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => d.record.voucher ?? `#${d.record.id}`, "income.detail");

export default function IncomeRecordPage() {
  const t = useT();
  const { record: r, canWrite: mayWrite, locked, matching } = useLoaderData<typeof loader>();
  const canWrite = mayWrite && !locked;
  const result = useActionData<typeof action>() as FormResult | undefined;
  const navigation = useNavigation();
  const errors = result?.errors ?? {};
  return (
    <main className="page">
      <Crumbs trail={[[t("income.title"), "/income"], [r.voucher ?? `#${r.id}`]]} />
      <div className="page-head">
        <h1>
          {t("income.detail")} <span className="mono">{r.voucher ?? `#${r.id}`}</span>{" "}
          {r.voidedAt ? <span className="badge">{t("income.voided")}</span> : null}
        </h1>
        <div className="head-actions">
          {canWrite ? (
            <Link to={`/income/${r.id}/edit`} className="button">
              {t("income.editNote")}
            </Link>
          ) : null}
          <Link to={`/income?village=${r.villageId}`}>{t("income.title")} ›</Link>
        </div>
      </div>
      {locked ? (
        <p className="notice" role="status">
          {t.data(locked)}{" "}
          <Link to={`/closing/${r.villageId}/${r.receivedOn.slice(0, 4)}/${Number(r.receivedOn.slice(5, 7))}`}>
            {t("closing.title")} ›
          </Link>
        </p>
      ) : null}
      <section className={r.voidedAt ? "card voided-card" : "card"}>
        <FactList
          facts={[
            [
              t("income.village"),
              <Link key="v" to={`/villages/${r.villageId}`}>
                {r.villageName}
              </Link>,
            ],
            [t("income.receivedOn"), r.receivedOn],
            [t("income.category"), t(`income.category.${r.category}`)],
            [
              t("income.amount"),
              <span key="a" className="amount">
                <Money fen={r.amountFen} />
              </span>,
            ],
            [
              t("income.project"),
              r.projectId ? (
                <Link key="p" to={`/projects/${r.projectId}`}>
                  {r.projectName}
                </Link>
              ) : null,
            ],
            [
              t("income.enterprise"),
              r.enterpriseId ? (
                <Link key="e" to={`/enterprises/${r.enterpriseId}`}>
                  {r.enterpriseName}
                </Link>
              ) : null,
            ],
            [t("income.voucher"), r.voucher],
            [t("income.note"), r.note],
            [t("income.recordedAt"), formatDateTime(r.createdAt)],
          ]}
        />
        {r.voidedAt ? (
          <p className="notice danger">
            {t("income.voidedBy", {
              who: r.voidedByName ?? "—",
              when: formatDateTime(r.voidedAt),
              reason: r.voidReason ?? "",
            })}
          </p>
        ) : null}
        {r.voidedAt && canWrite ? (
          <p>
            <Link to={`/income/new?from=${r.id}`} className="button primary">
              {t("income.correctThis")}
            </Link>
          </p>
        ) : null}
      </section>
      {matching ? (
        <ReceiptMatching record={r} matching={matching} canWrite={mayWrite} error={errors.expectedId} />
      ) : null}
      {canWrite && !r.voidedAt ? (
        <section className="card">
          <h2>{t("income.void")}</h2>
          <p className="muted">{t("income.voidHint")}</p>
          {result?.stale ? (
            <p className="notice danger" role="alert">
              {t("common.stale")}
            </p>
          ) : null}
          <ConfirmForm
            method="post"
            className="form-grid"
            noValidate
            message={t("income.voidConfirm")}
            // an empty reason is refused next to its field without asking
            asks={(form) => String(new FormData(form).get("reason") ?? "").trim() !== ""}
          >
            <input type="hidden" name="version" value={r.version} />
            <Field
              label={t("income.voidReason")}
              name="reason"
              error={errors.reason?.map((e) => (e === "error.required" ? "error.voidReason" : e))}
              className="wide"
            />
            <div className="form-actions">
              <button type="submit" className="button danger" disabled={navigation.state === "submitting"}>
                {t("income.void")}
              </button>
            </div>
          </ConfirmForm>
        </section>
      ) : null}
    </main>
  );
}
