import { useTranslation } from "react-i18next";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../api/client";
import { fieldErrorsOf } from "../../common/fieldErrors";
import { formatNumber } from "../../common/format";
import { valueAt } from "../../common/jsonFields";
import type { ActionOut, FieldType, TestResult } from "../../api/types";
import { textToValue, valueToText } from "./values";

type Section = "pathParameters" | "headers" | "queryParameters" | "payload";

interface Variable {
  section: Section;
  key: string;
  type: FieldType;
  label: string;
  initial: string;
}

const SAMPLE_LABELS = {
  pathParameters: "actions.test.samplePathParameters",
  headers: "actions.test.sampleHeaders",
  queryParameters: "actions.test.sampleQueryParameters",
  payload: "actions.test.samplePayload",
} as const satisfies Record<Section, string>;

/** Every variable of the saved action, with the example's value as a starting sample. */
function variablesOf(action: ActionOut): Variable[] {
  const named = (section: Section, fields: ActionOut["headers"]) =>
    (fields ?? [])
      .filter((f) => f.kind === "variable")
      .map((f) => ({ section, key: f.name, type: f.type ?? "string", label: f.label ?? "", initial: "" }));
  const payload = (action.requestPayload?.fields ?? [])
    .filter((f) => f.kind === "variable")
    .map((f) => ({
      section: "payload" as const,
      key: f.path,
      type: f.type ?? "string",
      label: f.label ?? "",
      initial: valueToText(valueAt(action.requestPayload?.example, f.path)),
    }));
  return [
    ...named("pathParameters", action.pathParameters),
    ...named("headers", action.headers),
    ...named("queryParameters", action.queryParameters),
    ...payload,
  ];
}

interface Props {
  action: ActionOut;
  sending: boolean;
  result: TestResult | undefined;
  error: unknown;
  onSend: (body: Record<Section, Record<string, unknown>>) => void;
}

/** Sample values for the saved action's variables, and what the endpoint answered. */
export default function TestRequestPanel({ action, sending, result, error, onSend }: Props) {
  const { t } = useTranslation();
  const variables = variablesOf(action);
  const [samples, setSamples] = useState<Record<string, string>>({});
  const id = (v: Variable) => `${v.section}:${v.key}`;
  const problems = fieldErrorsOf(error);

  function send(event: FormEvent) {
    event.preventDefault();
    const body: Record<Section, Record<string, unknown>> = {
      pathParameters: {},
      headers: {},
      queryParameters: {},
      payload: {},
    };
    for (const v of variables) {
      const text = samples[id(v)] ?? v.initial;
      if (text !== "") body[v.section][v.key] = textToValue(text, v.type);
    }
    onSend(body);
  }

  return (
    <form className="section test-panel" onSubmit={send} aria-label={t("actions.test.title")}>
      <h2>{t("actions.test.title")}</h2>
      <p className="muted">
        {t("actions.test.intro", { method: action.method })}
      </p>
      {variables.length > 0 && (
        <div className="grid">
          {variables.map((v) => (
            <label key={id(v)} className="field">
              <span>
                {t(SAMPLE_LABELS[v.section], { key: v.key })}
                {v.label && <span className="muted"> ({v.label})</span>}
              </span>
              <input
                value={samples[id(v)] ?? v.initial}
                onChange={(e) => setSamples({ ...samples, [id(v)]: e.target.value })}
              />
              {problems[`${v.section}.${v.key}`] && (
                <small className="field-error" role="alert">
                  {problems[`${v.section}.${v.key}`]}
                </small>
              )}
            </label>
          ))}
        </div>
      )}
      <button type="submit" disabled={sending}>
        {sending ? t("actions.test.sending") : t("actions.test.send")}
      </button>
      {error != null && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {result && <TestResultView result={result} />}
    </form>
  );
}

function TestResultView({ result }: { result: TestResult }) {
  const { t } = useTranslation();
  const body = typeof result.body === "string" ? result.body : JSON.stringify(result.body, null, 2);
  return (
    <section className={`test-result ${result.ok ? "ok" : "failed"}`} aria-label={t("actions.test.result")} aria-live="polite">
      {result.error ? (
        <p role="alert">
          <strong>{result.errorKind ?? t("actions.test.error")}</strong>: {result.error}
        </p>
      ) : (
        <p>
          {t("actions.test.status")} <strong data-testid="test-status">{result.status}</strong>
        </p>
      )}
      <p>{t("actions.test.duration", { duration: formatNumber(Math.round(result.durationMs)) })}</p>
      {result.finalUrl && (
        <p>
          {t("actions.test.redirectedTo")} <code data-testid="test-final-url">{result.finalUrl}</code>
        </p>
      )}
      {Object.keys(result.headers ?? {}).length > 0 && (
        <details>
          <summary>{t("actions.test.responseHeaders")}</summary>
          <dl className="headers">
            {Object.entries(result.headers ?? {}).map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {result.body != null && (
        <pre className="code" aria-label={t("actions.test.responseBody")}>
          {body}
        </pre>
      )}
    </section>
  );
}
