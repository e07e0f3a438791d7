import type { T } from "~/i18n";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** A titled card listing linked records, or what to do when there are none. */
export function LinkCard({
  title,
  empty,
  items,
}: {
  title: string;
  empty: string;
  items: { id: number; to: string; name: string; note?: ReactNode }[];
}) {
  return (
    <section className="card">
      <h2>
        {title} <span className="badge">{items.length}</span>
      </h2>
      {items.length ? (
        <ul className="link-list">
          {items.map((item) => (
            <li key={item.id}>
              <Link to={item.to}>{item.name}</Link>
              {item.note ? <span className="muted small"> {item.note}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </section>
  );
}

/** Link items for projects: name, with type and status. */
export const projectItems = (t: T, projects: { id: number; name: string; type: string; status: string }[]) =>
  projects.map((p) => ({
    id: p.id,
    to: `/projects/${p.id}`,
    name: p.name,
    note: `${t.data(`project.type.${p.type}`)} · ${t.data(`project.status.${p.status}`)}`,
  }));

/** Link items for joint organizations: name, with level or "dissolved". */
export const organizationItems = (
  t: T,
  orgs: { id: number; name: string; level: string; dissolvedOn: string | null }[]
) =>
  orgs.map((o) => ({
    id: o.id,
    to: `/organizations/${o.id}`,
    name: o.name,
    note: o.dissolvedOn ? t("organization.dissolved") : t.data(`organization.level.${o.level}`),
  }));

export const villageItems = (villages: { id: number; name: string }[]) =>
  villages.map((v) => ({ id: v.id, to: `/villages/${v.id}`, name: v.name }));
export const enterpriseItems = (enterprises: { id: number; name: string }[]) =>
  enterprises.map((e) => ({ id: e.id, to: `/enterprises/${e.id}`, name: e.name }));
