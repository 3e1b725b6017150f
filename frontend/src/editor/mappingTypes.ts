/**
 * Validate's type table for one mapping row, so the inspector warns while the marketer picks a field.
 * The same rules and wording as the server's `backend/journeys/mapping_types.py`, which Validate and
 * Publish apply; this copy only makes them visible earlier.
 */
import i18n from "../i18n";
import type { ActionVariable } from "./catalog";
import type { Mapping } from "./definition";
import type { FieldOption } from "./fieldPaths";

const ACCEPTS: Record<string, string[]> = {
  string: ["string", "integer", "decimal", "boolean", "dateTime"],
  dateTime: ["dateTime", "string"],
  integer: ["integer"],
  decimal: ["integer", "decimal"],
  boolean: ["boolean"],
  object: ["object"],
  array: ["array"],
};
const TEXT_TYPES = ["string", "dateTime", "any"];
const TYPES = ["string", "dateTime", "integer", "decimal", "boolean", "object", "array"] as const;
type KnownType = (typeof TYPES)[number];

function isKnownType(type: string): type is KnownType {
  return (TYPES as readonly string[]).includes(type);
}

/** "a text", "an integer": the type as the sentences name it; an unknown type keeps its own name. */
function a(type: string): string {
  return isKnownType(type) ? i18n.t(`editor.mapping.a.${type}`) : type;
}

/** "a text field": what to map instead. */
function fieldOf(type: string): string {
  return isKnownType(type) ? i18n.t(`editor.mapping.fieldOf.${type}`) : type;
}
const PLACEHOLDER = /\{\{(.*?)\}\}/gs;

export interface MappingIssue {
  severity: "error" | "warning";
  message: string;
}

/** Whether a variable of type `target` takes a value of type `source` (unknown types always pass). */
export function accepts(target: string, source: string): boolean {
  const allowed = ACCEPTS[target];
  return target === "any" || source === "any" || allowed === undefined || allowed.includes(source);
}

function absentReason(path: string, fields: FieldOption[]): string | undefined {
  const known = fields.find((f) => f.path === path);
  if (known) return known.mayBeMissing;
  if (path.startsWith("profile.")) return i18n.t("editor.mapping.absent.profile");
  return undefined;
}

function absentWarning(variable: ActionVariable, path: string, reason: string): MappingIssue {
  const fix = TEXT_TYPES.includes(variable.type)
    ? i18n.t("editor.mapping.fixWithDefault", { example: `{{ ${path} | default: "…" }}` })
    : i18n.t("editor.mapping.fixRequired");
  return {
    severity: "warning",
    message: i18n.t("editor.mapping.mayBeMissing", { label: variable.label, path, reason, fix }),
  };
}

function constantFits(value: unknown, type: string): boolean {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  switch (type) {
    case "integer":
      return typeof number === "number" && Number.isInteger(number);
    case "decimal":
      return typeof number === "number" && !Number.isNaN(number);
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "dateTime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value));
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return ["string", "number", "boolean"].includes(typeof value);
    default:
      return true;
  }
}

function fieldIssues(variable: ActionVariable, path: string, fields: FieldOption[]): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const found = fields.find((f) => f.path === path)?.type ?? "any";
  if (!accepts(variable.type, found)) {
    const label = variable.label;
    issues.push({
      severity: "error",
      message: i18n.t("editor.mapping.wrongFieldType", {
        label,
        path,
        expected: a(variable.type),
        found: a(found),
        field: fieldOf(variable.type),
      }),
    });
  }
  const reason = absentReason(path, fields);
  if (variable.required && reason) issues.push(absentWarning(variable, path, reason));
  return issues;
}

function templateIssues(variable: ActionVariable, template: string, fields: FieldOption[]): MappingIssue[] {
  const issues: MappingIssue[] = [];
  if (!TEXT_TYPES.includes(variable.type)) {
    issues.push({
      severity: "error",
      message: i18n.t("editor.mapping.templateGivesText", { label: variable.label, expected: a(variable.type) }),
    });
  }
  if (!variable.required) return issues;
  for (const [, inner] of template.matchAll(PLACEHOLDER)) {
    const [path, filter] = (inner ?? "").split("|", 2).map((part) => part.trim());
    const reason = path ? absentReason(path, fields) : undefined;
    if (path && filter === undefined && reason) issues.push(absentWarning(variable, path, reason));
  }
  return issues;
}

/** What Validate will say about `mapping` of `variable`, given the fields the picker offers at this node. */
export function mappingIssues(variable: ActionVariable, mapping: Mapping | undefined, fields: FieldOption[]): MappingIssue[] {
  if (!mapping) return [];
  if (mapping.source === "field") return mapping.field.trim() ? fieldIssues(variable, mapping.field.trim(), fields) : [];
  if (mapping.source === "template") return mapping.template ? templateIssues(variable, mapping.template, fields) : [];
  if (mapping.value === null || mapping.value === "" || ACCEPTS[variable.type] === undefined) return [];
  if (constantFits(mapping.value, variable.type)) return [];
  return [
    {
      severity: "error",
      message: i18n.t("editor.mapping.wrongConstant", {
        label: variable.label,
        expected: a(variable.type),
        value: JSON.stringify(mapping.value),
      }),
    },
  ];
}
