import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { industryLabel } from "~/components/enterprise-form";
import { FilterSelect, ListFilters, ListHeader, SortHeader } from "~/components/list";
import { Pager } from "~/components/pager";
import { useT } from "~/i18n";
import { canWriteAll } from "~/lib/permissions";
import { listEnterprises } from "~/models/enterprise.server";
import { parseQuery } from "~/utils/params.server";
import { requireUser } from "~/session.server";
import { INDUSTRY_SECTIONS } from "../../db/enums";
import { pageTitle } from "~/lib/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseQuery("enterprises", request);
  return json({ ...(await listEnterprises(filters)), filters, canCreate: canWriteAll(user.role) });
}

export const meta = pageTitle("enterprises.title");

export default function EnterprisesPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <ListHeader
        title={t("enterprises.title")}
        base="/enterprises"
        create={d.canCreate ? { to: "/enterprises/new", label: t("enterprises.new") } : null}
      />
      <ListFilters q={d.filters.q ?? ""} placeholder={`${t("enterprise.name")} / ${t("enterprise.creditCode")}`}>
        <FilterSelect
          name="industry"
          label={t("enterprise.industry")}
          value={d.filters.industry}
          options={INDUSTRY_SECTIONS.map((code) => ({ value: code, label: industryLabel(t, code)! }))}
        />
        <FilterSelect
          name="aboveSize"
          label={t("enterprise.aboveSize")}
          value={d.filters.aboveSize}
          options={[
            { value: "yes", label: t("common.yes") },
            { value: "no", label: t("common.no") },
          ]}
        />
      </ListFilters>
      {d.rows.length === 0 ? (
        <p className="empty-state">{t("enterprises.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <SortHeader column="name" label={t("enterprise.name")} />
                <SortHeader column="creditCode" label={t("enterprise.creditCode")} />
                <SortHeader column="industry" label={t("enterprise.industry")} />
                <SortHeader column="aboveSize" label={t("enterprise.aboveSize")} />
                <SortHeader column="legalRep" label={t("enterprise.legalRep")} />
                <SortHeader column="partyMembers" label={t("enterprise.partyMembers")} numeric />
                <SortHeader column="projects" label={t("enterprise.projects")} numeric />
              </tr>
            </thead>
            <tbody>
              {d.rows.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
                  </td>
                  <td className="mono">{e.creditCode}</td>
                  <td>{industryLabel(t, e.industry)}</td>
                  <td>{e.aboveSize ? t("common.yes") : t("common.no")}</td>
                  <td>{e.legalRep}</td>
                  <td className="num">{e.partyMembers}</td>
                  <td className="num">{e.projectCount}</td>
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
