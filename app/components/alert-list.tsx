import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n";
import { formatFen } from "~/lib/money";
import type { Alerts } from "~/models/alerts.server";
import type { SerializeFrom } from "@remix-run/node";

type Data = SerializeFrom<Alerts>;

/** One kind of alert: its heading with the count, its first items, and where to see them all. */
function Kind({
  id,
  title,
  total,
  more,
  children,
  level,
}: {
  level: "h2" | "h3";
  id: string;
  title: string;
  total: number;
  more?: { to: string; label: string };
  children: ReactNode;
}) {
  if (!total) return null;
  const Heading = level;
  return (
    <section className="alert-kind" aria-labelledby={`alert-${id}`} data-testid={`alert-${id}`}>
      <Heading id={`alert-${id}`}>
        {title} <span className="badge warn">{total}</span>
      </Heading>
      <ul className="link-list">{children}</ul>
      {more ? (
        <p className="small">
          <Link to={more.to}>{more.label}</Link>
        </p>
      ) : null}
    </section>
  );
}

/**
 * What needs attention, each item a link to the page where it is dealt with: the dashboard shows
 * the first few of each kind, /alerts more.
 */
export function AlertList({ alerts, full = false }: { alerts: Data; full?: boolean }) {
  const t = useT();
  const a = alerts;
  // under the dashboard card's heading, or the page's own
  const level = full ? "h2" : "h3";
  const none = !a.ending.total && !a.overdue.total && !a.stalled.total && !a.unreviewed.total && !a.lateMonths.total;
  if (none) return <p className="muted">{t("alerts.none")}</p>;
  return (
    <div className="alert-list">
      <Kind level={level} id="ending" title={t("alerts.ending")} total={a.ending.total}>
        {a.ending.items.map((e) => (
          <li key={e.projectId} className={e.daysLeft <= 30 ? "urgent" : undefined}>
            <Link to={`/projects/${e.projectId}`}>{e.projectName}</Link>{" "}
            {t("alerts.endsIn", { date: e.endsOn, days: e.daysLeft })}
            {e.daysLeft <= 30 ? <span className="badge danger">{t("alerts.within30")}</span> : null}
          </li>
        ))}
      </Kind>
      <Kind
        level={level}
        id="overdue"
        title={t("alerts.overdue")}
        total={a.overdue.total}
        more={{ to: "/receivables?overdue=1", label: t("alerts.seeReceivables") }}
      >
        {a.overdue.items.map((o) => (
          <li key={`${o.termId}-${o.oldestDue}`}>
            <Link to={`/projects/${o.projectId}/terms/${o.termId}`}>
              {o.enterpriseName} → {o.villageName}
            </Link>{" "}
            {t("alerts.owes", { date: o.oldestDue, amount: formatFen(o.outstandingFen), days: o.daysOverdue })}
          </li>
        ))}
      </Kind>
      <Kind level={level} id="stalled" title={t("alerts.stalled")} total={a.stalled.total}>
        {a.stalled.items.map((p) => (
          <li key={p.projectId}>
            <Link to={`/projects/${p.projectId}/edit`}>{p.projectName}</Link>{" "}
            {t("alerts.stalledFor", { status: t(`project.status.${p.status}`), days: p.days })}
          </li>
        ))}
      </Kind>
      <Kind level={level} id="unreviewed" title={t("alerts.unreviewed")} total={a.unreviewed.total}>
        {a.unreviewed.items.map((o) => (
          <li key={o.organizationId}>
            <Link to={`/organizations/${o.organizationId}`}>{o.organizationName}</Link>{" "}
            {o.lastReview ? t("alerts.lastReview", { date: o.lastReview }) : t("alerts.neverReviewed")}
          </li>
        ))}
      </Kind>
      <Kind
        level={level}
        id="late-months"
        title={t("alerts.lateMonths", { month: a.lateMonths.lastLate })}
        total={a.lateMonths.total}
        more={{ to: `/closing/print?year=${a.year}`, label: t("closing.printReminder") }}
      >
        {a.lateMonths.items.map((m) => (
          <li key={m.townshipId}>
            <Link to={`/closing?year=${a.year}&township=${m.townshipId}`}>{m.townshipName}</Link>{" "}
            {t("alerts.monthsLate", { count: m.months })}
          </li>
        ))}
      </Kind>
      {full ? null : (
        <p>
          <Link to="/alerts">{t("alerts.all")}</Link>
        </p>
      )}
    </div>
  );
}
