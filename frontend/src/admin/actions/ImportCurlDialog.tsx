import { useEffect, useRef, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { errorMessage } from "../../api/client";
import Field from "../../common/Field";
import { fieldErrorsOf } from "../../common/fieldErrors";
import { keepDraft } from "./importedDrafts";
import { useImportCurl } from "./queries";

/** The "Import from cURL" dialog: paste a command, get the editor prefilled with the draft (nothing saved yet). */
export default function ImportCurlDialog({ onClose }: { onClose: () => void }) {
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
        <h3 id="import-curl-title">Import from cURL</h3>
        <p className="muted">
          Paste a curl command (bash or Windows). It is read, never run; you check the action before saving it.
        </p>
        <Field label="cURL command" error={fieldError}>
          <textarea
            rows={10}
            className="code"
            spellCheck={false}
            value={command}
            placeholder={"curl -X POST https://api.example.com/v1/messages \\\n  -H 'Authorization: Bearer …' \\\n  -d '{\"to\": \"a@b.c\"}'"}
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
            {importCurl.isPending ? "Importing…" : "Import"}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
