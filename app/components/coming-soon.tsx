import { Link } from "@remix-run/react";
import { useT } from "~/i18n";

/** A page whose content a later release fills: it says what will be there, never a 404. */
export function ComingSoon({ title, what }: { title: string; what: string }) {
  const t = useT();
  return (
    <main className="page">
      <h1>{t(title)}</h1>
      <div className="empty-state">
        <p>{t("common.comingSoon", { what: t(what) })}</p>
        <p>
          <Link to="/">{t("common.backHome")}</Link>
        </p>
      </div>
    </main>
  );
}
