import createClient from "openapi-fetch";

import i18n from "../i18n";
import { problemText } from "../i18n/problems";
import type { paths } from "./schema";
import type { FieldProblem } from "./types";

/** The typed API client; every request carries the session cookie (same origin). */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });

/** An answer other than 2xx, with the server's detail and per-field problems. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: FieldProblem[];
  readonly extra: Record<string, unknown> | undefined;

  constructor(status: number, detail: string, errors: FieldProblem[] = [], extra?: Record<string, unknown>) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.errors = errors;
    this.extra = extra;
  }
}

interface ErrorBody {
  detail?: unknown;
  errors?: unknown;
  extra?: unknown;
}

function toApiError(status: number, body: unknown): ApiError {
  const shaped = (typeof body === "object" && body !== null ? body : {}) as ErrorBody;
  const detail = typeof shaped.detail === "string" ? shaped.detail : i18n.t("common.requestFailed", { status });
  const errors = Array.isArray(shaped.errors)
    ? shaped.errors.filter(
        (e): e is FieldProblem =>
          typeof e === "object" && e !== null && typeof e.field === "string" && typeof e.message === "string",
      )
    : [];
  const extra = typeof shaped.extra === "object" && shaped.extra !== null ? (shaped.extra as Record<string, unknown>) : undefined;
  return new ApiError(status, detail, errors, extra);
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Await an openapi-fetch call and return its data, or throw an ApiError for any non-2xx answer. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (cause) {
    throw new ApiError(0, i18n.t("common.unreachable", { cause: String(cause) }));
  }
  if (!answer.response.ok) {
    throw toApiError(answer.response.status, answer.error);
  }
  return answer.data as T;
}

/** A readable sentence for any error thrown by a query or mutation, in the user's language where the API gave codes. */
export function errorMessage(error: unknown): string {
  // Coded problems are worded here; a problem only the server can word (`invalid`) keeps its detail.
  if (error instanceof ApiError && error.errors.some((problem) => problem.code && problem.code !== "invalid")) {
    return error.errors.map((problem) => `${problem.field}: ${problemText(problem)}`).join("; ");
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
