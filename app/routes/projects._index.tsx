import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterSelect, ListFilters, ListHeader, SortHeader } from "~/components/list";
import { FilterPicker } from "~/components/picker";
import { Money } from "~/components/money";
import { Pager } from "~/components/pager";
import { useT } from "~/i18n";
import { listProjects } from "~/models/project.server";
import { parseQuery } from "~/utils/params.server";
import { resolveQueryPicks } from "~/utils/pickers.server";
import { requireUser } from "~/session.server";
import { PROJECT_STATUSES, PROJECT_TYPES } from "../../db/enums";
import { pageTitle } from "~/lib/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { url, picked, pickErrors } = await resolveQueryPicks(request, {
    village: "village",
    enterprise: "enterprise",
    organization: "organization",
  });
  const filters = parseQuery("projects", { url });
  const list = await listProjects(filters);
  return json({ ...list, picked, pickErrors, filters, canCreate: user.role !== "viewer" });
}

export const meta = pageTitle("projects.title");

export default function ProjectsPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <ListHeader
        title={t("projects.title")}
        base="/projects"
        create={d.canCreate ? { to: "/projects/new", label: t("projects.new") } : null}
      />
      <ListFilters q={d.filters.q ?? ""} placeholder={t("project.name")}>
        <FilterSelect
          name="type"
          label={t("project.type")}
          value={d.filters.type}
          options={PROJECT_TYPES.map((x) => ({ value: x, label: t(`project.type.${x}`) }))}
        />
        <FilterSelect
          name="status"
          label={t("project.status")}
          value={d.filters.status}
          options={PROJECT_STATUSES.map((x) => ({ value: x, label: t(`project.status.${x}`) }))}
        />
        <FilterPicker
          kind="village"
          name="village"
          label={t("project.villages")}
          initial={d.picked.village}
          error={d.pickErrors.village?.[0]}
        />
        <FilterPicker
          kind="enterprise"
          name="enterprise"
          label={t("project.enterprises")}
          initial={d.picked.enterprise}
          error={d.pickErrors.enterprise?.[0]}
        />
        <FilterPicker
          kind="organization"
          name="organization"
          label={t("project.organization")}
          initial={d.picked.organization}
          error={d.pickErrors.organization?.[0]}
        />
      </ListFilters>
      {d.rows.length === 0 ? (
        <p className="empty-state">{t("projects.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <SortHeader column="name" label={t("project.name")} />
                <SortHeader column="type" label={t("project.type")} />
                <SortHeader column="status" label={t("project.status")} />
                <th>{t("project.villages")}</th>
                <th>{t("project.enterprises")}</th>
                <SortHeader column="organization" label={t("project.organization")} />
                <SortHeader column="investment" label={t("project.investment")} numeric />
                <SortHeader column="expectedIncome" label={t("project.expectedIncome")} numeric />
                <SortHeader column="contractEnd" label={t("project.contractEnd")} />
              </tr>
            </thead>
            <tbody>
              {d.rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/projects/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{t(`project.type.${p.type}`)}</td>
                  <td>
                    <span className={`status-dot status-${p.status}`} aria-hidden="true" />{" "}
                    {t(`project.status.${p.status}`)}
                  </td>
                  <td>{p.villageNames.join("、")}</td>
                  <td>{p.enterpriseNames.join("、") || "—"}</td>
                  <td>{p.organizationName ?? "—"}</td>
                  <td className="num">{p.investmentFen === null ? "—" : <Money fen={p.investmentFen} />}</td>
                  <td className="num">{p.expectedIncomeFen === null ? "—" : <Money fen={p.expectedIncomeFen} />}</td>
                  <td className="mono">{p.contractEnd ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={d.page} pageSize={d.pageSize} total={d.total} />
    </main>
  );
}
