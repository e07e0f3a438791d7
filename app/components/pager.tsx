import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n";

export function Pager({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const t = useT();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pager" aria-label="pagination">
      <span>{t("common.count", { count: total })}</span>
      {pages > 1 ? (
        <>
          {page > 1 ? <Link to={href(page - 1)}>{t("common.prev")}</Link> : null}
          <span>{t("common.page", { page, pages })}</span>
          {page < pages ? <Link to={href(page + 1)}>{t("common.next")}</Link> : null}
        </>
      ) : null}
    </nav>
  );
}
