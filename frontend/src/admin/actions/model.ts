import type { AuthType, FieldType, Method } from "../../api/types";

/** Choices the action form offers; their types come from the generated wire shapes. */

export const METHODS: readonly Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
export const BODY_METHODS: readonly Method[] = ["POST", "PUT", "PATCH"];
export const FIELD_TYPES: readonly FieldType[] = [
  "string",
  "integer",
  "decimal",
  "boolean",
  "dateTime",
  "object",
  "array",
  "any",
];

/** Authentication types in the order the form offers them (their names are in the catalogs). */
export const AUTH_TYPES: readonly AuthType[] = ["none", "basic", "apiKey", "bearer", "oauth2ClientCredentials"];

/** The write-only field of each authentication type. */
export const SECRET_FIELD: Record<AuthType, "password" | "value" | "token" | "clientSecret" | null> = {
  none: null,
  basic: "password",
  apiKey: "value",
  bearer: "token",
  oauth2ClientCredentials: "clientSecret",
};
