import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { noticeOf } from "../notice";
import i18n from "../../i18n";
import { ApiError, errorMessage } from "../../api/client";
import Field from "../../common/Field";
import { FormActions } from "../../common/FormActions";
import { fieldErrorsOf, unplacedProblems, type FieldErrors } from "../../common/fieldErrors";
import AuthenticationFields from "./AuthenticationFields";
import DeliveryFields from "./DeliveryFields";
import FieldRowsTable from "./FieldRowsTable";
import { draftFormOf, emptyActionForm, formOf, pathRowsFor, type ActionForm } from "./form";
import { draftKeyOf, draftOf, forgetDraft } from "./importedDrafts";
import type { ActionOut, JourneyStatus, Method } from "../../api/types";
import { BODY_METHODS, METHODS } from "./model";
import { RequestPayloadSection, ResponsePayloadSection } from "./PayloadSection";
import { useAction, useDeleteAction, useDuplicateAction, useSaveAction, useTestAction } from "./queries";
import TestRequestPanel from "./TestRequestPanel";
import { prepareAction } from "./toInput";

/** Fields the editor shows errors beside; anything else goes to the summary at the top. */
const PLACED = [
  /^(name|description|method|url|timeoutMs|followRedirects|maxRetries|headers|queryParameters|pathParameters|requestPayload|bodyEncoding|responsePayload)$/,
  /^(headers|queryParameters|pathParameters)\.\d+\.(name|value)$/,
  /^authentication(\.(type|username|password|name|value|location|token|tokenUrl|clientId|clientSecret|scope))?$/,
  /^requestPayload\.(example|fields\.\d+\.(path|value))$/,
  /^responsePayload\.example$/,
  /^capping\.(maxCalls|periodSeconds)$/,
  /^throttling\.(maxCallsPerSecond|maxWaitSeconds)$/,
];

/** Route `/admin/actions/new` and `/admin/actions/:actionId`. */
export default function ActionEditorPage() {
  const { t } = useTranslation();
  const { actionId } = useParams();
  const action = useAction(actionId);
  const draftKey = draftKeyOf(useLocation().state);
  if (actionId && action.isPending) return <p className="page-status">{t("actions.loadingOne")}</p>;
  if (actionId && action.isError)
    return (
      <div className="page-body">
        <p role="alert" className="error">
          {errorMessage(action.error)}
        </p>
        <Link to="/admin/actions">{t("actions.backToList")}</Link>
      </div>
    );
  return <ActionEditor key={actionId ?? draftKey ?? "new"} saved={action.data} draftKey={actionId ? undefined : draftKey} />;
}

function initialForm(saved: ActionOut | undefined, draftKey: string | undefined): ActionForm {
  if (saved) return formOf(saved);
  const draft = draftOf(draftKey);
  return draft ? draftFormOf(draft.action) : emptyActionForm();
}

