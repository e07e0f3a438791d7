import type { LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { INCOME_CATEGORIES } from "../../db/enums";
import { Crumbs } from "~/components/crumbs";
import { useT } from "~/i18n";
import { notFound, requireId } from "~/lib/http";
import { formatFen } from "~/lib/money";
import { pageTitle } from "~/lib/page-title";
import { changesSince, CHANGES_SHOWN, getReport, reportDifferences } from "~/models/report.server";
import { requireUser } from "~/session.server";
import { summaryParams } from "~/utils/params.server";

// What changed since a report: each village whose figures differ, category by category (reported,
// now, difference), and the records registered or voided since that made them move.

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const report = await getReport(requireId(params.reportId));
  if (!report) notFound();
  const { townshipId } = await summaryParams(request);
  const shown = townshipId && report.townshipIds.includes(townshipId) ? townshipId : null;
  const [differences, changes] = await Promise.all([reportDifferences(report, shown), changesSince(report, shown)]);
  return json({ report, differences, changes, townshipId: shown });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) => t("report.diffTitle", { number: d.report.number }));

const signed = (fen: number) => (fen > 0 ? `+${formatFen(fen)}` : formatFen(fen));

export default function ReportDiffPage() {
  const t = useT();
  const { report, differences, changes } = useLoaderData<typeof loader>();
  return (
    <main className="page wide">
      <Crumbs
        trail={[
          [t("report.listTitle", { year: report.year }), `/reports?year=${report.year}`],
          [t("report.number", { number: report.number }), `/reports/${report.id}`],
          [t("report.diff")],
        ]}
      />
      <h1>
        {report.year} · {t("report.diffTitle", { number: report.number })}
      </h1>
      <p className="muted">
        {t("report.madeAt")}：{report.madeAt.slice(0, 16).replace("T", " ")} · {t("report.madeBy")}：{report.madeBy}
      </p>
      {differences.length ? (
        <div className="table-wrap">
          <table className="table diff-table">
            <thead>
              <tr>
                <th>{t("summary.township")}</th>
                <th>{t("summary.village")}</th>
                <th>{t("income.category")}</th>
                <th className="num">{t("report.reported")}</th>
                <th className="num">{t("report.now")}</th>
                <th className="num">{t("report.difference")}</th>
              </tr>
            </thead>
            {differences.map((v) => {
              const changed = INCOME_CATEGORIES.filter((c) => v.reported[c] !== v.now[c]);
              const reportedTotal = INCOME_CATEGORIES.reduce((n, c) => n + v.reported[c], 0);
              const nowTotal = INCOME_CATEGORIES.reduce((n, c) => n + v.now[c], 0);
              return (
                <tbody key={v.villageId} data-testid={`diff-${v.villageName}`}>
                  {changed.map((c, i) => (
                    <tr key={c}>
                      {i === 0 ? (
                        <>
                          <td rowSpan={changed.length + 1}>{v.townshipName}</td>
                          <td rowSpan={changed.length + 1}>
                            <Link to={`/summary/${v.villageId}?year=${report.year}`}>{v.villageName}</Link>
                          </td>
                        </>
                      ) : null}
                      <td>{t(`income.category.${c}`)}</td>
                      <td className="num">{formatFen(v.reported[c])}</td>
                      <td className="num">{formatFen(v.now[c])}</td>
                      <td className="num strong">{signed(v.now[c] - v.reported[c])}</td>
                    </tr>
                  ))}
                  <tr className="subtotal">
                    <td>{t("summary.total")}</td>
                    <td className="num">{formatFen(reportedTotal)}</td>
                    <td className="num">{formatFen(nowTotal)}</td>
                    <td className="num strong">{signed(nowTotal - reportedTotal)}</td>
                  </tr>
                </tbody>
              );
            })}
          </table>
        </div>
      ) : (
        <p className="notice success" role="status">
          {t("report.noDifference", { number: report.number })}
        </p>
      )}
      <section aria-labelledby="changes" className="changes-since">
        <h2 id="changes">{t("report.changes")}</h2>
        {changes.total ? (
          <>
            <p className="muted">
              {t("report.changesCount", { count: changes.total })}
              {changes.total > CHANGES_SHOWN ? ` ${t("report.changesShown", { shown: CHANGES_SHOWN })}` : ""}
            </p>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t("income.receivedOn")}</th>
                    <th>{t("summary.village")}</th>
                    <th>{t("income.category")}</th>
                    <th className="num">{t("income.amount")}</th>
                    <th>{t("report.change")}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.records.map((r) => (
                    <tr key={r.id}>
                      <td className="nowrap">
                        <Link to={`/income/${r.id}`}>{r.receivedOn}</Link>
                      </td>
                      <td>{r.villageName}</td>
                      <td>{t(`income.category.${r.category}`)}</td>
                      <td className="num">{formatFen(r.amountFen)}</td>
                      <td>
                        {[
                          r.created ? t("report.created") : null,
                          r.voidedAt
                            ? `${t("report.voided")}（${r.voidedAt.slice(0, 10)}${
                                r.voidReason ? `：${r.voidReason}` : ""
                              }）`
                            : null,
                        ]
                          .filter(Boolean)
                          .join("；")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p className="muted">{t("report.noChanges")}</p>
        )}
      </section>
    </main>
  );
}
