import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { isMessageKey, useT, type MessageKey } from "~/i18n";

const TITLES: Record<number, MessageKey> = {
  400: "errorPage.badRequest",
  403: "errorPage.forbidden",
  404: "errorPage.notFound",
};

/** What an error page is called, by its status (its heading and the browser's title). */
export const errorTitle = (status: number): MessageKey => TITLES[status] ?? "errorPage.error";

/**
 * Every thrown response or crash, shown in the user's language; never a stack trace. A response
 * carries a catalog key saying why (lib/http.ts); anything else gets its status's own words.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const response = isRouteErrorResponse(error) ? error : null;
  const status = response?.status ?? 500;
  if (!response && typeof document !== "undefined") console.error(error);
  const key = typeof response?.data === "string" && isMessageKey(response.data) ? response.data : null;
  const fallback: MessageKey =
    status === 404
      ? "errorPage.notFoundText"
      : status === 403
      ? "errorPage.forbiddenText"
      : status === 400
      ? "errorPage.badRequestText"
      : "errorPage.errorText";
  return (
    <main className="page error-page">
      <div role="alert">
        <p className="error-code">{status}</p>
        <h1>{t(errorTitle(status))}</h1>
        <p>{t(key ?? fallback)}</p>
      </div>
      <p>
        <Link to="/" className="button">
          {t("common.backHome")}
        </Link>
      </p>
    </main>
  );
}
