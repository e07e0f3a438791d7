import { useBeforeUnload, useBlocker } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { useT } from "~/i18n";

/**
 * Asks before a half-filled form is left: a link or the menu asks in a confirm box, closing or
 * reloading the tab in the browser's own. The form is filled once anything in it changed, or when
 * it came back from the server with what was typed (`typed`); sending it clears that.
 * Spread the answer onto the form: <Form {...useUnsavedWarning(Boolean(result))}>.
 */
export function useUnsavedWarning(typed: boolean) {
  const t = useT();
  const [filled, setFilled] = useState(typed);
  useEffect(() => setFilled(typed), [typed]);
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!filled) return;
        event.preventDefault();
        event.returnValue = "";
      },
      [filled]
    )
  );
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => filled && currentLocation.pathname !== nextLocation.pathname
  );
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(t("common.unsavedConfirm"))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);
  return { onChange: () => setFilled(true), onSubmit: () => setFilled(false) };
}
