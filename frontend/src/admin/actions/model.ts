import type { Schemas } from "../../api/client";

/** Wire shapes of custom actions (generated from the server's OpenAPI). */
export type ActionOut = Schemas["ActionOut"];
export type ActionInput = Schemas["ActionInput"];
export type ActionField = Schemas["ActionField"];
export type PayloadField = Schemas["PayloadField"];
export type TestResult = Schemas["TestResult"];
export type Method = ActionInput["method"];
export type FieldKind = NonNullable<ActionField["kind"]>;
export type FieldType = NonNullable<ActionField["type"]>;
export type Authentication = NonNullable<ActionInput["authentication"]>;
export type AuthType = Authentication["type"];

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

export const AUTH_LABELS: Record<AuthType, string> = {
  none: "None",
  basic: "Basic",
  apiKey: "API key",
  bearer: "Bearer token",
  oauth2ClientCredentials: "OAuth2 client credentials",
};

/** The write-only field of each authentication type. */
export const SECRET_FIELD: Record<AuthType, "password" | "value" | "token" | "clientSecret" | null> = {
  none: null,
  basic: "password",
  apiKey: "value",
  bearer: "token",
  oauth2ClientCredentials: "clientSecret",
};
