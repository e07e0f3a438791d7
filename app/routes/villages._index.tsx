import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ExportLinks, FilterSelect, ListFilters, SortHeader } from "~/components/list";
import { Money } from "~/components/money";
import { Pager } from "~/components/pager";
import { useT } from "~/i18n";
import { canWriteAll } from "~/lib/permissions";
import { listTownships, listVillages } from "~/models/village.server";
import { parseQuery } from "~/utils/params.server";
import { requireUser } from "~/session.server";
import { VILLAGE_KINDS } from "../../db/enums";
import { pageTitle } from "~/lib/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseQuery("villages", request);
  const [list, townships] = await Promise.all([listVillages(filters), listTownships()]);
  return json({ ...list, filters, townships, canCreate: canWriteAll(user.role) });
}

export const meta = pageTitle("villages.title");

export default function VillagesPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t("villages.title")}</h1>
        <div className="head-actions">
          <ExportLinks base="/villages" />
          {d.canCreate ? (
            <>
              <Link to="/townships" className="button small">
                {t("townships.manage")}
              </Link>
              <Link to="/villages/new" className="button primary">
                {t("villages.new")}
              </Link>
            </>
          ) : null}
        </div>
      </div>
      <ListFilters q={d.filters.q ?? ""} placeholder={`${t("village.name")} / ${t("village.code")}`}>
        <FilterSelect
          name="township"
          label={t("village.township")}
          value={d.filters.townshipId}
          options={d.townships.map((tw) => ({ value: tw.id, label: tw.name }))}
        />
        <FilterSelect
          name="kind"
          label={t("village.kind")}
          value={d.filters.kind}
          options={VILLAGE_KINDS.map((k) => ({ value: k, label: t(`village.kind.${k}`) }))}
        />
      </ListFilters>
      {d.rows.length === 0 ? (
        <p className="empty-state">{t("villages.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <SortHeader column="name" label={t("village.name")} />
                <SortHeader column="township" label={t("village.township")} />
                <SortHeader column="kind" label={t("village.kind")} />
                <SortHeader column="code" label={t("village.code")} />
                <SortHeader column="secretary" label={t("village.secretary")} />
                <SortHeader column="households" label={t("village.households")} numeric />
                <SortHeader column="population" label={t("village.population")} numeric />
                <SortHeader column="income" label={t("villages.incomeThisYear", { year: d.filters.year })} numeric />
              </tr>
            </thead>
            <tbody>
              {d.rows.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link to={`/villages/${v.id}`}>{v.name}</Link>
                  </td>
                  <td>{v.townshipName}</td>
                  <td>{t(`village.kind.${v.kind}`)}</td>
                  <td className="mono">{v.code}</td>
                  <td>{v.secretary}</td>
                  <td className="num">{v.households?.toLocaleString("en-US")}</td>
                  <td className="num">{v.population?.toLocaleString("en-US")}</td>
                  <td className="num">
                    <Money fen={v.incomeFen} />
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
