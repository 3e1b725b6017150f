/** Warns before leaving with unsaved changes: the browser's beforeunload, and in-app navigation when routed by a data router. */
import { useContext, useEffect } from "react";
import { UNSAFE_DataRouterContext, useBlocker } from "react-router";

function InAppBlocker({ when }: { when: boolean }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) =>
    when && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm("You have unsaved changes. Leave this journey and lose them?")) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
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
