import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../common/fieldErrors";
import { emptyFieldRow, type FieldRow } from "./form";
import type { FieldKind, FieldType } from "../../api/types";
import { FIELD_TYPES } from "./model";

interface Props {
  title: string;
  /** What the section says with no rows, and its add button. */
  emptyText: string;
  addText: string;
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
  emptyText,
  addText,
  errorPrefix,
  rows,
  errors,
  derived = false,
  onChange,
  lockedReason,
}: Props) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<FieldRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="section">
      <legend>{title}</legend>
      {errors[errorPrefix] && (
        <p className="field-error" role="alert">
          {errors[errorPrefix]}
        </p>
      )}
      {rows.length === 0 && <p className="muted">{emptyText}</p>}
      {rows.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t("common.name")}</th>
              <th scope="col">{t("actions.rows.constantOrVariable")}</th>
              <th scope="col">{t("common.value")}</th>
              <th scope="col">{t("common.type")}</th>
              <th scope="col">{t("common.label")}</th>
              <th scope="col">{t("common.required")}</th>
              <th scope="col">{t("actions.rows.secret")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("common.remove")}</span>
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
                      aria-label={t("actions.rows.rowName", { row: singular, n })}
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
                      aria-label={t("actions.rows.rowKind", { row: singular, n })}
                      value={row.kind}
                      disabled={Boolean(locked)}
                      onChange={(e) => {
                        const kind = e.target.value as FieldKind;
                        update(index, kind === "variable" ? { kind, secret: false } : { kind });
                      }}
                    >
                      <option value="constant">{t("common.constant")}</option>
                      <option value="variable">{t("common.variable")}</option>
                    </select>
                  </td>
                  <td>
                    {variable ? (
                      <span className="muted">{t("common.mappedInJourney")}</span>
                    ) : (
                      <input
                        aria-label={t("actions.rows.rowValue", { row: singular, n })}
                        value={row.value}
                        type={row.secret ? "password" : "text"}
                        autoComplete={row.secret ? "new-password" : undefined}
                        placeholder={secretPlaceholder(row, t)}
                        aria-invalid={error("value") ? true : undefined}
                        onChange={(e) => update(index, { value: e.target.value })}
                      />
                    )}
                    <CellError message={error("value")} />
                  </td>
                  <td>
                    <select
                      aria-label={t("actions.rows.rowType", { row: singular, n })}
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
                      aria-label={t("actions.rows.rowLabel", { row: singular, n })}
                      value={row.label}
                      disabled={!variable}
                      placeholder={variable ? t("actions.rows.shownToMarketers") : ""}
                      onChange={(e) => update(index, { label: e.target.value })}
                    />
                  </td>
                  <td className="center">
                    <input
                      type="checkbox"
                      aria-label={t("actions.rows.rowRequired", { row: singular, n })}
                      checked={row.required}
                      disabled={!variable || derived || Boolean(locked)}
                      onChange={(e) => update(index, { required: e.target.checked })}
                    />
                  </td>
                  <td className="center">
                    <input
                      type="checkbox"
                      aria-label={t("actions.rows.rowSecret", { row: singular, n })}
                      title={t("actions.rows.secretTitle")}
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
                        aria-label={t("actions.rows.removeRow", { row: singular, n })}
                        disabled={Boolean(locked)}
                        onClick={() => onChange(rows.filter((_, i) => i !== index))}
                      >
                        {t("common.remove")}
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
        <p className="muted">{t("actions.rows.pathParametersNote", { placeholder: "{name}" })}</p>
      ) : (
        <button type="button" onClick={() => onChange([...rows, emptyFieldRow()])}>
          {addText}
        </button>
      )}
    </fieldset>
  );
}

/** What an empty value input says: a stored secret is kept unless a new value is typed. */
function secretPlaceholder(row: FieldRow, t: TFunction): string | undefined {
  if (!row.secret) return undefined;
  return row.stored ? t("actions.rows.valueStored") : t("actions.rows.secretValue");
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
