import { Form, Link, useNavigation } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { useT } from "~/i18n";
import { formatFen } from "~/lib/money";
import type { receiptMatching } from "~/models/terms.server";
import { ErrorList } from "./field";
import { Money } from "./money";

type Matching = NonNullable<SerializeFrom<Awaited<ReturnType<typeof receiptMatching>>>>;

/**
 * Which expected payments a receipt paid (by the oldest-first rule or by hand), and a choice of
 * another due of the same payer's terms to pay instead.
 */
export function ReceiptMatching({
  record,
  matching,
  canWrite,
  error,
}: {
  record: { id: number; projectId: number | null };
  matching: Matching;
  canWrite: boolean;
  error?: string[];
}) {
  const t = useT();
  const navigation = useNavigation();
  if (!matching.matches.length && !matching.dues.length) return null;
  const termLink = (termId: number) => `/projects/${record.projectId}/terms/${termId}`;
  return (
    <section className="card" aria-labelledby="matching">
      <h2 id="matching">{t("match.title")}</h2>
      {matching.matches.length ? (
        <ul className="link-list" data-testid="matches">
          {matching.matches.map((m) => (
            <li key={m.expectedId}>
              <Link to={termLink(m.termId)}>
                {t(`term.kind.${m.kind}`)} {m.dueOn}
              </Link>{" "}
              <Money fen={m.amountFen} /> {m.manual ? <span className="badge">{t("match.byHand")}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("match.none")}</p>
      )}
      {canWrite && matching.dues.length ? (
        <Form method="post" className="row-form">
          <input type="hidden" name="intent" value="rematch" />
          <label htmlFor="expectedId">{t("match.choose")}</label>
          <select id="expectedId" name="expectedId" aria-describedby={error?.length ? "match-error" : undefined}>
            {matching.dues.map((d) => (
              <option key={d.id} value={d.id}>
                {t(`term.kind.${d.kind}`)} {d.dueOn} · {t("match.open", { amount: formatFen(d.openFen) })}
              </option>
            ))}
          </select>
          <ErrorList id="match-error" errors={(error ?? []).map((e) => t.data(e))} />
          <div>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("match.submit")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
