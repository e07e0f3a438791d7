import type { LinksFunction, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ForecastVerdict } from "~/components/forecast";
import { Money } from "~/components/money";
import { PrintSheet } from "~/components/print-sheet";
import { useT } from "~/i18n";
import { currentYear, todayIso } from "~/lib/dates";
import { notFound, requireId } from "~/lib/http";
import { pageTitle } from "~/lib/page-title";
import { organizationScorecard } from "~/models/scorecard.server";
import { requireUser } from "~/session.server";
import printStyles from "~/styles/print.css";
import scorecardStyles from "~/styles/scorecard.css";
import { year as yearField } from "~/validation/form";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: printStyles },
  { rel: "stylesheet", href: scorecardStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const asked = yearField().safeParse(new URL(request.url).searchParams.get("year"));
  const card = await organizationScorecard(
    requireId(params.organizationId),
    asked.success ? asked.data : currentYear()
  );
  if (!card) notFound();
  return json({ ...card, today: todayIso() });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) =>
  t("scorecard.title", { organization: d.organization.name, year: d.year })
);

/**
 * 联建成效表: one upright A4 page per organization and year, for the 季度复盘 and the year-end
 * assessment — members, reviews, projects, what member villages were paid and are owed, the weak
 * ones with their forecast, and the signatures.
 */
export default function ScorecardPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const org = d.organization;
  const total = (pick: (v: Data["villages"][number]) => number) => d.villages.reduce((n, v) => n + pick(v), 0);
  const weak = d.villages.filter((v) => v.weak);
  return (
    <PrintSheet
      portrait
      title={t("scorecard.title", { organization: org.name, year: d.year })}
      meta={
        <>
          <span>{t("summary.printDate", { date: d.today })}</span>
          <span>{t("summary.printUnit", { unit: t("summary.unitYuan") })}</span>
        </>
      }
    >
      <div className="scorecard">
        <p className="facts-line">
          <span>
            {t("organization.level")}：{t(`organization.level.${org.level}`)}
          </span>
          <span>
            {t("organization.establishedOn")}：{org.establishedOn ?? "—"}
          </span>
          <span>
            {t("organization.firstSecretary")}：{org.firstSecretary ?? "—"}
          </span>
          <span>
            {t("organization.partyMembers")}：{org.partyMembers ?? "—"}
          </span>
        </p>
        <h2>{t("scorecard.members")}</h2>
        <p className="facts-line">
          <span>
            {t("organization.villages")}：{org.villages.map((v) => v.name).join("、")}
          </span>
          <span>
            {t("organization.enterprises")}：{org.enterprises.map((e) => e.name).join("、")}
          </span>
        </p>
        <h2>{t("scorecard.reviews")}</h2>
        <p data-testid="scorecard-reviews">
          {t("scorecard.reviewsHeld", { held: d.reviews.held, due: d.reviews.due })}
        </p>
        <h2>{t("scorecard.projects")}</h2>
        <p className="facts-line">
          {d.projectsByStatus.map((s) => (
            <span key={s.status}>
              {t(`project.status.${s.status}`)} {s.count}
            </span>
          ))}
        </p>
        <h2>{t("scorecard.paid")}</h2>
        <table>
          <thead>
            <tr>
              <th>{t("summary.village")}</th>
              <th className="num">{t("scorecard.paidYear", { year: d.year })}</th>
              <th className="num">{t("scorecard.paidYear", { year: d.year - 1 })}</th>
              <th className="num">{t("scorecard.outstanding", { date: d.asOf })}</th>
            </tr>
          </thead>
          <tbody>
            {d.villages.map((v) => (
              <tr key={v.id} data-testid={`scorecard-${v.name}`}>
                <td>{v.name}</td>
                <td className="num">
                  <Money fen={v.paidFen} />
                </td>
                <td className="num">
                  <Money fen={v.paidLastYearFen} />
                </td>
                <td className="num">
                  <Money fen={v.outstandingFen} />
                </td>
              </tr>
            ))}
            <tr>
              <th>{t("summary.grandTotal")}</th>
              <td className="num">
                <Money fen={total((v) => v.paidFen)} />
              </td>
              <td className="num">
                <Money fen={total((v) => v.paidLastYearFen)} />
              </td>
              <td className="num">
                <Money fen={total((v) => v.outstandingFen)} />
              </td>
            </tr>
          </tbody>
        </table>
        <h2>{t("scorecard.weak", { threshold: (d.thresholdFen / 100).toLocaleString("zh-CN") })}</h2>
        {weak.length ? (
          <table>
            <thead>
              <tr>
                <th>{t("summary.village")}</th>
                <th className="num">{t("forecast.soFar")}</th>
                <th className="num">{t("forecast.expected")}</th>
                <th>{t("forecast.verdict")}</th>
              </tr>
            </thead>
            <tbody>
              {weak.map((v) => (
                <tr key={v.id}>
                  <td>{v.name}</td>
                  <td className="num">
                    <Money fen={v.operatingFen} />
                  </td>
                  <td className="num">{v.forecast ? <Money fen={v.forecast.expectedFen} /> : "—"}</td>
                  <td>{v.forecast ? <ForecastVerdict gapFen={v.forecast.gapFen} /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("scorecard.noWeak")}</p>
        )}
        <div className="signatures">
          <span>{t("scorecard.signedSecretary")}</span>
          <span>{t("scorecard.signedTownship")}</span>
          <span>{t("summary.signedOn")}</span>
        </div>
      </div>
    </PrintSheet>
  );
}
