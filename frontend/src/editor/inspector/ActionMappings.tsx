/** Maps every variable of a custom action to a constant, a context field or a `{{ … }}` template. */
import { useTranslation } from "react-i18next";

import { actionVariables, type ActionVariable, type CatalogAction } from "../catalog";
import type { ActionMappings, Mapping } from "../definition";
import type { FieldGroup } from "../fieldPaths";
import { mappingIssues } from "../mappingTypes";
import { FieldPicker } from "./FieldPicker";

const SECTIONS: readonly ActionVariable["section"][] = ["pathParameters", "headers", "queryParameters", "payload"];

/** A constant typed as the variable's type when the text allows it. */
export function constantValue(raw: string, type: string): unknown {
  if ((type === "integer" || type === "decimal") && raw.trim() !== "" && !Number.isNaN(Number(raw))) {
    return Number(raw);
  }
  if (type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  if ((type === "object" || type === "array") && raw.trim() !== "") {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

function constantText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function emptyMapping(source: Mapping["source"]): Mapping {
  if (source === "field") return { source, field: "" };
  if (source === "template") return { source, template: "" };
  return { source, value: "" };
}

function MappingRow({ variable, mapping, groups, onChange }: {
  variable: ActionVariable;
  mapping: Mapping | undefined;
  groups: FieldGroup[];
  onChange: (mapping: Mapping | undefined) => void;
}) {
  const { t } = useTranslation();
  const label = variable.label;
  const issues = mappingIssues(variable, mapping, groups.flatMap((g) => g.options));
  return (
    <li className="mapping" role="group" aria-label={label}>
      <div className="mapping-title">
        <span>{label}</span>
        {variable.required && <abbr title={t("inspector.mappings.required")} className="required">*</abbr>}
        <small>{variable.type}</small>
      </div>
      <select aria-label={t("inspector.mappings.sourceOf", { label })} value={mapping?.source ?? ""}
        onChange={(e) => onChange(e.target.value ? emptyMapping(e.target.value as Mapping["source"]) : undefined)}>
        <option value="">{t("inspector.mappings.notMapped")}</option>
        <option value="constant">{t("common.constant")}</option>
        <option value="field">{t("common.field")}</option>
        <option value="template">{t("inspector.mappings.template")}</option>
      </select>
      {mapping?.source === "constant" && (
        <input aria-label={t("inspector.mappings.valueOf", { label })} value={constantText(mapping.value)}
          onChange={(e) => onChange({ source: "constant", value: constantValue(e.target.value, variable.type) })} />
      )}
      {mapping?.source === "field" && (
        <FieldPicker label={t("inspector.mappings.fieldFor", { label })} value={mapping.field} groups={groups}
          onChange={(field) => onChange({ source: "field", field })} />
      )}
      {mapping?.source === "template" && (
        <textarea aria-label={t("inspector.mappings.templateFor", { label })} value={mapping.template} rows={2}
          placeholder={t("inspector.mappings.templatePlaceholder", { example: "{{ profile.firstName }}" })}
          onChange={(e) => onChange({ source: "template", template: e.target.value })} />
      )}
      {issues.map((issue) => (
        <p key={issue.message} className={`mapping-issue ${issue.severity}`} role={issue.severity === "error" ? "alert" : "note"}>
          <strong>{t(issue.severity === "error" ? "inspector.mappings.problem" : "inspector.mappings.warning")}</strong> {issue.message}
        </p>
      ))}
    </li>
  );
}

interface ActionMappingsEditorProps {
  action: CatalogAction | undefined;
  mappings: ActionMappings;
  groups: FieldGroup[];
  onChange: (mappings: ActionMappings, key: string) => void;
}

export function ActionMappingsEditor({ action, mappings, groups, onChange }: ActionMappingsEditorProps) {
  const { t } = useTranslation();
  const variables = actionVariables(action);
  if (!action) return <p className="muted">{t("inspector.mappings.actionGone")}</p>;
  if (variables.length === 0) return <p className="muted">{t("inspector.mappings.noVariables")}</p>;
  const sections = SECTIONS.filter((s) =>
    variables.some((v) => v.section === s),
  );
  const update = (variable: ActionVariable, mapping: Mapping | undefined) => {
    const section = { ...(mappings[variable.section] ?? {}) };
    if (mapping) section[variable.key] = mapping;
    else delete section[variable.key];
    onChange({ ...mappings, [variable.section]: section }, `${variable.section}:${variable.key}`);
  };
  return (
    <div className="mappings">
      <p className="muted">
        {t("inspector.mappings.helpBefore")} <code>{"{{ event.email }}"}</code> {t("inspector.mappings.helpAfter")}
      </p>
      {sections.map((section) => (
        <section key={section} aria-label={t(`inspector.mappings.${section}`)}>
          <h4>{t(`inspector.mappings.${section}`)}</h4>
          <ul>
            {variables
              .filter((v) => v.section === section)
              .map((v) => (
                <MappingRow key={v.key} variable={v} mapping={mappings[section]?.[v.key]} groups={groups}
                  onChange={(m) => update(v, m)} />
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
