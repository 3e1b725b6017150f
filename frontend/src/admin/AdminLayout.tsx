import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { canConfigure, isAdmin, useMe } from "../auth/session";
import Forbidden from "../common/Forbidden";

/** Administration: tabs for actions, event types, users (admins) and API tokens; technical and admin only. */
export default function AdminLayout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!canConfigure(me)) return <Forbidden area={t("admin.title")} />;
  return (
    <main className="page">
      <h1>{t("admin.title")}</h1>
      <nav aria-label={t("admin.configurations")} className="tabs">
        <NavLink to="/admin/actions">{t("admin.actions")}</NavLink>
        <NavLink to="/admin/event-types">{t("admin.eventTypes")}</NavLink>
        {isAdmin(me) && <NavLink to="/admin/users">{t("admin.users")}</NavLink>}
        <NavLink to="/admin/tokens">{t("admin.tokens")}</NavLink>
      </nav>
      <Outlet />
    </main>
  );
}

/** Wraps admin-only pages inside Administration. */
export function AdminsOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (isAdmin(me)) return children;
  return (
    <p role="alert" className="error">
      {t("admin.onlyAdmins")}
    </p>
  );
}
