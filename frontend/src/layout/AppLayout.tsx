import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useNavigate } from "react-router";

import { canConfigure, useMe, useSignOut } from "../auth/session";
import LanguageSwitch from "./LanguageSwitch";

/** The header every signed-in page shares: app name, navigation, current user, language, sign out. */
export default function AppLayout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();

  function leave() {
    signOut.mutate(undefined, { onSettled: () => navigate("/sign-in", { replace: true }) });
  }

  return (
    <div className="app">
      <header className="app-header">
        <Link className="brand" to="/journeys">
          {t("app.name")}
        </Link>
        <nav aria-label={t("app.mainNav")}>
          <NavLink to="/journeys">{t("app.journeys")}</NavLink>
          {canConfigure(me) && <NavLink to="/admin">{t("app.administration")}</NavLink>}
        </nav>
        <div className="user-menu">
          {me && (
            <span className="current-user" title={t("app.signedInAs", { email: me.email, role: t(`roles.${me.role}`) })}>
              {me.email} <span className="role">{t(`roles.${me.role}`)}</span>
            </span>
          )}
          <LanguageSwitch />
          <button type="button" onClick={leave} disabled={signOut.isPending}>
            {t("app.signOut")}
          </button>
        </div>
      </header>
      <Outlet />
    </div>
  );
}
