import type { LinksFunction, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PrintSheet } from "~/components/print-sheet";
import { useT } from "~/i18n";
import { todayIso } from "~/lib/dates";
import { pageTitle } from "~/lib/page-title";
import { closingGrid } from "~/models/closing.server";
import { requireUser } from "~/session.server";
import printStyles from "~/styles/print.css";
import { parseQuery } from "~/utils/params.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

// 催报单: the villages with months not reported by their deadline, their clerks and those months,
// for the office to ring round; of a township, or of every village of a county small enough.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { year, townshipId } = parseQuery("closing", request);
  const today = todayIso();
  const grid = await closingGrid(year, townshipId, today);
  const overdue = grid.villages
    .map((v) => ({
      id: v.id,
      name: v.name,
      townshipName: v.townshipName,
      clerks: v.clerks,
      months: v.months.filter((m) => m.overdue).map((m) => m.month),
    }))
    .filter((v) => v.months.length);
  return json({ year, today, overdue, byTownship: grid.villages.length === 0 && grid.villageCount > 0 });
}

type Data = SerializeFrom<typeof loader>;
export const meta = pageTitle<Data>((d, t) => t("closing.reminderTitle", { year: d.year }));

export default function ReminderPrint() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <PrintSheet
      title={t("closing.reminderTitle", { year: d.year })}
      meta={
        <>
          <span>{t("summary.printDate", { date: d.today })}</span>
          <span>{t("closing.reminderCount", { count: d.overdue.length })}</span>
        </>
      }
    >
      {d.byTownship ? (
        <p>{t("closing.chooseTownship")}</p>
      ) : d.overdue.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t("summary.township")}</th>
              <th>{t("summary.village")}</th>
              <th>{t("closing.clerks")}</th>
              <th>{t("closing.overdueMonths")}</th>
            </tr>
          </thead>
          <tbody>
            {d.overdue.map((v) => (
              <tr key={v.id}>
                <td>{v.townshipName}</td>
                <td>{v.name}</td>
                <td>{v.clerks ?? "—"}</td>
                <td>{v.months.map((m) => t("income.monthN", { month: m })).join("、")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("closing.reminderNone")}</p>
      )}
    </PrintSheet>
  );
}
