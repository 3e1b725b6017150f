import { useTranslation } from "react-i18next";
import { useMemo, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { noticeOf } from "../notice";
import { ApiError, errorMessage } from "../../api/client";
import Field from "../../common/Field";
import { FormActions } from "../../common/FormActions";
import { fieldErrorsOf, unplacedProblems, type FieldErrors } from "../../common/fieldErrors";
import { parseJsonText } from "../../common/jsonFields";
import type { EventTypeOut, FieldType } from "../../api/types";
import { FIELD_TYPES } from "../actions/model";
import { useDeleteEventType, useEventType, useSaveEventType } from "./queries";

/** Route `/admin/event-types/new` and `/admin/event-types/:eventTypeId`. */
export default function EventTypeEditorPage() {
  const { t } = useTranslation();
  const { eventTypeId } = useParams();
  const eventType = useEventType(eventTypeId);
  if (eventTypeId && eventType.isPending) return <p className="page-status">{t("eventTypes.loadingOne")}</p>;
  if (eventTypeId && eventType.isError)
    return (
      <div className="page-body">
        <p role="alert" className="error">
          {errorMessage(eventType.error)}
        </p>
        <Link to="/admin/event-types">{t("eventTypes.backToList")}</Link>
      </div>
    );
  return <EventTypeEditor key={eventTypeId ?? "new"} saved={eventType.data} />;
}

function EventTypeEditor({ saved }: { saved: EventTypeOut | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState(saved?.name ?? "");
  const [description, setDescription] = useState(saved?.description ?? "");
  const [example, setExample] = useState(saved ? JSON.stringify(saved.example, null, 2) : "");
  const [errors, setErrors] = useState<FieldErrors>({});
  // A new record is saved, then opened at its own address: the notice travels in the navigation state.
  const [notice, setNotice] = useState<string | null>(noticeOf(useLocation().state));
  const save = useSaveEventType(saved?.id);
  const remove = useDeleteEventType(saved?.id ?? "");
  const parsed = useMemo(() => parseJsonText(example), [example]);
  // What the technical user set per path (type, required); paths not set keep the type derived from the example.
  const [chosen, setChosen] = useState<Record<string, { type: FieldType; required: boolean }>>(() =>
    Object.fromEntries((saved?.fields ?? []).map((f) => [f.path, { type: f.type as FieldType, required: f.required ?? false }])),
  );
  const fields = useMemo(
    () =>
      (parsed.fields ?? []).map((f) => ({
        path: f.path,
        type: chosen[f.path]?.type ?? (f.type as FieldType),
        required: chosen[f.path]?.required ?? false,
      })),
    [parsed, chosen],
  );
  const choose = (path: string, patch: Partial<{ type: FieldType; required: boolean }>) => {
    const current = fields.find((f) => f.path === path);
    if (current) setChosen({ ...chosen, [path]: { type: current.type, required: current.required, ...patch } });
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    if (parsed.error || parsed.value === undefined) {
      setErrors({ example: parsed.error ?? t("eventTypes.pasteExample") });
      return;
    }
    save.mutate(
      { name: name.trim(), description, example: parsed.value, fields },
      {
        onSuccess: (eventType) => {
          setErrors({});
          const savedNotice = t("common.savedName", { name: eventType.name });
          setNotice(savedNotice);
          if (!saved) navigate(`/admin/event-types/${eventType.id}`, { replace: true, state: { notice: savedNotice } });
        },
        onError: (error) => setErrors(fieldErrorsOf(error)),
      },
    );
  }

  function deleteEventType() {
    if (!saved || !window.confirm(t("eventTypes.confirmDelete", { name: saved.name }))) return;
    remove.mutate(undefined, { onSuccess: () => navigate("/admin/event-types") });
  }

  const unplaced = unplacedProblems(errors, (field) => ["name", "description", "example"].includes(field));
  const saveError = save.error instanceof ApiError && save.error.errors.length === 0 ? save.error.message : null;
  return (
    <div className="page-body editor">
      <div className="page-title">
        <h2>{saved ? saved.name : t("eventTypes.newEventType")}</h2>
        <Link to="/admin/event-types">{t("eventTypes.allEventTypes")}</Link>
      </div>
      <form onSubmit={submit} noValidate aria-label={t("eventTypes.form")}>
        {(saveError || unplaced.length > 0) && (
          <div role="alert" className="error banner">
            <p>{saveError ?? t("eventTypes.notSaved")}</p>
            <ul>
              {unplaced.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
        <fieldset className="section">
          <legend>{t("eventTypes.form")}</legend>
          <div className="grid">
            <Field label={t("common.name")} error={errors["name"]}>
              <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label={t("common.description")} error={errors["description"]} className="wide">
              <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
            </Field>
            <Field
              label={t("eventTypes.example")}
              error={parsed.error ?? errors["example"]}
              className="wide"
              hint={t("eventTypes.exampleHint")}
            >
              <textarea rows={10} spellCheck={false} className="code" value={example} onChange={(e) => setExample(e.target.value)} />
            </Field>
          </div>
        </fieldset>
        <fieldset className="section">
          <legend>{t("eventTypes.fields")}</legend>
          {fields.length === 0 ? (
            <p className="muted">{t("eventTypes.noFields")}</p>
          ) : (
            <>
            <table className="table compact" aria-label={t("eventTypes.eventFields")}>
              <thead>
                <tr>
                  <th scope="col">{t("eventTypes.field")}</th>
                  <th scope="col">{t("eventTypes.type")}</th>
                  <th scope="col">{t("eventTypes.required")}</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((field) => (
                  <tr key={field.path}>
                    <th scope="row" className="code">{field.path}</th>
                    <td>
                      <select aria-label={t("eventTypes.fieldType", { path: field.path })} value={field.type}
                        onChange={(e) => choose(field.path, { type: e.target.value as FieldType })}>
                        {FIELD_TYPES.map((type) => (
                          <option key={type}>{type}</option>
                        ))}
                      </select>
                    </td>
                    <td className="center">
                      <input type="checkbox" aria-label={t("eventTypes.fieldRequired", { path: field.path })} checked={field.required}
                        onChange={(e) => choose(field.path, { required: e.target.checked })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">
              {t("eventTypes.typesHint")}
            </p>
            </>
          )}
        </fieldset>
        <FormActions
          saving={save.isPending}
          onDelete={saved ? deleteEventType : undefined}
          deleting={remove.isPending}
          deleteError={remove.error}
        />
      </form>
    </div>
  );
}
