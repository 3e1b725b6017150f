import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { formatDateTime, urlHost } from "../../common/format";
import { RecordTable } from "../../common/RecordTable";
import ImportCurlDialog from "./ImportCurlDialog";
import { useActions } from "./queries";

/** Administration → Actions: every configured custom action. */
export default function ActionsPage() {
  const actions = useActions();
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  return (
    <div className="page-body">
      <div className="page-title">
        <h2>Actions</h2>
        <div className="actions">
          <button type="button" onClick={() => setImporting(true)}>
            Import from cURL
          </button>
          <button type="button" className="primary" onClick={() => navigate("/admin/actions/new")}>
            Create action
          </button>
        </div>
      </div>
      {importing && <ImportCurlDialog onClose={() => setImporting(false)} />}
      {actions.isPending && <p className="page-status">Loading actions…</p>}
      <RecordTable
        records={actions.data}
        error={actions.error}
        empty="No custom actions yet. Create one to connect a third-party REST API."
        columns={["Name", "Method", "URL host", "Used in", "Updated"]}
        row={(action) => (
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
        )}
      />
    </div>
  );
}
