import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterSelect, ListFilters, ListHeader, SortHeader } from "~/components/list";
import { FilterPicker } from "~/components/picker";
import { Money } from "~/components/money";
import { Pager } from "~/components/pager";
import { useT } from "~/i18n";
import { formatDateTime } from "~/lib/dates";
import { incomeYears, listIncome } from "~/models/income.server";
import { listTownships } from "~/models/village.server";
import { parseQuery } from "~/utils/params.server";
import { resolveQueryPicks } from "~/utils/pickers.server";
import { requireUser } from "~/session.server";
import { INCOME_CATEGORIES } from "../../db/enums";
import { pageTitle } from "~/lib/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { url, picked, pickErrors } = await resolveQueryPicks(request, {
    village: "village",
    project: "project",
    enterprise: "enterprise",
  });
  const filters = parseQuery("income", { url });
  const [list, years, townships] = await Promise.all([listIncome(filters), incomeYears(), listTownships()]);
  return json({ ...list, years, townships, picked, pickErrors, filters, canCreate: user.role !== "viewer" });
}

export const meta = pageTitle("income.title");

export default function IncomePage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <ListHeader
        title={t("income.title")}
        base="/income"
        create={d.canCreate ? { to: "/income/new", label: t("income.new") } : null}
      />
      <ListFilters q={d.filters.q ?? ""} placeholder={t("income.voucher")}>
        <FilterSelect
          name="township"
          label={t("village.township")}
          value={d.filters.townshipId}
          options={d.townships.map((x) => ({ value: x.id, label: x.name }))}
        />
        <FilterPicker
          kind="village"
          name="village"
          label={t("income.village")}
          initial={d.picked.village}
          error={d.pickErrors.village?.[0]}
        />
        <FilterSelect
          name="year"
          label={t("summary.year")}
          value={d.filters.year}
          options={d.years.map((y) => ({ value: y, label: String(y) }))}
        />
        <FilterSelect
          name="month"
          label={t("income.month")}
          value={d.filters.month}
          options={Array.from({ length: 12 }, (_, i) => ({
            value: i + 1,
            label: t("income.monthN", { month: i + 1 }),
          }))}
        />
        <FilterSelect
          name="category"
          label={t("income.category")}
          value={d.filters.category}
          options={INCOME_CATEGORIES.map((c) => ({ value: c, label: t(`income.category.${c}`) }))}
        />
        <FilterPicker
          kind="project"
          name="project"
          label={t("income.project")}
          initial={d.picked.project}
          error={d.pickErrors.project?.[0]}
        />
        <FilterPicker
          kind="enterprise"
          name="enterprise"
          label={t("income.enterprise")}
          initial={d.picked.enterprise}
          error={d.pickErrors.enterprise?.[0]}
        />
        <FilterSelect
          name="voided"
          label={t("income.voidedFilter")}
          value={d.filters.voided}
          options={[
            { value: "no", label: t("income.voidedNo") },
            { value: "yes", label: t("income.voidedYes") },
          ]}
        />
      </ListFilters>
      <p className="totals-line" data-testid="income-totals">
        {t("income.filteredTotal")}：
        <strong>
          <Money fen={d.sumFen} />
        </strong>{" "}
        {t("common.yuan")} · {t("income.records", { count: d.total, voided: d.voidedCount })}
      </p>
      {d.rows.length === 0 ? (
        <p className="empty-state">{t("income.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <SortHeader column="receivedOn" label={t("income.receivedOn")} />
                <SortHeader column="village" label={t("income.village")} />
                <SortHeader column="category" label={t("income.category")} />
                <SortHeader column="amount" label={t("income.amount")} numeric />
                <SortHeader column="project" label={t("income.project")} />
                <SortHeader column="enterprise" label={t("income.enterprise")} />
                <SortHeader column="voucher" label={t("income.voucher")} />
                <th>{t("income.note")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} className={r.voidedAt ? "voided" : undefined}>
                  <td className="mono">
                    <Link to={`/income/${r.id}`}>{r.receivedOn}</Link>
                  </td>
                  <td>{r.villageName}</td>
                  <td>{t(`income.category.${r.category}`)}</td>
                  <td className="num amount">
                    <Money fen={r.amountFen} />
                  </td>
                  <td>{r.projectName ?? "—"}</td>
                  <td>{r.enterpriseName ?? "—"}</td>
                  <td className="mono">{r.voucher ?? "—"}</td>
                  <td>
                    {r.voidedAt ? (
                      <span className="void-note">
                        <span className="badge">{t("income.voided")}</span>{" "}
                        {t("income.voidedBy", {
                          who: r.voidedByName ?? "—",
                          when: formatDateTime(r.voidedAt),
                          reason: r.voidReason ?? "",
                        })}
                      </span>
                    ) : (
                      r.note
                    )}
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
