import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AlertList } from "~/components/alert-list";
import { useT } from "~/i18n";
import { pageTitle } from "~/lib/page-title";
import { alerts } from "~/models/alerts.server";
import { requireUser } from "~/session.server";

/** How many of each kind /alerts names; the counts are of all. */
const SHOWN = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ alerts: await alerts(SHOWN) });
}

export const meta = pageTitle("alerts.title");

export default function AlertsPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <h1>{t("alerts.title")}</h1>
      <p className="muted">{t("alerts.hint", { date: d.alerts.today })}</p>
      <section className="card">
        <AlertList alerts={d.alerts} full />
      </section>
    </main>
  );
}
