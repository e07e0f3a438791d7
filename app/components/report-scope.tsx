import { useT } from "~/i18n";

/** Up to this many townships a report's scope names; beyond, the first and how many. */
const NAMED = 3;

/** The townships a report covers: named when few, "东湖镇等 12 个乡镇" when many (all on hover). */
export function ReportScope({ names }: { names: string[] }) {
  const t = useT();
  if (names.length <= NAMED) return <>{names.join("、")}</>;
  return <span title={names.join("、")}>{t("report.scopeMany", { first: names[0], count: names.length })}</span>;
}
