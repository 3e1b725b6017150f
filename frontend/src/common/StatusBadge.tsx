import type { JourneyStatus } from "../api/types";

/** A journey version's status as a coloured label. */
export default function StatusBadge({ status }: { status: JourneyStatus }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}
