/**
 * Validate's type table for one mapping row, so the inspector warns while the marketer picks a field.
 * The same rules and wording as the server's `backend/journeys/mapping_types.py`, which Validate and
 * Publish apply; this copy only makes them visible earlier.
 */
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
const A: Record<string, string> = {
  string: "a text",
  dateTime: "a date-time",
  integer: "an integer",
  decimal: "a decimal",
  boolean: "a boolean",
  object: "an object",
  array: "a list",
};
const FIELD_OF: Record<string, string> = {
  string: "a text field",
  dateTime: "a date-time field",
  integer: "a whole-number field",
  decimal: "a number field",
  boolean: "a true/false field",
  object: "an object field",
  array: "a list field",
};
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
  if (path.startsWith("profile.")) return "not every profile has this attribute";
  return undefined;
}

function absentWarning(variable: ActionVariable, path: string, reason: string): MappingIssue {
  const fix = TEXT_TYPES.includes(variable.type)
    ? `use a template with a default, e.g. {{ ${path} | default: "…" }}`
    : "ask a technical user to make the source required or the variable optional";
  return {
    severity: "warning",
    message: `${variable.label} is required, but ${path} may be missing (${reason}), and then the call fails: ${fix}`,
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
      message:
        `${label} expects ${A[variable.type]}, but ${path} is ${A[found] ?? found}: map ${FIELD_OF[variable.type]}, ` +
        `or ask a technical user to make ${label} ${A[found] ?? found}`,
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
      message: `${variable.label} expects ${A[variable.type] ?? variable.type}, but a template always gives text: use a field mapping`,
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
      message: `${variable.label} expects ${A[variable.type]}, but the constant ${JSON.stringify(mapping.value)} is not one`,
    },
  ];
}
