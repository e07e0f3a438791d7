import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n";

/** Every thrown response or crash, shown in the user's language; never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  const crossOrigin = isRouteErrorResponse(error) && String(error.data).startsWith("Cross-origin");
  const [title, text] =
    status === 404
      ? [t("errorPage.notFound"), t("errorPage.notFoundText")]
      : status === 403
      ? [t("errorPage.forbidden"), crossOrigin ? t("errorPage.crossOrigin") : t("errorPage.forbiddenText")]
      : status === 400
      ? [t("errorPage.badRequest"), isRouteErrorResponse(error) && typeof error.data === "string" ? t(error.data) : ""]
      : [t("errorPage.error"), t("errorPage.errorText")];
  return (
    <main className="page error-page" role="alert">
      <p className="error-code">{status}</p>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/" className="button">
          {t("common.backHome")}
        </Link>
      </p>
    </main>
  );
}
