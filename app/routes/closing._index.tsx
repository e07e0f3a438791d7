import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ExportLinks, YearAndTownship } from "~/components/list";
import { useT } from "~/i18n";
import { currentYear, todayIso } from "~/lib/dates";
import { errorResponse, forbidden } from "~/lib/http";
import { canWriteAll } from "~/lib/permissions";
import { monthBadge } from "~/lib/month-state";
import { pageTitle } from "~/lib/page-title";
import { approveSubmitted, closingGrid } from "~/models/closing.server";
import { listTownships } from "~/models/village.server";
import { requireUser } from "~/session.server";
import { parseQuery } from "~/utils/params.server";
import { MONTH_STATES } from "../../db/enums";

// 报送情况: a year's villages × months, each month's state in colour and word, the counts per
// state and the overdue months; township staff approve a township's submitted months at once.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { year, townshipId } = parseQuery("closing", request);
  const [grid, townships] = await Promise.all([closingGrid(year, townshipId, todayIso()), listTownships()]);
  return json({
    ...grid,
    townshipId,
    townshipOptions: townships,
    canApprove: canWriteAll(user.role),
    // this year and the three before it (and the one asked for)
    years: [...new Set([year, ...Array.from({ length: 4 }, (_, i) => currentYear() - i)])].sort((a, b) => b - a),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canWriteAll(user.role)) forbidden();
  const form = await request.formData();
  const { year, townshipId } = parseQuery("closing", { url: `http://x/?${new URLSearchParams(form as never)}` });
  if (form.get("intent") !== "approve-township" || townshipId === null) throw errorResponse(400, "error.invalid");
  const approved = await approveSubmitted(user, year, townshipId);
  if (approved === "forbidden") forbidden();
  return json({ approved });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d) => String(d.year), "closing.title");

export default function ClosingPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return (
    <main className="page wide">
      <div className="page-head">
        <h1>
          {t("closing.title")} · {d.year}
        </h1>
        <div className="head-actions">
          <ExportLinks base="/closing" />
          <Link
            to={`/closing/print?year=${d.year}${d.townshipId === null ? "" : `&township=${d.townshipId}`}`}
            className="button small"
          >
            {t("closing.printReminder")}
          </Link>
        </div>
      </div>
      <Form method="get" className="filters">
        <YearAndTownship year={d.year} years={d.years} townshipId={d.townshipId} townships={d.townshipOptions} />
        <button type="submit" className="button">
          {t("common.filter")}
        </button>
      </Form>
      <p className="muted">{t("closing.overdueHint", { day: d.deadlineDay })}</p>
      {result ? (
        <p className="notice success" role="status">
          {t("closing.approvedCount", { count: result.approved })}
        </p>
      ) : null}
      {d.villages.length ? (
        <>
          <ul className="closing-counts" aria-label={t("closing.state")}>
            {MONTH_STATES.map((s) => (
              <li key={s}>
                <span className={`month-state month-${s}`}>{t(`closing.state.${s}`)}</span> {d.counts?.[s] ?? 0}
              </li>
            ))}
            <li>
              <span className="month-state month-overdue">{t("closing.overdue")}</span> {d.counts?.overdue ?? 0}
            </li>
          </ul>
          {d.canApprove && d.townshipId !== null && (d.counts?.submitted ?? 0) > 0 ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="approve-township" />
              <input type="hidden" name="year" value={d.year} />
              <input type="hidden" name="township" value={d.townshipId} />
              <button type="submit" className="button primary">
                {t("closing.approveTownship")}（{d.counts?.submitted}）
              </button>
            </Form>
          ) : null}
          <div className="table-wrap">
            <table className="table closing-grid">
              <thead>
                <tr>
                  <th>{t("summary.village")}</th>
                  {months.map((m) => (
                    <th key={m}>{t("income.monthN", { month: m })}</th>
                  ))}
                  <th>{t("closing.clerks")}</th>
                </tr>
              </thead>
              <tbody>
                {d.villages.map((v) => (
                  <tr key={v.id}>
                    <td>
                      {v.name} <span className="muted small">{v.townshipName}</span>
                    </td>
                    {v.months.map((c) =>
                      c.month > d.lastMonth ? (
                        <td key={c.month} />
                      ) : (
                        <td key={c.month}>
                          <Link
                            to={`/closing/${v.id}/${d.year}/${c.month}`}
                            className={monthBadge(c.state, c.overdue).className}
                            title={c.returnReason ?? c.unlockRequest ?? undefined}
                          >
                            {t(monthBadge(c.state, c.overdue).label)}
                          </Link>
                        </td>
                      )
                    )}
                    <td>{v.clerks ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <>
          <p className="muted">{t("closing.chooseTownship")}</p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("summary.township")}</th>
                  <th className="num">{t("closing.villages")}</th>
                  {MONTH_STATES.map((s) => (
                    <th key={s} className="num">
                      {t(`closing.state.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.townships.map((tw) => (
                  <tr key={tw.id}>
                    <td>
                      <Link to={`?year=${d.year}&township=${tw.id}`}>{tw.name}</Link>
                    </td>
                    <td className="num">{tw.villages}</td>
                    {MONTH_STATES.map((s) => (
                      <td key={s} className="num">
                        {tw.counts[s]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </main>
  );
}
