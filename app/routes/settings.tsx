import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { useT } from "~/i18n";
import { currentYear } from "~/lib/dates";
import { formatFen } from "~/lib/money";
import { incomeYears } from "~/models/income.server";
import { listThresholds, setWeakThreshold } from "~/models/settings.server";
import { requireAdmin } from "~/permissions.server";
import { parseForm } from "~/validation/form";
import { ThresholdSchema } from "~/validation/settings";
import { pageTitle } from "~/lib/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const years = await incomeYears();
  return json({ thresholds: await listThresholds([...years, currentYear()]), thisYear: currentYear() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = parseForm(ThresholdSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  await setWeakThreshold(parsed.data.year, parsed.data.weakThresholdFen, admin, parsed.data.reportDeadlineDay);
  return json({ ok: true as const, year: parsed.data.year });
}

export const meta = pageTitle("settings.title");

export default function SettingsPage() {
  const t = useT();
  const { thresholds, thisYear } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : {};
  return (
    <main className="page">
      <h1>{t("settings.title")}</h1>
      <section className="card">
        <h2>{t("settings.thresholds")}</h2>
        <p className="muted">{t("settings.thresholdHint")}</p>
        {result?.ok ? (
          <p className="notice success" role="status">
            {t("settings.saved", { year: result.year })}
          </p>
        ) : null}
        <Form method="post" className="form-grid" noValidate key={result?.ok ? `saved-${result.year}` : "form"}>
          <Field
            label={t("summary.year")}
            name="year"
            inputMode="numeric"
            defaultValue={String(values.year ?? thisYear)}
            error={errors.year}
          />
          <Field
            label={t("settings.threshold")}
            name="weakThresholdFen"
            inputMode="decimal"
            defaultValue={String(values.weakThresholdFen ?? "100000")}
            error={errors.weakThresholdFen}
          />
          <Field
            label={t("settings.deadlineDay")}
            name="reportDeadlineDay"
            inputMode="numeric"
            defaultValue={String(
              values.reportDeadlineDay ?? thresholds.find((r) => r.year === thisYear)?.reportDeadlineDay ?? 10
            )}
            error={errors.reportDeadlineDay}
          />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
              {t("common.save")}
            </button>
          </div>
        </Form>
        <table className="table narrow">
          <thead>
            <tr>
              <th>{t("summary.year")}</th>
              <th className="num">{t("settings.threshold")}</th>
              <th className="num">{t("settings.deadlineDay")}</th>
            </tr>
          </thead>
          <tbody>
            {thresholds.map((row) => (
              <tr key={row.year}>
                <td>{row.year}</td>
                <td className="num">
                  {formatFen(row.weakThresholdFen)}
                  {row.isSet ? "" : " *"}
                </td>
                <td className="num">{row.reportDeadlineDay}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
