import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { Crumbs } from "~/components/crumbs";
import { CheckboxField, ErrorList, TextareaField } from "~/components/field";
import { useT } from "~/i18n";
import { formatDateTime, isYear, todayIso } from "~/lib/dates";
import { withDone, type Done } from "~/lib/done";
import { forbidden, notFound, requireId } from "~/lib/http";
import { formatFen } from "~/lib/money";
import { pageTitle } from "~/lib/page-title";
import { canWriteAll, canWriteForVillages } from "~/lib/permissions";
import { changeMonth, getMonth, isOverdue } from "~/models/closing.server";
import { reportDeadlineDay } from "~/models/settings.server";
import { getVillageName } from "~/models/village.server";
import { requireUser } from "~/session.server";
import type { FieldErrors } from "~/validation/form";
import { MonthChangeSchema } from "~/validation/params";

// One village's month in the books: its state, its income, and what the user may do with it —
// a clerk submits (本月无收入 too) or asks for an unlock; township staff approve, return or unlock.

function monthParams(params: Record<string, string | undefined>) {
  const villageId = requireId(params.villageId);
  const year = Number(params.year);
  const month = Number(params.month);
  if (!isYear(year) || !Number.isInteger(month) || month < 1 || month > 12) notFound();
  return { villageId, year, month };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const key = monthParams(params);
  const village = await getVillageName(key.villageId);
  if (!village) notFound();
  const db = await getDb();
  const month = await getMonth(db, key);
  const [people] = await db.all<{ approvedBy: string | null; submittedBy: string | null; askedBy: string | null }>(sql`
    SELECT (SELECT display_name FROM users WHERE id = ${month?.approvedBy ?? 0}) AS approvedBy,
      (SELECT display_name FROM users WHERE id = ${month?.submittedBy ?? 0}) AS submittedBy,
      (SELECT display_name FROM users WHERE id = ${month?.unlockRequestedBy ?? 0}) AS askedBy`);
  const [income] = await db.all<{ records: number; totalFen: number }>(sql`
    SELECT COALESCE(SUM(records), 0) AS records, COALESCE(SUM(total_fen), 0) AS totalFen FROM village_month_income
    WHERE village_id = ${key.villageId} AND year = ${key.year} AND month = ${key.month}`);
  const state = month?.state ?? "open";
  return json({
    ...key,
    village,
    state,
    overdue: isOverdue(state, key.year, key.month, todayIso(), await reportDeadlineDay(key.year)),
    record: month,
    people,
    income,
    canRecord: canWriteForVillages(user, [key.villageId]),
    canReview: canWriteAll(user.role),
  });
}

const DONE: Record<string, Done> = {
  submit: "submitted",
  approve: "approved",
  return: "returned",
  unlock: "unlocked",
  request_unlock: "unlockRequested",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const key = monthParams(params);
  const parsed = MonthChangeSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ errors: { reason: ["error.invalid"] } as FieldErrors }, { status: 400 });
  const { intent, reason, noIncome } = parsed.data;
  const result = await changeMonth(user, { ...key, change: intent, reason, noIncome: noIncome === "on" });
  if (result === "forbidden") forbidden();
  if (!result.ok) return json({ errors: ("errors" in result ? result.errors : {}) as FieldErrors }, { status: 400 });
  return redirect(withDone(`/closing/${key.villageId}/${key.year}/${key.month}`, DONE[intent]));
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>(
  (d, t) => t("closing.monthTitle", { village: d.village.name, year: d.year, month: d.month }),
  "closing.title"
);

export default function MonthPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result?.errors ?? {};
  const busy = navigation.state === "submitting";
  const m = d.record;
  /** A form of one change: its button, and a reason when it needs one. */
  const change = (intent: string, label: string, withReason: boolean, danger = false) => (
    <Form method="post" className="form-grid closing-change" key={intent}>
      <input type="hidden" name="intent" value={intent} />
      {withReason ? <TextareaField label={t("closing.reason")} name="reason" rows={2} className="wide" /> : null}
      <div className="form-actions">
        <button type="submit" className={danger ? "button danger" : "button primary"} disabled={busy}>
          {label}
        </button>
      </div>
    </Form>
  );
  return (
    <main className="page">
      <Crumbs
        trail={[
          [t("closing.title"), `/closing?year=${d.year}`],
          [t("closing.monthTitle", { village: d.village.name, year: d.year, month: d.month })],
        ]}
      />
      <div className="page-head">
        <h1>
          {t("closing.monthTitle", { village: d.village.name, year: d.year, month: d.month })}{" "}
          <span className={`month-state month-${d.overdue ? "overdue" : d.state}`}>
            {t(`closing.state.${d.state}`)}
            {d.overdue ? ` · ${t("closing.overdue")}` : ""}
          </span>
        </h1>
      </div>
      <section className="card">
        <p>
          {t("closing.records", { count: d.income.records, total: formatFen(d.income.totalFen) })}
          {m?.noIncome ? ` · ${t("closing.noIncome")}` : ""}
        </p>
        {m?.submittedAt ? (
          <p className="muted">
            {t("closing.submittedOn", { when: formatDateTime(m.submittedAt) })} · {d.people.submittedBy ?? "—"}
          </p>
        ) : null}
        {d.state === "returned" && m?.returnReason ? (
          <p className="notice danger" role="alert">
            {t("closing.returnedBecause", { reason: m.returnReason })}
          </p>
        ) : null}
        {d.state === "approved" ? (
          <>
            <p className="notice success">
              {t("closing.approvedBy", { who: d.people.approvedBy ?? "—", when: formatDateTime(m?.approvedAt ?? "") })}
            </p>
            <p className="muted">{t("closing.lockedHint")}</p>
          </>
        ) : null}
        {m?.unlockRequest ? (
          <p className="notice">
            {t("closing.unlockAsked", { reason: m.unlockRequest })} · {d.people.askedBy ?? "—"}
          </p>
        ) : null}
        <ErrorList errors={[...(errors.reason ?? []), ...(errors.state ?? [])].map((e) => t.data(e))} />
      </section>
      {d.canRecord && (d.state === "open" || d.state === "returned") ? (
        <section className="card">
          <Form method="post" className="form-grid closing-change">
            <input type="hidden" name="intent" value="submit" />
            <CheckboxField label={t("closing.noIncome")} name="noIncome" />
            <div className="form-actions">
              <button type="submit" className="button primary" disabled={busy}>
                {t("closing.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {d.canReview && d.state === "submitted" ? (
        <section className="card">
          {change("approve", t("closing.approve"), false)}
          {change("return", t("closing.return"), true, true)}
        </section>
      ) : null}
      {d.state === "approved" ? (
        <section className="card">
          {d.canReview
            ? change("unlock", t("closing.unlock"), true, true)
            : d.canRecord && !m?.unlockRequest
            ? change("request_unlock", t("closing.requestUnlock"), true)
            : null}
        </section>
      ) : null}
    </main>
  );
}
