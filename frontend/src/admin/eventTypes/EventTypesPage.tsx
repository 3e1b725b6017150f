import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { formatDateTime, formatNumber } from "../../common/format";
import { RecordTable } from "../../common/RecordTable";
import { useEventTypes } from "./queries";

/** Administration → Event types: the events that can start journeys. */
export default function EventTypesPage() {
  const { t } = useTranslation();
  const eventTypes = useEventTypes();
  const navigate = useNavigate();
  return (
    <div className="page-body">
      <div className="page-title">
        <h2>{t("eventTypes.title")}</h2>
        <button type="button" className="primary" onClick={() => navigate("/admin/event-types/new")}>
          {t("eventTypes.create")}
        </button>
      </div>
      {eventTypes.isPending && <p className="page-status">{t("eventTypes.loading")}</p>}
      <RecordTable
        records={eventTypes.data}
        error={eventTypes.error}
        empty={t("eventTypes.empty")}
        columns={[t("common.name"), t("common.description"), t("eventTypes.fields"), t("common.updated")]}
        row={(eventType) => (
          <tr key={eventType.id}>
            <th scope="row">
              <Link to={`/admin/event-types/${eventType.id}`}>{eventType.name}</Link>
            </th>
            <td>{eventType.description}</td>
            <td>{formatNumber(eventType.fields.length)}</td>
            <td>{formatDateTime(eventType.updatedAt)}</td>
          </tr>
        )}
      />
    </div>
  );
}
