import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useLang, useT, type MessageKey } from "~/i18n";
import { canOpen, type Area, type SessionUser } from "~/lib/permissions";
import { DoneNotice } from "./done-notice";

const NAV: { area: Area; to: string; label: MessageKey }[] = [
  { area: "home", to: "/", label: "nav.home" },
  { area: "villages", to: "/villages", label: "nav.villages" },
  { area: "enterprises", to: "/enterprises", label: "nav.enterprises" },
  { area: "organizations", to: "/organizations", label: "nav.organizations" },
  { area: "projects", to: "/projects", label: "nav.projects" },
  { area: "income", to: "/income", label: "nav.income" },
  { area: "summary", to: "/summary", label: "nav.summary" },
  { area: "closing", to: "/closing", label: "nav.closing" },
  { area: "receivables", to: "/receivables", label: "nav.receivables" },
  { area: "map", to: "/map", label: "nav.map" },
  { area: "import", to: "/import", label: "nav.import" },
  { area: "audit", to: "/audit", label: "nav.audit" },
  { area: "users", to: "/users", label: "nav.users" },
  { area: "settings", to: "/settings", label: "nav.settings" },
];

export function AppShell({ user, children }: { user: SessionUser | null; children: ReactNode }) {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const back = location.pathname + location.search;
  return (
    <>
      <header className="topbar">
        <div className="topbar-inner">
          <a href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              联
            </span>
            <span>{t("app.title")}</span>
          </a>
          <div className="topbar-tools">
            <Form method="post" action="/lang" className="inline-form">
              <input type="hidden" name="lang" value={lang === "en" ? "zh-CN" : "en"} />
              <input type="hidden" name="redirectTo" value={back} />
              <button type="submit" className="link-button" lang={lang === "en" ? "zh-CN" : "en"}>
                {t("nav.language")}
              </button>
            </Form>
            {user ? (
              <>
                <span className="whoami">
                  {user.displayName} · {t(`role.${user.role}`)}
                </span>
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="link-button">
                    {t("nav.logout")}
                  </button>
                </Form>
              </>
            ) : null}
          </div>
        </div>
        {user ? (
          <nav className="mainnav" aria-label={t("nav.menu")}>
            <ul>
              {NAV.filter((item) => canOpen(user.role, item.area)).map((item) => {
                // the page's own section, worked out here once: a NavLink matches its path by a
                // compiled pattern for each of the twelve, on every page
                const current =
                  item.to === "/"
                    ? location.pathname === "/"
                    : location.pathname === item.to || location.pathname.startsWith(`${item.to}/`);
                return (
                  <li key={item.to}>
                    <Link
                      to={item.to}
                      prefetch="intent"
                      className={current ? "active" : undefined}
                      aria-current={current ? "page" : undefined}
                    >
                      {t(item.label)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        ) : null}
        {user ? <DoneNotice /> : null}
      </header>
      {children}
    </>
  );
}
