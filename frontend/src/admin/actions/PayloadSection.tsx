import { useMemo } from "react";
import Field from "../../common/Field";
import type { FieldErrors } from "../../common/fieldErrors";
import { parseJsonText } from "../../common/jsonFields";
import { CellError } from "./FieldRowsTable";
import { payloadRowsFor, type PayloadRow, type PayloadUse } from "./form";
import type { FieldType } from "../../api/types";
import { FIELD_TYPES } from "./model";

interface Props {
  example: string;
  rows: PayloadRow[];
  /** Paths in the order they were sent with the last save, to place `requestPayload.fields.N` errors. */
  sentPaths: string[];
  errors: FieldErrors;
  onChange: (example: string, rows: PayloadRow[]) => void;
  /** Why a declared field's use, type and required flag cannot change (journeys rely on them), or undefined. */
  lockedReason?: (path: string) => string | undefined;
}

/** The closest declared ancestor of `path`, whose value already covers it. */
function coveringPath(path: string, rows: PayloadRow[]): string | undefined {
  return rows.find((row) => row.use !== "example" && path.startsWith(`${row.path}.`))?.path;
}

/** Request payload: paste an example body, then choose how each of its fields is filled. */
export function RequestPayloadSection({ example, rows, sentPaths, errors, onChange, lockedReason }: Props) {
  const parsed = parseJsonText(example);
  const changeExample = (text: string) => {
    const next = parseJsonText(text);
    onChange(text, next.error ? rows : next.value === undefined ? [] : payloadRowsFor(next.value, rows, next.fields));
  };
  const update = (path: string, patch: Partial<PayloadRow>) =>
    onChange(
      example,
      rows.map((row) => (row.path === path ? { ...row, ...patch } : row)),
    );
  return (
    <fieldset className="section">
      <legend>Request payload</legend>
      <Field
        label="Request example (JSON)"
        error={parsed.error ?? errors["requestPayload.example"] ?? errors["requestPayload"]}
        hint="Paste an example body; each of its fields is listed below. Leave empty to send no body."
      >
        <textarea rows={6} spellCheck={false} className="code" value={example} onChange={(e) => changeExample(e.target.value)} />
      </Field>
      {rows.length > 0 && (
        <table className="table compact">
          <caption className="visually-hidden">Request payload fields</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Filled with</th>
              <th scope="col">Value</th>
              <th scope="col">Type</th>
              <th scope="col">Label</th>
              <th scope="col">Required</th>
              <th scope="col" title="Without a value: sent as null instead of left out">
                Null
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const index = sentPaths.indexOf(row.path);
              const error = (field: string) => (index >= 0 ? errors[`requestPayload.fields.${index}.${field}`] : undefined);
              const covered = coveringPath(row.path, rows);
              const variable = row.use === "variable";
              const locked = lockedReason?.(row.path);
              return (
                <tr key={row.path} className={covered ? "covered" : locked ? "locked" : undefined} title={locked}>
                  <th scope="row" className="code">
                    {row.path}
                    <CellError message={error("path")} />
                  </th>
                  <td>
                    {covered ? (
                      <span className="muted">set with {covered}</span>
                    ) : (
                      <select
                        aria-label={`Field ${row.path} filled with`}
                        value={row.use}
                        disabled={Boolean(locked)}
                        onChange={(e) => update(row.path, { use: e.target.value as PayloadUse })}
                      >
                        <option value="example">Example value</option>
                        <option value="constant">Constant</option>
                        <option value="variable">Variable</option>
                      </select>
                    )}
                  </td>
                  <td>
                    {row.use === "constant" && !covered ? (
                      <input
                        aria-label={`Field ${row.path} value`}
                        value={row.value}
                        aria-invalid={error("value") ? true : undefined}
                        onChange={(e) => update(row.path, { value: e.target.value })}
                      />
                    ) : (
                      <span className="muted code">{variable ? "mapped in the journey" : row.value}</span>
                    )}
                    <CellError message={error("value")} />
                  </td>
                  <td>
                    <select
                      aria-label={`Field ${row.path} type`}
                      value={row.type}
                      disabled={row.use === "example" || Boolean(covered) || Boolean(locked)}
                      onChange={(e) => update(row.path, { type: e.target.value as FieldType })}
                    >
                      {FIELD_TYPES.map((type) => (
                        <option key={type}>{type}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Field ${row.path} label`}
                      value={row.label}
                      disabled={!variable || Boolean(covered)}
                      onChange={(e) => update(row.path, { label: e.target.value })}
                    />
                  </td>
                  <td className="center">
                    <input
                      type="checkbox"
                      aria-label={`Field ${row.path} required`}
                      checked={row.required}
                      disabled={!variable || Boolean(covered) || Boolean(locked)}
                      onChange={(e) => update(row.path, { required: e.target.checked })}
                    />
                  </td>
                  <td className="center">
                    <input
                      type="checkbox"
                      aria-label={`Field ${row.path} allows null`}
                      title="Without a value: sent as null instead of left out (list items are dropped)"
                      checked={row.allowNull}
                      disabled={!variable || Boolean(covered)}
                      onChange={(e) => update(row.path, { allowNull: e.target.checked })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}

/** Response payload: an example success body whose fields later journey steps may read. */
export function ResponsePayloadSection(props: { example: string; error: string | undefined; onChange: (text: string) => void }) {
  const { parsed, fields } = useMemo(() => {
    const result = parseJsonText(props.example);
    return { parsed: result, fields: result.fields ?? [] };
  }, [props.example]);
  return (
    <fieldset className="section">
      <legend>Response payload</legend>
      <Field
        label="Response example (JSON)"
        error={parsed.error ?? props.error}
        hint="An example success body; its fields are offered to later steps of a journey."
      >
        <textarea rows={5} spellCheck={false} className="code" value={props.example} onChange={(e) => props.onChange(e.target.value)} />
      </Field>
      {fields.length > 0 && (
        <ul className="field-list" aria-label="Response fields">
          {fields.map((field) => (
            <li key={field.path}>
              <code>{field.path}</code> <span className="muted">{field.type}</span>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
