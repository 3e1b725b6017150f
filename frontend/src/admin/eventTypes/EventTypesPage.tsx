import { Link, useNavigate } from "react-router";
import { formatDateTime } from "../../common/format";
import { RecordTable } from "../../common/RecordTable";
import { useEventTypes } from "./queries";

/** Administration → Event types: the events that can start journeys. */
export default function EventTypesPage() {
  const eventTypes = useEventTypes();
  const navigate = useNavigate();
  return (
    <div className="page-body">
      <div className="page-title">
        <h2>Event types</h2>
        <button type="button" className="primary" onClick={() => navigate("/admin/event-types/new")}>
          Create event type
        </button>
      </div>
      {eventTypes.isPending && <p className="page-status">Loading event types…</p>}
      <RecordTable
        records={eventTypes.data}
        error={eventTypes.error}
        empty="No event types yet."
        columns={["Name", "Description", "Fields", "Updated"]}
        row={(eventType) => (
          <tr key={eventType.id}>
            <th scope="row">
              <Link to={`/admin/event-types/${eventType.id}`}>{eventType.name}</Link>
            </th>
            <td>{eventType.description}</td>
            <td>{eventType.fields.length}</td>
            <td>{formatDateTime(eventType.updatedAt)}</td>
          </tr>
        )}
      />
    </div>
  );
}
