import { useT } from "~/i18n";
import { Money } from "./money";

/** A card of amounts per year (a village's income, what an enterprise paid, an organization's projects brought). */
export function YearTotals({ title, rows }: { title: string; rows: { year: string; totalFen: number }[] }) {
  const t = useT();
  return (
    <section className="card">
      <h2>{title}</h2>
      {rows.length ? (
        <table className="table">
          <tbody>
            {rows.map((y) => (
              <tr key={y.year}>
                <td>{y.year}</td>
                <td className="num">
                  <Money fen={y.totalFen} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("common.noneYet")}</p>
      )}
    </section>
  );
}
