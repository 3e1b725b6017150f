import { Link, NavLink, Outlet, useNavigate } from "react-router";
import { canConfigure, useMe, useSignOut } from "../auth/session";

/** The header every signed-in page shares: app name, navigation, current user, sign out. */
export default function AppLayout() {
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
          Journey Builder
        </Link>
        <nav aria-label="Main">
          <NavLink to="/journeys">Journeys</NavLink>
          {canConfigure(me) && <NavLink to="/admin">Administration</NavLink>}
        </nav>
        <div className="user-menu">
          {me && (
            <span className="current-user" title={`Signed in as ${me.email} (${me.role})`}>
              {me.email} <span className="role">{me.role}</span>
            </span>
          )}
          <button type="button" onClick={leave} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      <Outlet />
    </div>
  );
}
