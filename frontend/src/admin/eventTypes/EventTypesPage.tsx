import { Link, useNavigate } from "react-router";
import { errorMessage } from "../../api/client";
import { formatDateTime } from "../../common/format";
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
      {eventTypes.isError && (
        <p role="alert" className="error">
          {errorMessage(eventTypes.error)}
        </p>
      )}
      {eventTypes.data?.length === 0 && <p className="empty">No event types yet.</p>}
      {eventTypes.data && eventTypes.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Fields</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {eventTypes.data.map((eventType) => (
              <tr key={eventType.id}>
                <th scope="row">
                  <Link to={`/admin/event-types/${eventType.id}`}>{eventType.name}</Link>
                </th>
                <td>{eventType.description}</td>
                <td>{eventType.fields.length}</td>
                <td>{formatDateTime(eventType.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
