import type { FieldType } from "../../api/types";

/** The text a form input shows for a stored value. */
export function valueToText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * The JSON value typed text stands for. Text that does not parse is sent as it is, so the server's
 * validation names the field and says what is wrong; an empty input is null.
 */
export function textToValue(text: string, type: FieldType): unknown {
  if (text === "") return null;
  switch (type) {
    case "string":
    case "dateTime":
      return text;
    case "integer":
    case "decimal": {
      const number = Number(text.trim());
      return text.trim() !== "" && Number.isFinite(number) ? number : text;
    }
    case "boolean":
      return text === "true" ? true : text === "false" ? false : text;
    case "object":
    case "array":
    case "any":
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
  }
}
