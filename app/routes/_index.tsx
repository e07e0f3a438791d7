import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Money } from "~/components/money";
import { useT } from "~/i18n";
import { currentYear, todayIso } from "~/lib/dates";
import { clerkToDo, townshipToDo } from "~/models/closing.server";
import { canWriteAll } from "~/lib/permissions";
import { monthBadge } from "~/lib/month-state";
import { changeRatio, formatChange, formatFen } from "~/lib/money";
import { dashboardFigures } from "~/models/dashboard.server";
import { alerts } from "~/models/alerts.server";
import { AlertList } from "~/components/alert-list";
import { weakForecast } from "~/models/forecast.server";

/** How many of each kind of alert the dashboard names; /alerts names more. */
const DASHBOARD_ALERTS = 3;
import { requireUser } from "~/session.server";
import { parseQuery } from "~/utils/params.server";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { year } = parseQuery("dashboard", request);
  const [figures, toDo, review, alertList, forecast] = await Promise.all([
    dashboardFigures(year),
    // a clerk's months to report, returned ones with the reason, first on their home page
    user.role === "clerk" ? clerkToDo(user, todayIso()) : null,
    // the township's: months to approve, and unlocks asked for
    canWriteAll(user.role) ? townshipToDo() : null,
    alerts(DASHBOARD_ALERTS),
    // how many of this year's weak villages their terms' payments still due will lift
    year === currentYear() ? weakForecast({ limit: 0 }) : null,
  ]);
  // the years it offers end at this one: a dashboard of next year is empty
  return json({ ...figures, thisYear: currentYear(), toDo, review, alerts: alertList, forecast });
}

/** 比上年 12.5%, or that last year had nothing to compare with. */
function changeNote(t: ReturnType<typeof useT>, change: number | null) {
  return change === null
    ? t("dashboard.noLastYear")
    : t("dashboard.changeOnLastYear", { change: formatChange(change) });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) => t("dashboard.title", { year: d.year }));

