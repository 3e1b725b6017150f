/** Warns before leaving with unsaved changes: the browser's beforeunload, and in-app navigation when routed by a data router. */
import { useContext, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { UNSAFE_DataRouterContext, useBlocker } from "react-router";

function InAppBlocker({ when }: { when: boolean }) {
  const { t } = useTranslation();
  const blocker = useBlocker(({ currentLocation, nextLocation }) =>
    when && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(t("editor.confirmLeave"))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);
  return null;
}

export function LeaveGuard({ when }: { when: boolean }) {
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  useEffect(() => {
    if (!when) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [when]);
  // useBlocker only works under a data router (createBrowserRouter); elsewhere beforeunload is the guard.
  return dataRouter ? <InAppBlocker when={when} /> : null;
}
