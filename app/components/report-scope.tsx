import { useT } from "~/i18n";

/** Up to this many townships a report's scope names; beyond, the first and how many. */
const NAMED = 3;

/** The townships a report covers in words: named when few, "东湖镇等 12 个乡镇" when many. */
export function scopeText(t: ReturnType<typeof useT>, names: string[]) {
  return names.length <= NAMED ? names.join("、") : t("report.scopeMany", { first: names[0], count: names.length });
}

/** The same on a page, every name on hover. */
export function ReportScope({ names }: { names: string[] }) {
  const t = useT();
  return <span title={names.length > NAMED ? names.join("、") : undefined}>{scopeText(t, names)}</span>;
}
