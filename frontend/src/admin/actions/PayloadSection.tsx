import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
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
      <legend>{t("actions.payload.request")}</legend>
      <Field
        label={t("actions.payload.requestExample")}
        error={parsed.error ?? errors["requestPayload.example"] ?? errors["requestPayload"]}
        hint={t("actions.payload.requestHint")}
      >
        <textarea rows={6} spellCheck={false} className="code" value={example} onChange={(e) => changeExample(e.target.value)} />
      </Field>
      {rows.length > 0 && (
        <table className="table compact">
          <caption className="visually-hidden">{t("actions.payload.requestFields")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("common.field")}</th>
              <th scope="col">{t("actions.payload.filledWith")}</th>
              <th scope="col">{t("common.value")}</th>
              <th scope="col">{t("common.type")}</th>
              <th scope="col">{t("common.label")}</th>
              <th scope="col">{t("common.required")}</th>
              <th scope="col" title={t("actions.payload.nullTitle")}>
                {t("actions.payload.null")}
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
                      <span className="muted">{t("actions.payload.setWith", { path: covered })}</span>
                    ) : (
                      <select
                        aria-label={t("actions.payload.fieldFilledWith", { path: row.path })}
                        value={row.use}
                        disabled={Boolean(locked)}
                        onChange={(e) => update(row.path, { use: e.target.value as PayloadUse })}
                      >
                        <option value="example">{t("actions.payload.exampleValue")}</option>
                        <option value="constant">{t("common.constant")}</option>
                        <option value="variable">{t("common.variable")}</option>
                      </select>
                    )}
                  </td>
                  <td>
                    {row.use === "constant" && !covered ? (
                      <input
                        aria-label={t("actions.payload.fieldValue", { path: row.path })}
                        value={row.value}
                        aria-invalid={error("value") ? true : undefined}
                        onChange={(e) => update(row.path, { value: e.target.value })}
                      />
                    ) : (
                      <span className="muted code">{variable ? t("common.mappedInJourney") : row.value}</span>
                    )}
                    <CellError message={error("value")} />
                  </td>
                  <td>
                    <select
                      aria-label={t("actions.payload.fieldType", { path: row.path })}
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
                      aria-label={t("actions.payload.fieldLabel", { path: row.path })}
                      value={row.label}
                      disabled={!variable || Boolean(covered)}
                      onChange={(e) => update(row.path, { label: e.target.value })}
                    />
                  </td>
                  <td className="center">
                    <input
                      type="checkbox"
                      aria-label={t("actions.payload.fieldRequired", { path: row.path })}
                      checked={row.required}
                      disabled={!variable || Boolean(covered) || Boolean(locked)}
                      onChange={(e) => update(row.path, { required: e.target.checked })}
                    />
                  </td>
                  <td className="center">
                    <input
                      type="checkbox"
                      aria-label={t("actions.payload.fieldAllowsNull", { path: row.path })}
                      title={t("actions.payload.allowNullTitle")}
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
  const { t } = useTranslation();
  const { parsed, fields } = useMemo(() => {
    const result = parseJsonText(props.example);
    return { parsed: result, fields: result.fields ?? [] };
  }, [props.example]);
  return (
    <fieldset className="section">
      <legend>{t("actions.payload.response")}</legend>
      <Field
        label={t("actions.payload.responseExample")}
        error={parsed.error ?? props.error}
        hint={t("actions.payload.responseHint")}
      >
        <textarea rows={5} spellCheck={false} className="code" value={props.example} onChange={(e) => props.onChange(e.target.value)} />
      </Field>
      {fields.length > 0 && (
        <ul className="field-list" aria-label={t("actions.payload.responseFields")}>
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
