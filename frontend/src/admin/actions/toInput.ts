import i18n from "../../i18n";
import type { FieldErrors } from "../../common/fieldErrors";
import { parseJsonText } from "../../common/jsonFields";
import type { ActionForm, AuthForm, FieldRow, PayloadRow } from "./form";
import type { ActionField, ActionInput, Authentication, PayloadField } from "../../api/types";
import { BODY_METHODS, SECRET_FIELD } from "./model";
import { textToValue } from "./values";

/** The request body to save, the field paths declared in it (in order), and problems found before sending. */
export interface PreparedAction {
  input: ActionInput;
  payloadPaths: string[];
  problems: FieldErrors;
}

/** A header or query parameter as sent; a stored secret left empty is sent as null, which keeps it. */
function fieldOf(row: FieldRow): ActionField {
  const variable = row.kind === "variable";
  const secret = !variable && row.secret;
  const keep = secret && row.stored && row.value === "";
  return {
    name: row.name.trim(),
    kind: row.kind,
    value: variable || keep ? null : textToValue(row.value, row.type),
    type: row.type,
    label: row.label.trim() || null,
    required: row.required,
    secret,
  };
}

function payloadFieldOf(row: PayloadRow): PayloadField {
  const variable = row.use === "variable";
  return {
    path: row.path,
    kind: variable ? "variable" : "constant",
    value: variable ? null : textToValue(row.value, row.type),
    type: row.type,
    label: row.label.trim() || null,
    required: row.required,
    allowNull: variable && row.allowNull,
  };
}

/** Paths of the rows that are set (constant or variable), i.e. sent as the payload's `fields`. */
export function declaredPayloadRows(rows: PayloadRow[]): PayloadRow[] {
  return rows.filter((row) => row.use !== "example");
}

/** The authentication as sent; a secret left as `null` keeps the stored one. */
export function authenticationOf(auth: AuthForm, storedType: ActionForm["storedAuthType"]): Authentication {
  const keep = auth.secret === null && storedType === auth.type;
  const secret = keep ? null : (auth.secret ?? "");
  switch (auth.type) {
    case "none":
      return { type: "none" };
    case "basic":
      return { type: "basic", username: auth.username, password: secret };
    case "apiKey":
      return { type: "apiKey", name: auth.name, value: secret, location: auth.location };
    case "bearer":
      return { type: "bearer", token: secret };
    case "oauth2ClientCredentials":
      return {
        type: "oauth2ClientCredentials",
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        clientSecret: secret,
        scope: auth.scope.trim() || null,
      };
  }
}

/** A number typed into an input, or the raw text so the server names the field when it is not one. */
function numberOf(text: string): number {
  const number = Number(text);
  return (text.trim() !== "" && Number.isFinite(number) ? number : text) as number;
}

/** Turn the editor's state into the body of POST/PUT /api/actions. */
export function prepareAction(form: ActionForm): PreparedAction {
  const problems: FieldErrors = {};
  const hasBody = BODY_METHODS.includes(form.method);
  const request = parseJsonText(form.requestExample);
  const response = parseJsonText(form.responseExample);
  if (hasBody && request.error) problems["requestPayload.example"] = request.error;
  if (response.error) problems["responsePayload.example"] = response.error;
  const declared = hasBody && request.value !== undefined ? declaredPayloadRows(form.payloadRows) : [];
  const secretField = SECRET_FIELD[form.auth.type];
  if (secretField && form.auth.secret === "" && form.storedAuthType !== form.auth.type) {
    problems[`authentication.${secretField}`] = i18n.t("common.isRequired");
  }
  const input: ActionInput = {
    name: form.name.trim(),
    description: form.description,
    method: form.method,
    url: form.url.trim(),
    headers: form.headers.map(fieldOf),
    queryParameters: form.queryParameters.map(fieldOf),
    pathParameters: form.pathParameters.map((row) => ({ ...fieldOf(row), required: true, secret: false })),
    authentication: authenticationOf(form.auth, form.storedAuthType),
    requestPayload:
      hasBody && request.value !== undefined ? { example: request.value, fields: declared.map(payloadFieldOf) } : null,
    bodyEncoding: form.bodyEncoding,
    responsePayload: response.value !== undefined ? { example: response.value } : null,
    timeoutMs: numberOf(form.timeoutMs),
    followRedirects: form.followRedirects,
    maxRetries: numberOf(form.maxRetries),
    capping: { maxCalls: numberOf(form.cappingMaxCalls), periodSeconds: numberOf(form.cappingPeriodSeconds) },
    throttling: form.throttlingPerSecond.trim()
      ? {
          maxCallsPerSecond: numberOf(form.throttlingPerSecond),
          maxWaitSeconds: numberOf(form.throttlingMaxWaitSeconds),
        }
      : null,
  };
  return { input, payloadPaths: declared.map((row) => row.path), problems };
}
