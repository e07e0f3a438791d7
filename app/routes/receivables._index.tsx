import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { FilterSelect, ListFilters, ListHeader, SortHeader } from "~/components/list";
import { Money } from "~/components/money";
import { Pager } from "~/components/pager";
import { useT } from "~/i18n";
import { pageTitle } from "~/lib/page-title";
import { listReceivables } from "~/models/receivables.server";
import { listTownships } from "~/models/village.server";
import { requireUser } from "~/session.server";
import { parseQuery } from "~/utils/params.server";
import { PAGE_SIZE, RECEIVABLE_GROUPS } from "~/validation/params";

// 应收款: what the contract terms say is owed, by enterprise, village or project — due, received,
// outstanding, how late, and the outstanding by age.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const filters = parseQuery("receivables", request);
  const [list, townships] = await Promise.all([listReceivables(filters), listTownships()]);
  return json({ ...list, filters, townships, pageSize: PAGE_SIZE });
}

export const meta = pageTitle("receivables.title");

const LINKS = { enterprise: "/enterprises", village: "/villages", project: "/projects" } as const;

export default function ReceivablesPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const location = useLocation();
  const by = (group: (typeof RECEIVABLE_GROUPS)[number]) => {
    const p = new URLSearchParams(location.search);
    p.set("by", group);
    p.delete("page");
    p.delete("sort");
    p.delete("dir");
    return `?${p}`;
  };
  return (
    <main className="page wide">
      <ListHeader title={t("receivables.title")} base="/receivables" />
      <nav className="tabs" aria-label={t("receivables.by")}>
        {RECEIVABLE_GROUPS.map((g) => (
          <Link key={g} to={by(g)} aria-current={d.filters.by === g ? "page" : undefined}>
            {t(`receivables.by.${g}`)}
          </Link>
        ))}
      </nav>
      <ListFilters q={d.filters.q ?? ""} placeholder={t(`receivables.search.${d.filters.by}`)}>
        <input type="hidden" name="by" value={d.filters.by} />
        <FilterSelect
          name="township"
          label={t("summary.township")}
          value={d.filters.townshipId}
          options={d.townships.map((tw) => ({ value: tw.id, label: tw.name }))}
        />
        <label className="check">
          <input type="checkbox" name="overdue" value="1" defaultChecked={d.filters.overdue} />{" "}
          {t("receivables.overdueOnly")}
        </label>
      </ListFilters>
      <p className="muted small">
        {t("receivables.hint")} {t("receivables.termsFile")}：
        <a href="/terms.csv" download>
          CSV
        </a>{" "}
        ·{" "}
        <a href="/terms.xlsx" download>
          Excel
        </a>
      </p>
      {d.rows.length === 0 ? (
        <p className="empty-state">{t("receivables.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table receivables-table">
            <thead>
              <tr>
                <SortHeader column="name" label={t(`receivables.by.${d.filters.by}`)} />
                {d.filters.by === "village" ? <th>{t("summary.township")}</th> : null}
                <SortHeader column="due" label={t("term.due")} numeric />
                <SortHeader column="received" label={t("term.received")} numeric />
                <SortHeader column="outstanding" label={t("term.outstanding")} numeric />
                <SortHeader column="days" label={t("receivables.days")} numeric />
                <th className="num">{t("receivables.notDue")}</th>
                <th className="num">{t("receivables.upTo30")}</th>
                <th className="num">{t("receivables.upTo90")}</th>
                <th className="num">{t("receivables.over90")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} className={r.over90Fen > 0 ? "overdue" : undefined}>
                  <td>
                    <Link to={`${LINKS[d.filters.by]}/${r.id}`}>{r.name}</Link>
                  </td>
                  {d.filters.by === "village" ? <td>{r.detail}</td> : null}
                  <td className="num">
                    <Money fen={r.dueFen} />
                  </td>
                  <td className="num">
                    <Money fen={r.receivedFen} />
                  </td>
                  <td className={`num strong${r.outstandingFen > 0 ? " warn-text" : ""}`}>
                    <Money fen={r.outstandingFen} />
                  </td>
                  <td className="num">{r.daysOverdue || ""}</td>
                  <td className="num">
                    <Money fen={r.notDueFen} />
                  </td>
                  <td className="num">
                    <Money fen={r.upTo30Fen} />
                  </td>
                  <td className="num">
                    <Money fen={r.upTo90Fen} />
                  </td>
                  <td className="num">
                    <Money fen={r.over90Fen} />
                  </td>
                </tr>
              ))}
            </tbody>
            {d.total ? (
              <tfoot>
                <tr className="grand-total">
                  <td colSpan={d.filters.by === "village" ? 2 : 1}>
                    {t("receivables.grandTotal", { count: d.total.count })}
                  </td>
                  <td className="num">
                    <Money fen={d.total.dueFen} />
                  </td>
                  <td className="num">
                    <Money fen={d.total.receivedFen} />
                  </td>
                  <td className="num strong">
                    <Money fen={d.total.outstandingFen} />
                  </td>
                  <td className="num">{d.total.daysOverdue || ""}</td>
                  <td className="num">
                    <Money fen={d.total.notDueFen} />
                  </td>
                  <td className="num">
                    <Money fen={d.total.upTo30Fen} />
                  </td>
                  <td className="num">
                    <Money fen={d.total.upTo90Fen} />
                  </td>
                  <td className="num">
                    <Money fen={d.total.over90Fen} />
                  </td>
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      )}
      <Pager page={d.filters.page} pageSize={d.pageSize} total={d.count} />
    </main>
  );
}
