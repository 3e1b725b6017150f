import { isLosslessNumber, parse as parseLossless } from "lossless-json";
import i18n from "../i18n";

/** A path of a JSON example and its type; the same derivation as the server's `backend/json_fields.py`. */
export interface JsonField {
  path: string;
  type: string;
}

/** Our field type of a JSON value (integer and decimal kept apart; booleans are not numbers). */
export function jsonType(value: unknown): string {
  // A number as written in the text: `1.0` and `1e3` are decimals, as Python reads them on the server.
  if (isLosslessNumber(value)) return /[.eE]/.test(value.value) ? "decimal" : "integer";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "decimal";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "array";
  if (value !== null && typeof value === "object") return "object";
  return "any";
}

/** Every path of `example`: objects recurse, arrays recurse into their first item (`items.0.sku`), containers listed too. */
export function deriveFields(example: unknown, prefix = ""): JsonField[] {
  const fields: JsonField[] = [];
  const visit = (path: string, value: unknown) => {
    fields.push({ path, type: jsonType(value) });
    fields.push(...deriveFields(value, path));
  };
  if (Array.isArray(example)) {
    if (example.length > 0) visit(prefix ? `${prefix}.0` : "0", example[0]);
  } else if (example !== null && typeof example === "object" && !isLosslessNumber(example)) {
    for (const [key, value] of Object.entries(example)) visit(prefix ? `${prefix}.${key}` : key, value);
  }
  return fields;
}

/** The value at a dotted path of an example (array indexes as numbers), or undefined. */
export function valueAt(example: unknown, path: string): unknown {
  let current: unknown = example;
  for (const part of path.split(".")) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (current !== null && typeof current === "object") current = (current as Record<string, unknown>)[part];
    else return undefined;
  }
  return current;
}

/**
 * Parse the text of a JSON textarea: `{ value, fields }` when valid, `{ error }` when not, `{}` when empty.
 * `fields` are typed from the text itself: JavaScript reads `1.0` as the integer 1, the text says decimal.
 */
export function parseJsonText(text: string): { value?: unknown; fields?: JsonField[]; error?: string } {
  if (!text.trim()) return {};
  try {
    return { value: JSON.parse(text) as unknown, fields: deriveFields(parseLossless(text)) };
  } catch (error) {
    return { error: i18n.t("common.notJson", { reason: error instanceof Error ? error.message : String(error) }) };
  }
}
