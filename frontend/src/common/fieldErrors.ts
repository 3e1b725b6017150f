import { ApiError } from "../api/client";
import type { FieldProblem } from "../api/types";
import { problemText } from "../i18n/problems";

/** Server field problems by field path (`url`, `headers.0.name`), joined when one field has several. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  return problemsByField(error.errors);
}

/** One spelling for list indexes: `headers[0].name` and `headers.0.name` both become `headers.0.name`. */
export function normalizeField(field: string): string {
  return field.replace(/\[(\d+)\]/g, ".$1").replace(/^\$\.?/, "");
}

export function problemsByField(problems: FieldProblem[]): FieldErrors {
  const byField: FieldErrors = {};
  for (const problem of problems) {
    const field = normalizeField(problem.field);
    const message = problemText(problem);
    byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
  }
  return byField;
}

/** Problems that name no field shown on the form, so they are listed at the top instead of lost. */
export function unplacedProblems(errors: FieldErrors, shown: (field: string) => boolean): string[] {
  return Object.entries(errors)
    .filter(([field]) => !shown(field))
    .map(([field, message]) => `${field}: ${message}`);
}
