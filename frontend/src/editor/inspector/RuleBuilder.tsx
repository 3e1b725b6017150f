/** Builds a rule group: rules of field, operator and value, combined with all/any, groups nested. */
import { useTranslation } from "react-i18next";

import type { Operator, Rule, RuleGroup } from "../definition";
import { emptyGroup } from "../definition";
import type { FieldGroup } from "../fieldPaths";
import { FieldPicker } from "./FieldPicker";

/** Operators in the order the picker offers them; their words are in the catalogs (`inspector.operators`). */
const OPERATORS: readonly Operator[] = [
  "equals", "notEquals", "greaterThan", "greaterOrEqual", "lessThan", "lessOrEqual", "contains", "notContains",
  "startsWith", "endsWith", "in", "notIn", "exists", "notExists",
];

const NUMERIC: ReadonlySet<Operator> = new Set(["greaterThan", "greaterOrEqual", "lessThan", "lessOrEqual"]);
const NO_VALUE: ReadonlySet<Operator> = new Set(["exists", "notExists"]);

/** Typed value of what the marketer typed: numbers for comparisons and numeric fields, lists for in. */
export function coerceValue(raw: string, operator: Operator, fieldType: string): unknown {
  if (NO_VALUE.has(operator)) return null;
  if (operator === "in" || operator === "notIn") {
    return raw.split(",").map((part) => coerceValue(part.trim(), "equals", fieldType));
  }
  const numeric = NUMERIC.has(operator) || fieldType === "integer" || fieldType === "decimal";
  if (numeric && raw.trim() !== "" && !Number.isNaN(Number(raw))) return Number(raw);
  if (fieldType === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

export function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(valueText).join(", ");
  return String(value);
}

function fieldType(groups: FieldGroup[], path: string): string {
  for (const group of groups) {
    const found = group.options.find((o) => o.path === path);
    if (found) return found.type;
  }
  return "string";
}

function RuleRow({ rule, label, groups, onChange, onRemove }: {
  rule: Rule;
  label: string;
  groups: FieldGroup[];
  onChange: (rule: Rule) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const type = fieldType(groups, rule.field);
  return (
    <li className="rule">
      <FieldPicker label={t("inspector.rules.field", { label })} value={rule.field} groups={groups}
        onChange={(field) => onChange({ ...rule, field })} />
      <select aria-label={t("inspector.rules.operator", { label })} value={rule.operator}
        onChange={(e) => {
          const operator = e.target.value as Operator;
          onChange({ ...rule, operator, value: coerceValue(valueText(rule.value), operator, type) });
        }}>
        {OPERATORS.map((op) => <option key={op} value={op}>{t(`inspector.operators.${op}`)}</option>)}
      </select>
      {!NO_VALUE.has(rule.operator) && (
        <input aria-label={t("inspector.rules.value", { label })} value={valueText(rule.value)}
          placeholder={rule.operator === "in" || rule.operator === "notIn" ? t("inspector.rules.listPlaceholder") : t("inspector.rules.valuePlaceholder")}
          onChange={(e) => onChange({ ...rule, value: coerceValue(e.target.value, rule.operator, type) })} />
      )}
      <button type="button" className="icon-button" aria-label={t("inspector.rules.remove", { label })} onClick={onRemove}>×</button>
    </li>
  );
}

interface RuleBuilderProps {
  label: string;
  group: RuleGroup;
  groups: FieldGroup[];
  onChange: (group: RuleGroup) => void;
  onRemove?: () => void;
}

/** A group editor; `label` prefixes every control's accessible name ("Branch 1 rule 2 field"). */
export function RuleBuilder({ label, group, groups, onChange, onRemove }: RuleBuilderProps) {
  const { t } = useTranslation();
  const setRule = (index: number, rule: Rule) =>
    onChange({ ...group, rules: group.rules.map((r, i) => (i === index ? rule : r)) });
  const setGroup = (index: number, inner: RuleGroup) =>
    onChange({ ...group, groups: group.groups.map((g, i) => (i === index ? inner : g)) });
  return (
    <fieldset className="rule-group">
      <legend>
        <select aria-label={t("inspector.rules.match", { label })} value={group.match}
          onChange={(e) => onChange({ ...group, match: e.target.value as RuleGroup["match"] })}>
          <option value="all">{t("inspector.rules.all")}</option>
          <option value="any">{t("inspector.rules.any")}</option>
        </select>
        {onRemove && (
          <button type="button" className="link-button" onClick={onRemove}>{t("inspector.rules.removeGroup")}</button>
        )}
      </legend>
      <ul className="rules">
        {group.rules.map((rule, index) => (
          <RuleRow key={index} rule={rule} label={t("inspector.rules.rule", { label, n: index + 1 })} groups={groups}
            onChange={(r) => setRule(index, r)}
            onRemove={() => onChange({ ...group, rules: group.rules.filter((_, i) => i !== index) })} />
        ))}
      </ul>
      {group.groups.map((inner, index) => (
        <RuleBuilder key={index} label={t("inspector.rules.group", { label, n: index + 1 })} group={inner} groups={groups}
          onChange={(g) => setGroup(index, g)}
          onRemove={() => onChange({ ...group, groups: group.groups.filter((_, i) => i !== index) })} />
      ))}
      <div className="rule-actions">
        <button type="button" className="link-button"
          onClick={() => onChange({ ...group, rules: [...group.rules, { field: "", operator: "equals", value: "" }] })}>
          {t("inspector.rules.addRule")}
        </button>
        <button type="button" className="link-button"
          onClick={() => onChange({ ...group, groups: [...group.groups, emptyGroup()] })}>
          {t("inspector.rules.addGroup")}
        </button>
      </div>
    </fieldset>
  );
}
