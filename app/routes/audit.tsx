import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { listAudit } from "~/models/audit.server";
import { requireRole } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ entries: await listAudit({ limit: 100 }) });
}

export default function AuditPage() {
  const t = useT();
  const { entries } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <h1>{t("audit.title")}</h1>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t("audit.at")}</th>
              <th>{t("audit.user")}</th>
              <th>{t("audit.action")}</th>
              <th>{t("audit.record")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="mono">{e.at.slice(0, 19).replace("T", " ")}</td>
                <td>{e.username ?? "—"}</td>
                <td>{t(`audit.action.${e.action}`)}</td>
                <td>
                  {e.entity}
                  {e.entityId ? ` #${e.entityId}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
