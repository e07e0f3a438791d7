import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n";
import { doneIn } from "~/lib/done";

/** Sections whose records are registered by a form at /<section>/new. */
const REGISTERED = new Set(["villages", "enterprises", "organizations", "projects", "income"]);

/**
 * "已登记。" and the like after a change, with the next step: register another, back to the list.
 * Shown by the app shell under the menu, from the address the change landed on (lib/done.ts).
 */
export function DoneNotice() {
  const t = useT();
  const { pathname, search } = useLocation();
  const done = doneIn(search);
  if (!done) return null;
  const section = pathname.split("/")[1] ?? "";
  const list = `/${section}`;
  return (
    <div className="done-bar">
      <p className="notice success" role="status">
        <span>{t(`done.${done}`)}</span>
        {done === "created" && REGISTERED.has(section) ? <Link to={`${list}/new`}>{t("done.another")}</Link> : null}
        {pathname !== list ? <Link to={list}>{t("done.backToList")}</Link> : null}
      </p>
    </div>
  );
}
