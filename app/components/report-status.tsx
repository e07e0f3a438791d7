import { Link } from "@remix-run/react";
import { useT } from "~/i18n";

type Status = { id: number; number: number; madeAt: string; differences: number } | null;

/**
 * Whether the summary still agrees with the latest report: "与第 N 次上报数不一致" with the way to
 * the differences, or a quiet line that it does. On the print, the warning alone, without links.
 */
export function ReportStatus({
  status,
  townshipId,
  print = false,
}: {
  status: Status;
  townshipId?: number | null;
  print?: boolean;
}) {
  const t = useT();
  if (!status) return null;
  const query = townshipId ? `?township=${townshipId}` : "";
  if (!status.differences)
    return print ? null : (
      <p className="muted small" data-testid="report-status">
        {t("report.consistent", { number: status.number, date: status.madeAt.slice(0, 10) })}{" "}
        <Link to={`/reports/${status.id}${query}`}>{t("report.view")}</Link>
      </p>
    );
  return (
    <p className="notice warn report-status" role="status" data-testid="report-status">
      <strong>{t("report.inconsistent", { number: status.number })}</strong>：
      {t("report.inconsistentCount", { count: status.differences })}
      {print ? null : (
        <>
          {" "}
          <Link to={`/reports/${status.id}/diff${query}`}>{t("report.showDiff")}</Link>
        </>
      )}
    </p>
  );
}
