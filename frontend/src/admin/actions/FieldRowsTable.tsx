import type { FieldErrors } from "../../common/fieldErrors";
import { emptyFieldRow, type FieldRow } from "./form";
import type { FieldKind, FieldType } from "../../api/types";
import { FIELD_TYPES } from "./model";

interface Props {
  title: string;
  /** "Header" or "Query parameter": names each row's inputs for screen readers and tests. */
  singular: string;
  /** The server's name for the list (`headers`, `queryParameters`), to place its errors. */
  errorPrefix: string;
  rows: FieldRow[];
  errors: FieldErrors;
  /** Path parameters: the rows follow the URL's placeholders (names fixed, no add or remove, always required,
   * never secret). */
  derived?: boolean;
  onChange: (rows: FieldRow[]) => void;
  /** Why a row's name, kind, type and required flag cannot change (journeys rely on them), or undefined. */
  lockedReason?: (row: FieldRow) => string | undefined;
}

/** Headers or query parameters: each a constant with a value or a variable marketers map in the canvas. */
export default function FieldRowsTable({
  title,
  singular,
  errorPrefix,
  rows,
  errors,
  derived = false,
  onChange,
  lockedReason,
}: Props) {
  const update = (index: number, patch: Partial<FieldRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const lower = singular.toLowerCase();
  return (
    <fieldset className="section">
      <legend>{title}</legend>
      {errors[errorPrefix] && (
        <p className="field-error" role="alert">
          {errors[errorPrefix]}
        </p>
      )}
      {rows.length === 0 && <p className="muted">No {lower}s.</p>}
      {rows.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Constant or variable</th>
              <th scope="col">Value</th>
              <th scope="col">Type</th>
              <th scope="col">Label</th>
              <th scope="col">Required</th>
              <th scope="col">Secret</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const n = index + 1;
              const error = (field: string) => errors[`${errorPrefix}.${index}.${field}`];
              const variable = row.kind === "variable";
              const locked = lockedReason?.(row);
              return (
                <tr key={row.key} title={locked} className={locked ? "locked" : undefined}>
                  <td>
                    <input
                      aria-label={`${singular} ${n} name`}
                      value={row.name}
                      readOnly={derived}
                      disabled={Boolean(locked)}
                      aria-invalid={error("name") ? true : undefined}
                      onChange={(e) => update(index, { name: e.target.value })}
                    />
                    <CellError message={error("name")} />
                  </td>
                  <td>
                    <select
                      aria-label={`${singular} ${n} kind`}
                      value={row.kind}
                      disabled={Boolean(locked)}
                      onChange={(e) => {
                        const kind = e.target.value as FieldKind;
                        update(index, kind === "variable" ? { kind, secret: false } : { kind });
                      }}
                    >
                      <option value="constant">Constant</option>
                      <option value="variable">Variable</option>
                    </select>
                  </td>
                  <td>
                    {variable ? (
                      <span className="muted">mapped in the journey</span>
                    ) : (
                      <input
                        aria-label={`${singular} ${n} value`}
                        value={row.value}
                        type={row.secret ? "password" : "text"}
                        autoComplete={row.secret ? "new-password" : undefined}
                        placeholder={secretPlaceholder(row)}
                        aria-invalid={error("value") ? true : undefined}
                        onChange={(e) => update(index, { value: e.target.value })}
                      />
                    )}
                    <CellError message={error("value")} />
                  </td>
                  <td>
                    <select
                      aria-label={`${singular} ${n} type`}
                      value={row.type}
                      disabled={Boolean(locked)}
                      onChange={(e) => update(index, { type: e.target.value as FieldType })}
                    >
                      {FIELD_TYPES.map((type) => (
                        <option key={type}>{type}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`${singular} ${n} label`}
                      value={row.label}
                      disabled={!variable}
                      placeholder={variable ? "Shown to marketers" : ""}
                      onChange={(e) => update(index, { label: e.target.value })}
                    />
                  </td>
                  <td className="center">
                    <input
                      type="checkbox"
                      aria-label={`${singular} ${n} required`}
                      checked={row.required}
                      disabled={!variable || derived || Boolean(locked)}
                      onChange={(e) => update(index, { required: e.target.checked })}
                    />
                  </td>
                  <td className="center">
                    <input
                      type="checkbox"
                      aria-label={`${singular} ${n} secret`}
                      title="Write-only: stored encrypted, never shown again, masked in logs"
                      checked={row.secret}
                      disabled={variable || derived}
                      onChange={(e) => update(index, { secret: e.target.checked })}
                    />
                    <CellError message={error("secret")} />
                  </td>
                  <td>
                    {!derived && (
                      <button
                        type="button"
                        className="link danger"
                        aria-label={`Remove ${lower} ${n}`}
                        disabled={Boolean(locked)}
                        onClick={() => onChange(rows.filter((_, i) => i !== index))}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {derived ? (
        <p className="muted">One per {"{name}"} placeholder of the URL's path; each value is sent as one encoded segment.</p>
      ) : (
        <button type="button" onClick={() => onChange([...rows, emptyFieldRow()])}>
          Add {lower}
        </button>
      )}
    </fieldset>
  );
}

/** What an empty value input says: a stored secret is kept unless a new value is typed. */
function secretPlaceholder(row: FieldRow): string | undefined {
  if (!row.secret) return undefined;
  return row.stored ? "Value stored; type to replace" : "Secret value";
}

/** A server error under a table cell's input. */
export function CellError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <small className="field-error" role="alert">
      {message}
    </small>
  );
}
