import { Link, useNavigate } from "react-router";
import { errorMessage } from "../../api/client";
import { formatDateTime, urlHost } from "../../common/format";
import { useActions } from "./queries";

/** Administration → Actions: every configured custom action. */
export default function ActionsPage() {
  const actions = useActions();
  const navigate = useNavigate();
  return (
    <div className="page-body">
      <div className="page-title">
        <h2>Actions</h2>
        <button type="button" className="primary" onClick={() => navigate("/admin/actions/new")}>
          Create action
        </button>
      </div>
      {actions.isPending && <p className="page-status">Loading actions…</p>}
      {actions.isError && (
        <p role="alert" className="error">
          {errorMessage(actions.error)}
        </p>
      )}
      {actions.data?.length === 0 && (
        <p className="empty">No custom actions yet. Create one to connect a third-party REST API.</p>
      )}
      {actions.data && actions.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Method</th>
              <th scope="col">URL host</th>
              <th scope="col">Used in</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {actions.data.map((action) => (
              <tr key={action.id}>
                <th scope="row">
                  <Link to={`/admin/actions/${action.id}`}>{action.name}</Link>
                  {action.description && <div className="muted">{action.description}</div>}
                </th>
                <td>
                  <span className="badge method">{action.method}</span>
                </td>
                <td className="code">{urlHost(action.url)}</td>
                <td>
                  {(action.usedIn ?? []).length === 0
                    ? "—"
                    : (action.usedIn ?? []).map((journey) => (
                        <Link key={journey.id} to={`/journeys/${journey.id}`} className="chip">
                          {journey.name}
                        </Link>
                      ))}
                </td>
                <td>{formatDateTime(action.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
