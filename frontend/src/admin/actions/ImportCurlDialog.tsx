import { useTranslation } from "react-i18next";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { errorMessage } from "../../api/client";
import Field from "../../common/Field";
import { fieldErrorsOf } from "../../common/fieldErrors";
import { keepDraft } from "./importedDrafts";
import { useImportCurl } from "./queries";

// A command, not prose: shown as it is in every language.
const EXAMPLE_COMMAND = "curl -X POST https://api.example.com/v1/messages \\\n  -H 'Authorization: Bearer …' \\\n  -d '{\"to\": \"a@b.c\"}'";

/** The "Import from cURL" dialog: paste a command, get the editor prefilled with the draft (nothing saved yet). */
export default function ImportCurlDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [command, setCommand] = useState("");
  const importCurl = useImportCurl();
  const navigate = useNavigate();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    importCurl.mutate(command, {
      onSuccess: (draft) => navigate("/admin/actions/new", { state: { draft: keepDraft(draft) } }),
    });
  }

  const fieldError = fieldErrorsOf(importCurl.error)["command"];
  const otherError = importCurl.error && !fieldError ? errorMessage(importCurl.error) : null;
  return (
    <dialog ref={dialog} className="card dialog" aria-labelledby="import-curl-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h3 id="import-curl-title">{t("actions.importCurl")}</h3>
        <p className="muted">
          {t("actions.curl.intro")}
        </p>
        <Field label={t("actions.curl.command")} error={fieldError}>
          <textarea
            rows={10}
            className="code"
            spellCheck={false}
            value={command}
            placeholder={EXAMPLE_COMMAND}
            onChange={(e) => {
              setCommand(e.target.value);
              if (importCurl.error) importCurl.reset(); // the old problem no longer describes the text
            }}
          />
        </Field>
        {otherError && (
          <p role="alert" className="error">
            {otherError}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={importCurl.isPending || command.trim() === ""}>
            {importCurl.isPending ? t("actions.curl.importing") : t("actions.curl.import")}
          </button>
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
