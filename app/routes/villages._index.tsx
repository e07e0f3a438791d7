import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/money";
import { Pager } from "~/components/pager";
import { useT } from "~/i18n";
import { currentYear } from "~/lib/dates";
import { canWriteAll } from "~/lib/permissions";
import { listTownships, listVillages } from "~/models/village.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const q = params.get("q")?.trim() || undefined;
  const townshipId = Number(params.get("township")) || undefined;
  const page = Math.max(1, Number(params.get("page")) || 1);
  const year = currentYear();
  const [list, townships] = await Promise.all([listVillages({ q, townshipId, year, page }), listTownships()]);
  return json({
    ...list,
    townships,
    year,
    q: q ?? "",
    townshipId: townshipId ?? null,
    canCreate: canWriteAll(user.role),
  });
}

export default function VillagesPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t("villages.title")}</h1>
        {d.canCreate ? (
          <Link to="/villages/new" className="button primary">
            {t("common.new")}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="filters" role="search">
        <label>
          <span>{t("common.search")}</span>
          <input
            type="search"
            name="q"
            defaultValue={d.q}
            placeholder={`${t("village.name")} / ${t("village.code")}`}
          />
        </label>
        <label>
          <span>{t("village.township")}</span>
          <select name="township" defaultValue={d.townshipId ?? ""}>
            <option value="">{t("common.all")}</option>
            {d.townships.map((tw) => (
              <option key={tw.id} value={tw.id}>
                {tw.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {t("common.search")}
        </button>
      </Form>
      {d.rows.length === 0 ? (
        <p className="empty-state">{t("villages.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("village.name")}</th>
                <th>{t("village.township")}</th>
                <th>{t("village.kind")}</th>
                <th>{t("village.code")}</th>
                <th>{t("village.secretary")}</th>
                <th className="num">{t("village.population")}</th>
                <th className="num">{t("villages.incomeThisYear", { year: d.year })}</th>
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
