import { Link } from "@remix-run/react";
import type { TERM_KINDS, TERM_PERIODS } from "../../db/enums";
import { useT } from "~/i18n";
import { Money } from "./money";

type Term = {
  id: number;
  villageName: string;
  enterpriseName: string;
  kind: (typeof TERM_KINDS)[number];
  amountFen: number;
  period: (typeof TERM_PERIODS)[number];
  endsOn: string;
  dueFen: number;
  receivedFen: number;
  outstandingFen: number;
  nextDue: string | null;
};

/** A project's contract terms: who pays whom what, what has fallen due, came and is owed. */
export function TermList({ projectId, terms, canEdit }: { projectId: number; terms: Term[]; canEdit: boolean }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="terms">
      <div className="card-head">
        <h2 id="terms">{t("term.title")}</h2>
        {canEdit ? (
          <Link to={`/projects/${projectId}/terms/new`} className="button small">
            {t("term.add")}
          </Link>
        ) : null}
      </div>
      {terms.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("term.village")}</th>
                <th>{t("term.enterprise")}</th>
                <th>{t("term.kind")}</th>
                <th className="num">{t("term.amount")}</th>
                <th>{t("term.period")}</th>
                <th>{t("term.endsOn")}</th>
                <th className="num">{t("term.due")}</th>
                <th className="num">{t("term.received")}</th>
                <th className="num">{t("term.outstanding")}</th>
                <th>{t("term.nextDue")}</th>
              </tr>
            </thead>
            <tbody>
              {terms.map((term) => (
                <tr key={term.id}>
                  <td>
                    <Link to={`/projects/${projectId}/terms/${term.id}`}>{term.villageName}</Link>
                  </td>
                  <td>{term.enterpriseName}</td>
                  <td className="nowrap">{t(`term.kind.${term.kind}`)}</td>
                  <td className="num">
                    <Money fen={term.amountFen} />
                  </td>
                  <td className="nowrap">{t(`term.period.${term.period}`)}</td>
                  <td className="nowrap">{term.endsOn}</td>
                  <TermFigures
                    dueFen={term.dueFen}
                    receivedFen={term.receivedFen}
                    outstandingFen={term.outstandingFen}
                    nextDue={term.nextDue}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("term.none")}</p>
      )}
    </section>
  );
}

/** A term's row ends: what fell due, what came, what is owed (marked), and the next due date. */
export function TermFigures({
  dueFen,
  receivedFen,
  outstandingFen,
  nextDue,
}: {
  dueFen: number;
  receivedFen: number;
  outstandingFen: number;
  nextDue: string | null;
}) {
  return (
    <>
      <td className="num">
        <Money fen={dueFen} />
      </td>
      <td className="num">
        <Money fen={receivedFen} />
      </td>
      <td className={`num${outstandingFen > 0 ? " strong warn-text" : ""}`}>
        <Money fen={outstandingFen} />
      </td>
      <td className="nowrap">{nextDue ?? "—"}</td>
    </>
  );
}
