/** Builds a rule group: rules of field, operator and value, combined with all/any, groups nested. */
import type { Operator, Rule, RuleGroup } from "../definition";
import { emptyGroup } from "../definition";
import type { FieldGroup } from "../fieldPaths";
import { FieldPicker } from "./FieldPicker";

const OPERATORS: { value: Operator; label: string }[] = [
  { value: "equals", label: "equals" },
  { value: "notEquals", label: "does not equal" },
  { value: "greaterThan", label: ">" },
  { value: "greaterOrEqual", label: "≥" },
  { value: "lessThan", label: "<" },
  { value: "lessOrEqual", label: "≤" },
  { value: "contains", label: "contains" },
  { value: "notContains", label: "does not contain" },
  { value: "startsWith", label: "starts with" },
  { value: "endsWith", label: "ends with" },
  { value: "in", label: "is one of" },
  { value: "notIn", label: "is none of" },
  { value: "exists", label: "exists" },
  { value: "notExists", label: "does not exist" },
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
  const type = fieldType(groups, rule.field);
  return (
    <li className="rule">
      <FieldPicker label={`${label} field`} value={rule.field} groups={groups}
        onChange={(field) => onChange({ ...rule, field })} />
      <select aria-label={`${label} operator`} value={rule.operator}
        onChange={(e) => {
          const operator = e.target.value as Operator;
          onChange({ ...rule, operator, value: coerceValue(valueText(rule.value), operator, type) });
        }}>
        {OPERATORS.map((op) => <option key={op.value} value={op.value}>{op.label}</option>)}
      </select>
      {!NO_VALUE.has(rule.operator) && (
        <input aria-label={`${label} value`} value={valueText(rule.value)}
          placeholder={rule.operator === "in" || rule.operator === "notIn" ? "a, b, c" : "value"}
          onChange={(e) => onChange({ ...rule, value: coerceValue(e.target.value, rule.operator, type) })} />
      )}
      <button type="button" className="icon-button" aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}>×</button>
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
  const setRule = (index: number, rule: Rule) =>
    onChange({ ...group, rules: group.rules.map((r, i) => (i === index ? rule : r)) });
  const setGroup = (index: number, inner: RuleGroup) =>
    onChange({ ...group, groups: group.groups.map((g, i) => (i === index ? inner : g)) });
  return (
    <fieldset className="rule-group">
      <legend>
        <select aria-label={`${label} match`} value={group.match}
          onChange={(e) => onChange({ ...group, match: e.target.value as RuleGroup["match"] })}>
          <option value="all">All of these (and)</option>
          <option value="any">Any of these (or)</option>
        </select>
        {onRemove && (
          <button type="button" className="link-button" onClick={onRemove}>Remove group</button>
        )}
      </legend>
      <ul className="rules">
        {group.rules.map((rule, index) => (
          <RuleRow key={index} rule={rule} label={`${label} rule ${index + 1}`} groups={groups}
            onChange={(r) => setRule(index, r)}
            onRemove={() => onChange({ ...group, rules: group.rules.filter((_, i) => i !== index) })} />
        ))}
      </ul>
      {group.groups.map((inner, index) => (
        <RuleBuilder key={index} label={`${label} group ${index + 1}`} group={inner} groups={groups}
          onChange={(g) => setGroup(index, g)}
          onRemove={() => onChange({ ...group, groups: group.groups.filter((_, i) => i !== index) })} />
      ))}
      <div className="rule-actions">
        <button type="button" className="link-button"
          onClick={() => onChange({ ...group, rules: [...group.rules, { field: "", operator: "equals", value: "" }] })}>
          Add rule
        </button>
        <button type="button" className="link-button"
          onClick={() => onChange({ ...group, groups: [...group.groups, emptyGroup()] })}>
          Add group
        </button>
      </div>
    </fieldset>
  );
}