export default function Dashboard() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t("dashboard.title", { year: d.year })}</h1>
        <nav className="year-switch" aria-label="year">
          <Link to={`/?year=${d.year - 1}`}>‹ {d.year - 1}</Link>
          {d.year < d.thisYear ? <Link to={`/?year=${d.year + 1}`}>{d.year + 1} ›</Link> : null}
        </nav>
      </div>

      {d.toDo ? (
        <section className="card to-do">
          <h2>{t("closing.todo")}</h2>
          {d.toDo.length ? (
            <ul className="link-list">
              {d.toDo.map((m) => (
                <li key={`${m.villageId}-${m.year}-${m.month}`}>
                  <Link to={`/closing/${m.villageId}/${m.year}/${m.month}`}>
                    {t("closing.monthTitle", { village: m.villageName, year: m.year, month: m.month })}
                  </Link>{" "}
                  <span className={monthBadge(m.state, m.overdue).className}>
                    {t(monthBadge(m.state, m.overdue).label)}
                  </span>
                  {m.returnReason ? (
                    <span className="muted"> {t("closing.returnedBecause", { reason: m.returnReason })}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("closing.todoEmpty")}</p>
          )}
        </section>
      ) : null}
      {d.review && (d.review.submitted > 0 || d.review.requests.length > 0) ? (
        <section className="card to-do">
          <h2>{t("closing.reviewToDo")}</h2>
          {d.review.submitted > 0 ? (
            <p>
              <Link to="/closing">{t("closing.toApprove", { count: d.review.submitted })}</Link>
            </p>
          ) : null}
          {d.review.requests.length ? (
            <ul className="link-list">
              {d.review.requests.map((r) => (
                <li key={`${r.villageId}-${r.year}-${r.month}`}>
                  <Link to={`/closing/${r.villageId}/${r.year}/${r.month}`}>
                    {t("closing.monthTitle", { village: r.villageName, year: r.year, month: r.month })}
                  </Link>{" "}
                  <span className="muted">
                    {t("closing.unlockAsked", { reason: r.reason })} · {r.askedBy ?? "—"}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      <section className="card alerts-card" aria-labelledby="dashboard-alerts">
        <h2 id="dashboard-alerts">{t("dashboard.alerts")}</h2>
        <AlertList alerts={d.alerts} />
      </section>
      <section className="stat-grid" aria-label={t("dashboard.title", { year: d.year })}>
        <Stat
          to={`/summary?year=${d.year}`}
          id="income"
          primary
          label={`${t("dashboard.income")}（${t("common.yuan")}）`}
          note={`${changeNote(t, changeRatio(d.totalFen, d.lastYearFen))} · ${t("dashboard.records", {
            count: d.records,
          })}`}
        >
          <Money fen={d.totalFen} />
        </Stat>
        <Stat
          to={`/summary?year=${d.year}`}
          id="operating"
          label={`${t("dashboard.operatingIncome")}（${t("common.yuan")}）`}
        >
          <Money fen={d.operatingFen} />
        </Stat>
        <Stat to="/projects" id="projects" label={t("dashboard.projects")}>
          {d.projects}
        </Stat>
        <Stat
          to={d.overdueOrganizations ? "/organizations?sort=lastReview&dir=asc" : "/organizations"}
          id="organizations"
          label={t("dashboard.organizations")}
          note={`${t("dashboard.activeOrganizations", { count: d.activeOrganizations })}${
            d.overdueOrganizations ? ` · ${t("dashboard.overdueCount", { count: d.overdueOrganizations })}` : ""
          }`}
        >
          {d.organizations}
        </Stat>
        <Stat to="/villages" id="villages" label={t("dashboard.villages")}>
          {d.villages}
        </Stat>
        <Stat to="/enterprises" id="enterprises" label={t("dashboard.enterprises")}>
          {d.enterprises}
        </Stat>
      </section>

      {d.records === 0 ? <p className="empty-state">{t("dashboard.noIncome")}</p> : null}

      <div className="columns">
        <section className="card">
          <h2>{t("dashboard.topVillages")}</h2>
          <table className="table">
            <tbody>
              {d.topVillages.map((v, i) => (
                <tr key={v.id}>
                  <td className="rank">{i + 1}</td>
                  <td>
                    <Link to={`/villages/${v.id}`}>{v.name}</Link>
                  </td>
                  <td className="num">
                    <Money fen={v.totalFen} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="card">
          <h2>
            {t("dashboard.weakVillages")} <span className="badge warn">{d.weakCount}</span>
          </h2>
          <p className="muted small">{t("dashboard.weakNote", { threshold: formatFen(d.thresholdFen) })}</p>
          {d.forecast && d.forecast.weak ? (
            <p data-testid="dashboard-forecast">
              <Link to={`/summary?year=${d.year}#forecast`}>{t("forecast.title")}</Link>：
              {t("forecast.summary", { weak: d.forecast.weak, lifted: d.forecast.lifted })}
            </p>
          ) : null}
          <ul className="chip-list">
            {d.weakVillages.map((v) => (
              <li key={v.id}>
                <Link to={`/villages/${v.id}`} className="chip warn">
                  {v.name} · <Money fen={v.operatingFen} />
                </Link>
              </li>
            ))}
          </ul>
          {d.weakCount > d.weakVillages.length ? (
            <p className="small">
              <Link to={`/summary?year=${d.year}&sort=operatingIncome`}>
                {t("dashboard.allWeak", { count: d.weakCount })}
              </Link>
            </p>
          ) : null}
        </section>

        <section className="card">
          <h2>{t("dashboard.projectsByStatus")}</h2>
          <ul className="status-bars">
            {d.projectsByStatus.map((s) => (
              <li key={s.status}>
                <span className={`status-dot status-${s.status}`} aria-hidden="true" />
                <span className="status-name">{t(`project.status.${s.status}`)}</span>
                <span className="bar" style={{ width: `${d.projects ? (s.count / d.projects) * 100 : 0}%` }} />
                <span className="num">{s.count}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}

function Stat({
  to,
  id,
  label,
  note,
  primary,
  children,
}: {
  to: string;
  id: string;
  label: string;
  note?: string;
  primary?: boolean;
  children: ReactNode;
}) {
  return (
    <Link to={to} className={primary ? "stat stat-primary" : "stat"} data-testid={`stat-${id}`}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{children}</span>
      {note ? <span className="stat-note">{note}</span> : null}
    </Link>
  );
}
