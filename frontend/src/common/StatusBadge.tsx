import { useTranslation } from "react-i18next";

import type { JourneyStatus } from "../api/types";

/** A journey version's status as a coloured label. */
export default function StatusBadge({ status }: { status: JourneyStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`statusBadge.${status}`)}</span>;
}
