import type { ReactNode } from "react";
import { NavLink, Outlet } from "react-router";
import { canConfigure, isAdmin, useMe } from "../auth/session";
import Forbidden from "../common/Forbidden";

/** Administration: tabs for actions, event types, users (admins) and API tokens; technical and admin only. */
export default function AdminLayout() {
  const { data: me } = useMe();
  if (!canConfigure(me)) return <Forbidden area="Administration" />;
  return (
    <main className="page">
      <h1>Administration</h1>
      <nav aria-label="Administration" className="tabs">
        <NavLink to="/admin/actions">Actions</NavLink>
        <NavLink to="/admin/event-types">Event types</NavLink>
        {isAdmin(me) && <NavLink to="/admin/users">Users</NavLink>}
        <NavLink to="/admin/tokens">API tokens</NavLink>
      </nav>
      <Outlet />
    </main>
  );
}

/** Wraps admin-only pages inside Administration. */
export function AdminsOnly({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  if (isAdmin(me)) return children;
  return (
    <p role="alert" className="error">
      Only administrators may manage users.
    </p>
  );
}
