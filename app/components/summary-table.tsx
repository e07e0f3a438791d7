import { Link } from "@remix-run/react";
import { INCOME_CATEGORIES } from "../../db/enums";
import { useT } from "~/i18n";
import { formatChange, formatFen, formatWan } from "~/lib/money";
import { BANDS, rulesText, type Band, type YearRules } from "~/lib/rules";
import { SortHeader } from "./list";

type Amounts = {
  byCategory: Record<string, number>;
  totalFen: number;
  operatingIncomeFen: number;
  lastYearFen: number;
  change: number | null;
};
type Row = Amounts & {
  villageId: number;
  villageName: string;
  villageCode: string | null;
  townshipId: number;
  townshipName: string;
  rank: number;
  weak: boolean;
  band: Band;
};
type Subtotal = Amounts & { townshipId: number; townshipName: string; villages: number };

/** The per-village summary table, on the page and in the print view. */
export function SummaryTable({
  year,
  rows,
  townships,
  total,
  unit,
  sortable = true,
  townshipLinks = false,
}: {
  year: number;
  rows: Row[];
  townships: Subtotal[];
  total: Amounts;
  unit: "yuan" | "wan";
  sortable?: boolean;
  /** each township's subtotal links to that township's villages */
  townshipLinks?: boolean;
}) {
  const t = useT();
  const money = (fen: number) => (unit === "wan" ? formatWan(fen) : formatFen(fen));
  const Header = ({ column, label, numeric }: { column: string; label: string; numeric?: boolean }) =>
    sortable ? (
      <SortHeader column={column} label={label} numeric={numeric} />
    ) : (
      <th className={numeric ? "num" : undefined}>{label}</th>
    );
  const amounts = (a: Amounts) => (
    <>
      {INCOME_CATEGORIES.map((c) => (
        <td key={c} className="num">
          {money(a.byCategory[c])}
        </td>
      ))}
      <td className="num strong">{money(a.totalFen)}</td>
      <td className="num strong">{money(a.operatingIncomeFen)}</td>
      <td className="num">{money(a.lastYearFen)}</td>
      <td className="num">{formatChange(a.change)}</td>
    </>
  );
  const villageRow = (r: Row) => (
    <tr key={r.villageId} className={r.weak ? "weak" : undefined}>
      <td>{r.townshipName}</td>
      <td>
        <Link to={`/summary/${r.villageId}?year=${year}`}>{r.villageName}</Link>
      </td>
      <td className="mono">{r.villageCode}</td>
      {amounts(r)}
      <td className="num">{r.rank}</td>
      <td>{r.weak ? <span className="badge warn">{t("common.yes")}</span> : t("common.no")}</td>
      <td className={`band band-${r.band}`}>{t(`band.${r.band}`)}</td>
    </tr>
  );
  return (
    <table className="table summary-table">
      <thead>
        <tr>
          <Header column="township" label={t("summary.township")} />
          <Header column="village" label={t("summary.village")} />
          <Header column="code" label={t("summary.code")} />
          {INCOME_CATEGORIES.map((c) => (
            <Header key={c} column={c} label={t(`income.category.${c}`)} numeric />
          ))}
          <Header column="total" label={t("summary.total")} numeric />
          <Header column="operatingIncome" label={t("summary.operatingIncome")} numeric />
          <Header column="lastYear" label={t("summary.lastYear")} numeric />
          <Header column="change" label={t("summary.change")} numeric />
          <Header column="rank" label={t("summary.rank")} numeric />
          <th>{t("summary.weak")}</th>
          <th>{t("summary.band")}</th>
        </tr>
      </thead>
      <tbody>{rows.map(villageRow)}</tbody>
      {/* township subtotals after the villages, whatever order the villages are sorted in */}
      <tbody className="subtotals">
        {townships.map((tw) => (
          <tr key={tw.townshipId} className="subtotal">
            <td colSpan={3}>
              {townshipLinks ? (
                <>
                  <Link to={`?year=${year}&township=${tw.townshipId}&unit=${unit}`}>
                    {t("summary.subtotal", { township: tw.townshipName })}
                  </Link>{" "}
                  <span className="muted">{t("summary.villageCount", { count: tw.villages })}</span>
                </>
              ) : (
                t("summary.subtotal", { township: tw.townshipName })
              )}
            </td>
            {amounts(tw)}
            <td colSpan={3} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="grand-total">
          <td colSpan={3}>{t("summary.grandTotal")}</td>
          {amounts(total)}
          <td colSpan={3} />
        </tr>
      </tfoot>
    </table>
  );
}

/** The rules (口径) a summary was added up by, and how many villages fall in each band. */
export function RulesAndBands({ rules, bands }: { rules: YearRules; bands?: Record<Band, number> }) {
  const t = useT();
  return (
    <div className="rules-note">
      <p className="muted small" data-testid="rules">
        {rulesText(t, rules)}
      </p>
      {bands ? (
        <p className="band-counts" data-testid="band-counts">
          <span className="muted">{t("summary.bandCounts")}</span>
          {BANDS.map((b) => (
            <span key={b} className={`band band-${b}`}>
              {t("summary.bandCount", { band: t(`band.${b}`), count: bands[b] })}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

/** A summary as it prints: the table, the rules it was added up by and the villages per band, the signatures. */
export function PrintedSummary({
  year,
  rows,
  townships,
  total,
  unit,
  rules,
  townshipLinks,
}: {
  year: number;
  rows: Row[];
  townships: Subtotal[];
  total: Amounts & { bands: Record<Band, number> };
  unit: "yuan" | "wan";
  rules: YearRules;
  townshipLinks: boolean;
}) {
  const t = useT();
  return (
    <>
      <SummaryTable
        year={year}
        rows={rows}
        townships={townships}
        total={total}
        unit={unit}
        sortable={false}
        townshipLinks={townshipLinks}
      />
      <RulesAndBands rules={rules} bands={total.bands} />
      <div className="signatures">
        <span>{t("summary.filledBy")}</span>
        <span>{t("summary.reviewedBy")}</span>
        <span>{t("summary.signedOn")}</span>
      </div>
    </>
  );
}
