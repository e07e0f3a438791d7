import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { BarChart } from "~/components/charts";
import { Money } from "~/components/money";
import { useT } from "~/i18n";
import { notFound, requireId } from "~/lib/http";
import { currentYear } from "~/lib/dates";
import { formatWan } from "~/lib/money";
import { villageIncomeDetail } from "~/models/summary.server";
import { summaryParams } from "~/utils/params.server";
import { getVillageName } from "~/models/village.server";
import { requireUser } from "~/session.server";
import { pageTitle } from "~/lib/page-title";
import type { SerializeFrom } from "@remix-run/node";
import { Crumbs } from "~/components/crumbs";
import { RulesAndBands } from "~/components/summary-table";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const village = await getVillageName(requireId(params.villageId));
  if (!village) notFound();
  const { year } = await summaryParams(request);
  return json({ village, detail: await villageIncomeDetail(village.id, year), thisYear: currentYear() });
}

function AmountTable({ rows, empty }: { rows: { key: string; label: ReactNode; totalFen: number }[]; empty: string }) {
  if (!rows.length) return <p className="muted">{empty}</p>;
  return (
    <table className="table">
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.label}</td>
            <td className="num">
              <Money fen={r.totalFen} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) =>
  t("summary.villageTitle", { village: d.village.name, year: d.detail.year })
);

export default function VillageIncomePage() {
  const t = useT();
  const { village, detail: d, thisYear } = useLoaderData<typeof loader>();
  const wan = (fen: number) => formatWan(fen);
  const total = d.byCategory.reduce((n, c) => n + c.totalFen, 0);
  return (
    <main className="page">
      <Crumbs
        trail={[
          [t("summary.title"), `/summary?year=${d.year}`],
          [t("summary.villageTitle", { village: village.name, year: d.year })],
        ]}
      />
      <div className="page-head">
        <h1>{t("summary.villageTitle", { village: village.name, year: d.year })}</h1>
        <div className="head-actions">
          <Link to={`/summary/${village.id}?year=${d.year - 1}`}>‹ {d.year - 1}</Link>
          {d.year < thisYear ? <Link to={`/summary/${village.id}?year=${d.year + 1}`}>{d.year + 1} ›</Link> : null}
          <Link to={`/income?village=${village.id}&year=${d.year}`} className="button small">
            {t("summary.details")}
          </Link>
          <Link to={`/summary?year=${d.year}`} className="button small">
            {t("summary.backToSummary")}
          </Link>
        </div>
      </div>
      <p className="totals-line">
        {t("summary.total")}：
        <strong>
          <Money fen={total} />
        </strong>{" "}
        {t("common.yuan")}
      </p>
      <div className="columns">
        <section className="card wide-card">
          <h2>
            {t("summary.byMonth")}（{t("common.wan")}）
          </h2>
          <BarChart
            title={`${village.name} ${d.year} ${t("summary.byMonth")}`}
            bars={d.byMonth.map((m) => ({ label: String(m.month), value: m.totalFen }))}
            format={wan}
          />
        </section>
        <section className="card">
          <h2>{t("summary.byCategory")}</h2>
          <AmountTable
            empty={t("common.noneYet")}
            rows={d.byCategory.map((c) => ({
              key: c.category,
              label: t(`income.category.${c.category}`),
              totalFen: c.totalFen,
            }))}
          />
        </section>
        <section className="card wide-card">
          <h2>
            {t("summary.trend")}（{t("common.wan")}）
          </h2>
          <BarChart
            title={`${village.name} ${t("summary.trend")}`}
            bars={d.trend.map((y) => ({ label: String(y.year), value: y.totalFen, secondary: y.operatingIncomeFen }))}
            format={wan}
            primaryLabel={t("summary.total")}
            secondaryLabel={t("summary.operatingIncome")}
          />
          <RulesAndBands rules={d.rules} />
        </section>
        <section className="card">
          <h2>{t("summary.byProject")}</h2>
          <AmountTable
            empty={t("common.noneYet")}
            rows={d.byProject
              .map((p) => ({
                key: String(p.projectId),
                label: p.projectId ? <Link to={`/projects/${p.projectId}`}>{p.name}</Link> : t("income.noProject"),
                totalFen: p.totalFen,
              }))
              .concat(
                d.otherProjects
                  ? [
                      {
                        key: "rest",
                        label: t("summary.otherProjects", { count: d.otherProjects.count }),
                        totalFen: d.otherProjects.totalFen,
                      },
                    ]
                  : []
              )}
          />
        </section>
        <section className="card">
          <h2>{t("summary.byEnterprise")}</h2>
          <AmountTable
            empty={t("common.noneYet")}
            rows={d.byEnterprise
              .map((e) => ({
                key: String(e.enterpriseId),
                label: e.enterpriseId ? (
                  <Link to={`/enterprises/${e.enterpriseId}`}>{e.name}</Link>
                ) : (
                  t("summary.noEnterprise")
                ),
                totalFen: e.totalFen,
              }))
              .concat(
                d.otherEnterprises
                  ? [
                      {
                        key: "rest",
                        label: t("summary.otherEnterprises", { count: d.otherEnterprises.count }),
                        totalFen: d.otherEnterprises.totalFen,
                      },
                    ]
                  : []
              )}
          />
        </section>
      </div>
    </main>
  );
}
