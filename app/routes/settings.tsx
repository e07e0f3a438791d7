import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { INCOME_CATEGORIES } from "../../db/enums";
import { ErrorList, Field } from "~/components/field";
import { useT } from "~/i18n";
import { currentYear } from "~/lib/dates";
import { withDone } from "~/lib/done";
import { fenInput, formatFen } from "~/lib/money";
import { incomeYears } from "~/models/income.server";
import { listYearSettings, setYearSettings } from "~/models/settings.server";
import { requireAdmin } from "~/permissions.server";
import { parseForm } from "~/validation/form";
import { YEAR_SETTINGS_ARRAYS, YearSettingsSchema } from "~/validation/settings";
import { year as yearParam } from "~/validation/form";
import { pageTitle } from "~/lib/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const years = await incomeYears();
  const asked = yearParam().safeParse(new URL(request.url).searchParams.get("year"));
  const editing = asked.success ? asked.data : currentYear();
  const settings = await listYearSettings([...years, currentYear(), editing]);
  return json({ settings, editing: settings.find((s) => s.year === editing)! });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = parseForm(YearSettingsSchema, await request.formData(), YEAR_SETTINGS_ARRAYS);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const { year, reportDeadlineDay, ...rules } = parsed.data;
  await setYearSettings(year, rules, admin, reportDeadlineDay);
  return redirect(withDone(`/settings?year=${year}`, "saved"));
}

export const meta = pageTitle("settings.title");

/** The year's rules (口径) and deadline: one year at a time in the form, every year in the table. */
export default function SettingsPage() {
  const t = useT();
  const { settings, editing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result?.errors ?? {};
  const values = (result?.values ?? {}) as Record<string, string | string[] | undefined>;
  const typed = (name: string, fallback: string) => String(values[name] ?? fallback);
  const counted = (values.operatingCategories as string[] | undefined) ?? editing.rules.operatingCategories;
  return (
    <main className="page">
      <h1>{t("settings.title")}</h1>
      <section className="card">
        <h2>{t("settings.rules")}</h2>
        <p className="muted">{t("settings.rulesHint")}</p>
        <Form method="post" className="form-grid" noValidate key={`${editing.year}-${editing.version}`}>
          <Field
            label={t("summary.year")}
            name="year"
            inputMode="numeric"
            defaultValue={typed("year", String(editing.year))}
            error={errors.year}
          />
          <Field
            label={t("settings.shellBelow")}
            name="shellBelowFen"
            inputMode="decimal"
            defaultValue={typed("shellBelowFen", fenInput(editing.rules.shellBelowFen))}
            error={errors.shellBelowFen}
          />
          <Field
            label={t("settings.threshold")}
            name="weakThresholdFen"
            inputMode="decimal"
            defaultValue={typed("weakThresholdFen", fenInput(editing.rules.weakThresholdFen))}
            error={errors.weakThresholdFen}
          />
          <Field
            label={t("settings.richFrom")}
            name="richFromFen"
            inputMode="decimal"
            defaultValue={typed("richFromFen", fenInput(editing.rules.richFromFen))}
            error={errors.richFromFen}
          />
          <Field
            label={t("settings.deadlineDay")}
            name="reportDeadlineDay"
            inputMode="numeric"
            defaultValue={typed("reportDeadlineDay", String(editing.reportDeadlineDay))}
            error={errors.reportDeadlineDay}
          />
          <fieldset
            className={`check-group${errors.operatingCategories ? " has-error" : ""}`}
            aria-describedby="operating-categories-error"
          >
            <legend>{t("settings.operatingCategories")}</legend>
            {INCOME_CATEGORIES.map((c) => (
              <label key={c}>
                <input type="checkbox" name="operatingCategories" value={c} defaultChecked={counted.includes(c)} />{" "}
                {t(`income.category.${c}`)}
              </label>
            ))}
            <ErrorList
              id="operating-categories-error"
              errors={(errors.operatingCategories ?? []).map((e) => t.data(e))}
            />
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
              {t("common.save")}
            </button>
          </div>
        </Form>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("summary.year")}</th>
                <th>{t("settings.operatingCategories")}</th>
                <th className="num">{t("settings.shellBelow")}</th>
                <th className="num">{t("settings.threshold")}</th>
                <th className="num">{t("settings.richFrom")}</th>
                <th className="num">{t("settings.deadlineDay")}</th>
                <th>{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {settings.map((row) => (
                <tr key={row.year} aria-current={row.year === editing.year ? "true" : undefined}>
                  <td>
                    {row.year}
                    {row.isSet ? "" : ` ${t("settings.defaults")}`}
                  </td>
                  <td>{row.rules.operatingCategories.map((c) => t(`income.category.${c}`)).join(" + ")}</td>
                  <td className="num">{formatFen(row.rules.shellBelowFen)}</td>
                  <td className="num">{formatFen(row.rules.weakThresholdFen)}</td>
                  <td className="num">{formatFen(row.rules.richFromFen)}</td>
                  <td className="num">{row.reportDeadlineDay}</td>
                  <td className="nowrap">
                    <Link to={`?year=${row.year}`}>{t("settings.editYear", { year: row.year })}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