function ActionEditor({ saved, draftKey }: { saved: ActionOut | undefined; draftKey: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState<ActionForm>(() => initialForm(saved, draftKey));
  const importWarnings = draftOf(draftKey)?.warnings ?? [];
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sentPaths, setSentPaths] = useState<string[]>([]);
  // A new record is saved, then opened at its own address: the notice travels in the navigation state.
  const [notice, setNotice] = useState<string | null>(noticeOf(useLocation().state));
  const save = useSaveAction(saved?.id);
  const remove = useDeleteAction(saved?.id ?? "");
  const test = useTestAction(saved?.id ?? "");
  const duplicate = useDuplicateAction(saved?.id ?? "");
  const lock = contractLock(saved);
  const set = (patch: Partial<ActionForm>) => setForm((current) => ({ ...current, ...patch }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const prepared = prepareAction(form);
    setSentPaths(prepared.payloadPaths);
    if (Object.keys(prepared.problems).length > 0) {
      setErrors(prepared.problems);
      return;
    }
    save.mutate(prepared.input, {
      onSuccess: (action) => {
        setErrors({});
        setForm(formOf(action));
        const savedNotice = t("common.savedName", { name: action.name });
        setNotice(savedNotice);
        forgetDraft(draftKey);
        if (!saved) navigate(`/admin/actions/${action.id}`, { replace: true, state: { notice: savedNotice } });
      },
      onError: (error) => setErrors(fieldErrorsOf(error)),
    });
  }

  function duplicateAction() {
    duplicate.mutate(undefined, {
      onSuccess: (copy) => navigate(`/admin/actions/${copy.id}`, { state: { notice: t("actions.lock.duplicated", { name: copy.name }) } }),
    });
  }

  function deleteAction() {
    if (!saved || !window.confirm(t("actions.confirmDelete", { name: saved.name }))) return;
    remove.mutate(undefined, { onSuccess: () => navigate("/admin/actions") });
  }

  const unplaced = unplacedProblems(errors, (field) => PLACED.some((re) => re.test(field)));
  const saveError = save.error instanceof ApiError && save.error.errors.length === 0 ? save.error.message : null;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="page-body editor">
      <div className="page-title">
        <h2>{saved ? saved.name : t("actions.newAction")}</h2>
        <Link to="/admin/actions">{t("actions.allActions")}</Link>
      </div>
      {draftKey && (
        <section className="banner warning" aria-label={t("actions.curl.imported")}>
          <p>{t("actions.curl.draftNote")}</p>
          {importWarnings.length > 0 && (
            <ul>
              {importWarnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      <form onSubmit={submit} noValidate aria-label={t("actions.form")}>
        {(hasErrors || saveError) && (
          <div role="alert" className="error banner">
            <p>{saveError ?? t("actions.notSaved")}</p>
            {unplaced.length > 0 && (
              <ul>
                {unplaced.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
        {lock && (
          <section className="notice locked-contract" aria-label={t("actions.lock.contractInUse")}>
            <p>{lock.reason}</p>
            <button type="button" onClick={duplicateAction} disabled={duplicate.isPending}>
              {t("actions.lock.duplicate")}
            </button>
            {duplicate.error && <p className="error">{errorMessage(duplicate.error)}</p>}
          </section>
        )}
        <fieldset className="section">
          <legend>{t("actions.endpoint")}</legend>
          <div className="grid">
            <Field label={t("common.name")} error={errors["name"]}>
              <input value={form.name} maxLength={100} onChange={(e) => set({ name: e.target.value })} />
            </Field>
            <Field label={t("actions.method")} error={errors["method"]}>
              <select value={form.method} disabled={Boolean(lock)} title={lock?.reason}
                onChange={(e) => set({ method: e.target.value as Method })}>
                {METHODS.map((method) => (
                  <option key={method}>{method}</option>
                ))}
              </select>
            </Field>
            <Field label={t("actions.url")} error={errors["url"]} className="wide" hint={t("actions.urlHint")}>
              <input
                type="url"
                value={form.url}
                placeholder="https://api.example.com/v1/users/{userId}/messages"
                onChange={(e) => set({ url: e.target.value, pathParameters: pathRowsFor(e.target.value, form.pathParameters) })}
              />
            </Field>
            <Field label={t("common.description")} error={errors["description"]} className="wide">
              <textarea rows={2} value={form.description} onChange={(e) => set({ description: e.target.value })} />
            </Field>
          </div>
        </fieldset>
        {form.pathParameters.length > 0 && (
          <FieldRowsTable
            title={t("actions.pathParameters")}
            singular={t("actions.pathParameter")}
            emptyText=""
            addText=""
            errorPrefix="pathParameters"
            rows={form.pathParameters}
            errors={errors}
            derived
            onChange={(pathParameters) => set({ pathParameters })}
          />
        )}
        <FieldRowsTable
          title={t("actions.headers")}
          singular={t("actions.header")}
          emptyText={t("actions.rows.noHeaders")}
          addText={t("actions.rows.addHeader")}
          errorPrefix="headers"
          rows={form.headers}
          errors={errors}
          onChange={(headers) => set({ headers })}
          lockedReason={(row) => lock?.header(row.name)}
        />
        <FieldRowsTable
          title={t("actions.queryParameters")}
          singular={t("actions.queryParameter")}
          emptyText={t("actions.rows.noQueryParameters")}
          addText={t("actions.rows.addQueryParameter")}
          errorPrefix="queryParameters"
          rows={form.queryParameters}
          errors={errors}
          onChange={(queryParameters) => set({ queryParameters })}
          lockedReason={(row) => lock?.query(row.name)}
        />
        <AuthenticationFields
          auth={form.auth}
          storedType={form.storedAuthType}
          errors={errors}
          onChange={(auth) => set({ auth })}
        />
        {BODY_METHODS.includes(form.method) && (
          <Field
            label={t("actions.bodyEncoding.label")}
            error={errors["bodyEncoding"]}
            className="section"
            hint={t("actions.bodyEncoding.hint")}
          >
            <select
              value={form.bodyEncoding}
              onChange={(e) => set({ bodyEncoding: e.target.value === "form" ? "form" : "json" })}
            >
              <option value="json">{t("actions.bodyEncoding.json")}</option>
              <option value="form">{t("actions.bodyEncoding.form")}</option>
            </select>
          </Field>
        )}
        {BODY_METHODS.includes(form.method) ? (
          <RequestPayloadSection
            example={form.requestExample}
            rows={form.payloadRows}
            sentPaths={sentPaths}
            errors={errors}
            onChange={(requestExample, payloadRows) => set({ requestExample, payloadRows })}
            lockedReason={(path) => lock?.payload(path)}
          />
        ) : (
          <p className="muted section">{t("actions.noBody", { method: form.method })}</p>
        )}
        <ResponsePayloadSection
          example={form.responseExample}
          error={errors["responsePayload.example"] ?? errors["responsePayload"]}
          onChange={(responseExample) => set({ responseExample })}
        />
        <DeliveryFields form={form} errors={errors} onChange={set} />
        <FormActions
          saving={save.isPending}
          onDelete={saved ? deleteAction : undefined}
          deleting={remove.isPending}
          deleteError={remove.error}
        />
      </form>
      {saved && (
        <TestRequestPanel
          action={saved}
          sending={test.isPending}
          result={test.data}
          error={test.error}
          onSend={(body) => test.mutate(body)}
        />
      )}
    </div>
  );
}

/**
 * While journeys rely on the action (`lockedBy`), the server refuses changes to its contract (409): the
 * method and the name, kind, type and required flag of every declared header, query parameter and payload
 * field. The form disables those inputs and says why; optional variables can still be added.
 */
function contractLock(saved: ActionOut | undefined) {
  const holders = saved?.lockedBy ?? [];
  if (!saved || holders.length === 0) return null;
  const status = (value: string) => (i18n.exists(`status.${value}`) ? i18n.t(`status.${value as JourneyStatus}`) : value);
  const names = holders.map((j) => i18n.t("actions.lock.holder", { name: j.name, status: status(j.status) })).join(", ");
  const reason = i18n.t("actions.lock.reason", { names });
  const headers = new Set((saved.headers ?? []).map((h) => h.name.toLowerCase()));
  const query = new Set((saved.queryParameters ?? []).map((q) => q.name));
  const payload = new Set((saved.requestPayload?.fields ?? []).map((f) => f.path));
  return {
    reason,
    header: (name: string) => (headers.has(name.toLowerCase()) ? reason : undefined),
    query: (name: string) => (query.has(name) ? reason : undefined),
    payload: (path: string) => (payload.has(path) ? reason : undefined),
  };
}
