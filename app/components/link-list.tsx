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
