import { useTranslation } from "react-i18next";

import { errorMessage } from "../api/client";

interface FormActionsProps {
  saving: boolean;
  /** Shown for a record that exists: the Delete button, and why deleting failed. */
  onDelete?: () => void;
  deleting?: boolean;
  deleteError?: unknown;
}

/** The buttons under an editor form: Save, and Delete once the record exists. */
export function FormActions({ saving, onDelete, deleting = false, deleteError }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {t("common.save")}
        </button>
        {onDelete && (
          <button type="button" className="danger" onClick={onDelete} disabled={deleting}>
            {t("common.delete")}
          </button>
        )}
      </div>
      {deleteError != null && (
        <p role="alert" className="error banner">
          {errorMessage(deleteError)}
        </p>
      )}
    </>
  );
}
