import { Link } from "@remix-run/react";
import { useT } from "~/i18n";
import type { PartyTerm } from "~/models/terms.server";
import { TermFigures } from "./term-list";

/**
 * A village's terms (what it expects this year) or an enterprise's (what it owes whom): this
 * year's dues and receipts, the arrears today, the next due date; each a link to its term.
 */
export function PartyTerms({ terms, of, year }: { terms: PartyTerm[]; of: "village" | "enterprise"; year: number }) {
  const t = useT();
  if (!terms.length) return null;
  return (
    <section className="card wide-card" aria-labelledby="party-terms">
      <h2 id="party-terms">{t(of === "village" ? "term.villageExpects" : "term.enterpriseOwes", { year })}</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t("term.projectColumn")}</th>
              <th>{of === "village" ? t("term.enterprise") : t("term.village")}</th>
              <th>{t("term.kind")}</th>
              <th className="num">{t("term.yearDue", { year })}</th>
              <th className="num">{t("term.received")}</th>
              <th className="num">{t("term.outstanding")}</th>
              <th>{t("term.nextDue")}</th>
            </tr>
          </thead>
          <tbody>
            {terms.map((term) => (
              <tr key={term.termId}>
                <td>
                  <Link to={`/projects/${term.projectId}/terms/${term.termId}`}>{term.projectName}</Link>
                </td>
                <td>{of === "village" ? term.enterpriseName : term.villageName}</td>
                <td className="nowrap">{t(`term.kind.${term.kind}`)}</td>
                <TermFigures
                  dueFen={term.yearDueFen}
                  receivedFen={term.yearReceivedFen}
                  outstandingFen={term.outstandingFen}
                  nextDue={term.nextDue}
                />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
