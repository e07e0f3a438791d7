import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterSelect, ListFilters, ListHeader, SortHeader } from "~/components/list";
import { Pager } from "~/components/pager";
import { useT } from "~/i18n";
import { quarterOf } from "~/lib/dates";
import { canWriteAll } from "~/lib/permissions";
import { listOrganizations } from "~/models/organization.server";
import { parseQuery } from "~/utils/params.server";
import { requireUser } from "~/session.server";
import { PATTERNS } from "~/lib/organization-pattern";
import { ORG_LEVELS } from "../../db/enums";
import { pageTitle } from "~/lib/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseQuery("organizations", request);
  return json({ ...(await listOrganizations(filters)), filters, canCreate: canWriteAll(user.role) });
}

export const meta = pageTitle("organizations.title");

export default function OrganizationsPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const q = quarterOf(d.reviewSince);
  const quarter = t("common.quarter", { year: q.year, quarter: q.quarter });
  return (
    <main className="page">
      <ListHeader
        title={t("organizations.title")}
        base="/organizations"
        create={d.canCreate ? { to: "/organizations/new", label: t("organizations.new") } : null}
      />
      <ListFilters
        q={d.filters.q ?? ""}
        placeholder={`${t("organization.name")} / ${t("organization.firstSecretary")}`}
      >
        <FilterSelect
          name="level"
          label={t("organization.level")}
          value={d.filters.level}
          options={ORG_LEVELS.map((l) => ({ value: l, label: t(`organization.level.${l}`) }))}
        />
        <FilterSelect
          name="status"
          label={t("organization.status")}
          value={d.filters.status}
          options={[
            { value: "active", label: t("organization.active") },
            { value: "dissolved", label: t("organization.dissolved") },
          ]}
        />
        <FilterSelect
          name="pattern"
          label={t("organization.pattern")}
          value={d.filters.pattern}
          options={PATTERNS.map((p) => ({ value: p, label: t(`organization.pattern.${p}`) }))}
        />
      </ListFilters>
      {d.rows.length === 0 ? (
        <p className="empty-state">{t("organizations.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <SortHeader column="name" label={t("organization.name")} />
                <SortHeader column="level" label={t("organization.level")} />
                <th>{t("organization.pattern")}</th>
                <SortHeader column="villages" label={t("organization.villages")} />
                <SortHeader column="enterprises" label={t("organization.enterprises")} />
                <SortHeader column="firstSecretary" label={t("organization.firstSecretary")} />
                <SortHeader column="lastReview" label={t("organization.lastReview")} />
                <th>{t("organization.status")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((o) => (
                <tr key={o.id} className={o.dissolvedOn ? "inactive" : undefined}>
                  <td>
                    <Link to={`/organizations/${o.id}`}>{o.name}</Link>
                  </td>
                  <td>{t(`organization.level.${o.level}`)}</td>
                  <td>{t(`organization.pattern.${o.pattern}`)}</td>
                  <td>{o.villageNames.join("、")}</td>
                  <td>{o.enterpriseNames.join("、")}</td>
                  <td>
                    {o.firstSecretary}
                    {o.firstSecretaryPost ? <div className="muted small">{o.firstSecretaryPost}</div> : null}
                  </td>
                  <td>
                    {o.lastReview ?? "—"}
                    {o.overdue ? (
                      <div>
                        <span className="badge warn" title={t("organization.overdueHint", { quarter })}>
                          {t("organization.overdue")}
                        </span>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {o.dissolvedOn ? `${t("organization.dissolved")} ${o.dissolvedOn}` : t("organization.active")}
                  </td>
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
