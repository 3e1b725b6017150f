import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { errorMessage } from "../api/client";
import { useMe } from "./session";

/** Renders the signed-in part of the app, or sends the visitor to the sign-in page. */
export default function RequireAuth() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <p className="page-status">{t("app.loading")}</p>;
  if (me.isError) return <p role="alert" className="page-status error">{errorMessage(me.error)}</p>;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return <Outlet />;
}
