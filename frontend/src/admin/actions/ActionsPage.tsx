import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { formatDateTime, urlHost } from "../../common/format";
import { RecordTable } from "../../common/RecordTable";
import ImportCurlDialog from "./ImportCurlDialog";
import { useActions } from "./queries";

/** Administration → Actions: every configured custom action. */
export default function ActionsPage() {
  const { t } = useTranslation();
  const actions = useActions();
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  return (
    <div className="page-body">
      <div className="page-title">
        <h2>{t("actions.title")}</h2>
        <div className="actions">
          <button type="button" onClick={() => setImporting(true)}>
            {t("actions.importCurl")}
          </button>
          <button type="button" className="primary" onClick={() => navigate("/admin/actions/new")}>
            {t("actions.create")}
          </button>
        </div>
      </div>
      {importing && <ImportCurlDialog onClose={() => setImporting(false)} />}
      {actions.isPending && <p className="page-status">{t("actions.loading")}</p>}
      <RecordTable
        records={actions.data}
        error={actions.error}
        empty={t("actions.empty")}
        columns={[t("common.name"), t("actions.method"), t("actions.urlHost"), t("actions.usedIn"), t("common.updated")]}
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
