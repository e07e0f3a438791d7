import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterSelect, ListFilters, ListHeader, SortHeader } from "~/components/list";
import { Money } from "~/components/money";
import { Pager } from "~/components/pager";
import { useT } from "~/i18n";
import { projectFormOptions } from "~/utils/options.server";
import { listProjects } from "~/models/project.server";
import { parseQuery } from "~/utils/params.server";
import { requireUser } from "~/session.server";
import { PROJECT_STATUSES, PROJECT_TYPES } from "../../db/enums";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseQuery("projects", request);
  const [list, options] = await Promise.all([listProjects(filters), projectFormOptions()]);
  return json({ ...list, ...options, filters, canCreate: user.role !== "viewer" });
}

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
        <FilterSelect
          name="village"
          label={t("project.villages")}
          value={d.filters.villageId}
          options={d.villages.map((v) => ({ value: v.id, label: v.name }))}
        />
        <FilterSelect
          name="enterprise"
          label={t("project.enterprises")}
          value={d.filters.enterpriseId}
          options={d.enterprises.map((e) => ({ value: e.id, label: e.name }))}
        />
        <FilterSelect
          name="organization"
          label={t("project.organization")}
          value={d.filters.organizationId}
          options={d.organizations.map((o) => ({ value: o.id, label: o.name }))}
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
