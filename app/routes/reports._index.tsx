import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmForm } from "~/components/delete-form";
import { ErrorList, Field } from "~/components/field";
import { useT } from "~/i18n";
import { currentYear, todayIso } from "~/lib/dates";
import { withDone } from "~/lib/done";
import { formatFen } from "~/lib/money";
import { pageTitle } from "~/lib/page-title";
import { canWriteAll } from "~/lib/permissions";
import { incomeYears } from "~/models/income.server";
import { listReports, makeReport, unapprovedMonths } from "~/models/report.server";
import { listTownships } from "~/models/village.server";
import { requireWriter } from "~/permissions.server";
import { requireUser } from "~/session.server";
import { summaryParams } from "~/utils/params.server";
import { parseForm, type FieldErrors } from "~/validation/form";
import { REPORT_ARRAYS, ReportSchema } from "~/validation/report";
import { ReportScope } from "~/components/report-scope";

// 上报记录: a year's reports, newest first, and — for township staff — the form that reports the
// year's summary of chosen townships, naming the village months not approved yet.

/** The months of `year` that have ended by `today` (none of a year to come). */
function monthsEnded(year: number, today: string) {
  const thisYear = Number(today.slice(0, 4));
  return year < thisYear ? 12 : year > thisYear ? 0 : Number(today.slice(5, 7)) - 1;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { year } = await summaryParams(request);
  const canReport = canWriteAll(user.role);
  const lastMonth = monthsEnded(year, todayIso());
  const [reports, years, townships, unapproved] = await Promise.all([
    listReports(year),
    incomeYears(),
    canReport ? listTownships() : Promise.resolve([]),
    canReport ? unapprovedMonths(year, lastMonth, null) : Promise.resolve(null),
  ]);
  return json({
    year,
    years: [...new Set([year, currentYear(), ...years])].sort((a, b) => b - a),
    reports,
    canReport,
    townships,
    unapproved,
    lastMonth,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireWriter(request);
  const parsed = parseForm(ReportSchema, await request.formData(), REPORT_ARRAYS);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const known = new Set((await listTownships()).map((t) => t.id));
  const townshipIds = parsed.data.townshipIds.filter((id) => known.has(id));
  if (!townshipIds.length)
    return json(
      { ok: false as const, errors: { townshipIds: ["error.chooseTownship"] } as FieldErrors, values: parsed.values },
      400
    );
  const report = await makeReport(user, { ...parsed.data, townshipIds });
  return redirect(withDone(`/reports/${report.id}`, "reported"));
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) => t("report.listTitle", { year: d.year }));

export default function ReportsPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page wide">
      <div className="page-head">
        <h1>{t("report.listTitle", { year: d.year })}</h1>
        <div className="head-actions">
          <Link to={`/summary?year=${d.year}`} className="button small">
            {t("summary.title")}
          </Link>
        </div>
      </div>
      <Form method="get" className="filters">
        <label>
          <span>{t("summary.year")}</span>
          <select name="year" defaultValue={d.year}>
            {d.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {t("common.filter")}
        </button>
      </Form>
      {d.reports.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("report.numberColumn")}</th>
                <th>{t("report.madeAt")}</th>
                <th>{t("report.madeBy")}</th>
                <th>{t("report.scope")}</th>
                <th className="num">{t("report.villages")}</th>
                <th className="num">{t("summary.total")}</th>
                <th className="num">{t("summary.operatingIncome")}</th>
                <th>{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {d.reports.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/reports/${r.id}`}>{t("report.number", { number: r.number })}</Link>
                  </td>
                  <td>{r.madeAt.slice(0, 16).replace("T", " ")}</td>
                  <td>{r.madeBy}</td>
                  <td>
                    <ReportScope names={r.townshipNames} />
                  </td>
                  <td className="num">{r.villages.toLocaleString()}</td>
                  <td className="num">{formatFen(r.totalFen)}</td>
                  <td className="num">{formatFen(r.operatingIncomeFen)}</td>
                  <td className="nowrap">
                    <Link to={`/reports/${r.id}/print`}>{t("summary.print")}</Link> ·{" "}
                    <Link to={`/reports/${r.id}/diff`}>{t("report.diff")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t("report.none", { year: d.year })}</p>
      )}
      {d.canReport && d.unapproved ? (
        <MakeReport year={d.year} townships={d.townships} unapproved={d.unapproved} lastMonth={d.lastMonth} />
      ) : null}
    </main>
  );
}

/** The report form: townships to report (all by default) and the months not approved yet. */
function MakeReport({
  year,
  townships,
  unapproved,
  lastMonth,
}: {
  year: number;
  townships: Data["townships"];
  unapproved: NonNullable<Data["unapproved"]>;
  lastMonth: number;
}) {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result && !result.ok ? result.errors : {};
  const chosen = result && !result.ok ? (result.values.townshipIds as string[] | undefined) : undefined;
  const monthsOf = new Map(unapproved.townships.map((tw) => [tw.townshipId, tw.months]));
  return (
    <section className="card" aria-labelledby="make-report">
      <h2 id="make-report">{t("report.make", { year })}</h2>
      <p className="muted">{t("report.makeHint")}</p>
      <ConfirmForm method="post" noValidate message={t("report.confirm", { year })}>
        <input type="hidden" name="year" value={year} />
        <fieldset
          className={`check-group township-choice${errors.townshipIds ? " has-error" : ""}`}
          aria-describedby="township-ids-error"
        >
          <legend>{t("report.townships")}</legend>
          <label className="check-all">
            <input
              type="checkbox"
              defaultChecked={!chosen}
              onChange={(event) => {
                const boxes = event.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="townshipIds"]');
                boxes?.forEach((box) => (box.checked = event.currentTarget.checked));
              }}
            />{" "}
            {t("report.allTownships")}
          </label>
          {townships.map((tw) => (
            <label key={tw.id}>
              <input
                type="checkbox"
                name="townshipIds"
                value={tw.id}
                defaultChecked={chosen ? chosen.includes(String(tw.id)) : true}
              />{" "}
              {tw.name}
              {monthsOf.get(tw.id) ? (
                <span className="muted small">（{t("report.unapprovedMonths", { count: monthsOf.get(tw.id)! })}）</span>
              ) : null}
            </label>
          ))}
          <ErrorList id="township-ids-error" errors={(errors.townshipIds ?? []).map((e) => t.data(e))} />
        </fieldset>
        <Field label={t("report.note")} name="note" maxLength={200} error={errors.note} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t("report.submit")}
          </button>
        </div>
      </ConfirmForm>
      {lastMonth > 0 ? (
        <div className="unapproved">
          <h3>{t("report.unapprovedTitle")}</h3>
          {unapproved.villageCount ? (
            <>
              <p>{t("report.unapprovedHint", { month: lastMonth })}</p>
              <ul className="unapproved-list">
                {unapproved.villages.map((v) => (
                  <li key={v.id}>
                    {v.townshipName} · {v.name}：{v.months.map((m) => t("income.monthN", { month: m })).join("、")}
                  </li>
                ))}
              </ul>
              {unapproved.villageCount > unapproved.villages.length ? (
                <p className="muted">
                  {t("report.unapprovedMore", { count: unapproved.villageCount - unapproved.villages.length })}{" "}
                  <Link to={`/closing?year=${year}`}>{t("closing.title")}</Link>
                </p>
              ) : null}
            </>
          ) : (
            <p className="muted">{t("report.allApproved", { month: lastMonth })}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
