import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { errorMessage } from "../api/client";

interface RecordTableProps<T> {
  /** The records, undefined while loading. */
  records: T[] | undefined;
  /** A failed load or action, shown above the table. */
  error?: unknown;
  /** What an empty list says. */
  empty: ReactNode;
  columns: string[];
  /** Adds a last, visually unlabeled column for per-row buttons. */
  withActions?: boolean;
  /** One `<tr>` (with its key) per record; its first cell is a row header. */
  row: (record: T) => ReactNode;
}

/** How every list page shows its records: error, empty message or a table with column headers. */
export function RecordTable<T>({ records, error, empty, columns, withActions = false, row }: RecordTableProps<T>) {
  const { t } = useTranslation();
  return (
    <>
      {error != null && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {records?.length === 0 && <p className="empty">{empty}</p>}
      {records && records.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              {withActions && (
                <th scope="col">
                  <span className="visually-hidden">{t("common.actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>{records.map(row)}</tbody>
        </table>
      )}
    </>
  );
}
