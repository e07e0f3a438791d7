import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FilterSelect } from "~/components/list";
import { useT } from "~/i18n";
import { formatDateTime } from "~/lib/dates";
import { parseQuery } from "~/utils/params.server";
import { AUDIT_ENTITIES } from "../../db/enums";
import { listAudit } from "~/models/audit.server";
import { listUsers } from "~/models/user.server";
import { requireAdmin } from "~/permissions.server";
import { pageTitle } from "~/lib/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { entity, userId, entityId, from, to } = parseQuery("audit", request);
  const [entries, users] = await Promise.all([
    listAudit({ entity, entityId, userId, from, to, limit: 200 }),
    listUsers(),
  ]);
  return json({
    entries,
    users: users.map((u) => ({ id: u.id, username: u.username })),
    filters: { entity, userId, entityId, from, to },
  });
}

/** The fields an update changed, as "field: before → after". */
function changes(before: string | null, after: string | null): string[] {
  if (!before || !after) return [];
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(after) as Record<string, unknown>;
  return Object.keys(b)
    .filter((k) => k !== "version" && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k}: ${JSON.stringify(a[k] ?? null)} → ${JSON.stringify(b[k] ?? null)}`);
}

/** What an entry without a before/after pair says: the name a failed login tried, an import's file and counts. */
function note(t: ReturnType<typeof useT>, action: string, after: string | null): string | null {
  if (!after) return null;
  const a = JSON.parse(after) as Record<string, unknown>;
  if (action === "login_failed" && typeof a.username === "string") return t("audit.failedAs", { username: a.username });
  if ("import" in a)
    return t("audit.imported", {
      file: String(a.import ?? "—"),
      created: Number(a.created ?? 0),
      updated: Number(a.updated ?? 0),
      skipped: Number(a.skipped ?? 0),
    });
  if (typeof a.sessionsEnded === "number") return t("audit.sessionsEnded", { count: a.sessionsEnded });
  return null;
}

export const meta = pageTitle("audit.title");

export default function AuditPage() {
  const t = useT();
  const { entries, users, filters } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <h1>{t("audit.title")}</h1>
      <Form method="get" className="filters">
        <FilterSelect
          name="entity"
          label={t("audit.record")}
          value={filters.entity}
          options={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entity.${e}`) }))}
        />
        <label>
          <span>{t("audit.recordId")}</span>
          <input name="record" inputMode="numeric" size={6} defaultValue={filters.entityId ?? ""} />
        </label>
        <FilterSelect
          name="user"
          label={t("audit.user")}
          value={filters.userId}
          options={users.map((u) => ({ value: u.id, label: u.username }))}
        />
        <label>
          <span>{t("audit.from")}</span>
          <input name="from" placeholder="2024-01-01" size={10} defaultValue={filters.from ?? ""} />
        </label>
        <label>
          <span>{t("audit.to")}</span>
          <input name="to" placeholder="2024-12-31" size={10} defaultValue={filters.to ?? ""} />
        </label>
        <button type="submit" className="button">
          {t("common.filter")}
        </button>
      </Form>
      {entries.length === 0 ? (
        <p className="empty-state">{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("audit.at")}</th>
                <th>{t("audit.user")}</th>
                <th>{t("audit.action")}</th>
                <th>{t("audit.record")}</th>
                <th>{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const changed = changes(e.before, e.after);
                const said = note(t, e.action, e.after);
                const snapshot = e.after ?? e.before;
                const name = snapshot
                  ? (JSON.parse(snapshot) as { name?: string; username?: string; title?: string }).name ?? ""
                  : "";
                return (
                  <tr key={e.id}>
                    <td className="mono">{formatDateTime(e.at)}</td>
                    <td>{e.username ?? "—"}</td>
                    <td>{t.data(`audit.action.${e.action}`)}</td>
                    <td>
                      {t.data(`audit.entity.${e.entity}`)}
                      {e.entityId ? ` #${e.entityId}` : ""} {name}
                    </td>
                    <td className="small">
                      {said ? <p className="audit-note">{said}</p> : null}
                      {changed.length ? (
                        <ul className="change-list">
                          {changed.slice(0, 8).map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
