/** A field problem from the API in the user's language, from its stable `code` and `params`. */
import type { FieldProblem } from "../api/types";
import i18n from "./index";
import type en from "./en.json";

type ProblemCode = keyof typeof en.problems extends infer K
  ? K extends `${infer Base}_${"one" | "other"}`
    ? Base
    : K
  : never;

const PLURAL_PARAM: Partial<Record<ProblemCode, string>> = {
  tooShort: "min",
  tooLong: "max",
  tooFewItems: "min",
  tooManyItems: "max",
};

function isKnown(code: string): code is ProblemCode {
  return i18n.exists(`problems.${code}`) || i18n.exists(`problems.${code}_other`);
}

/** The sentence for one problem; a code the catalogs do not know (`invalid`) shows the server's own text. */
export function problemText(problem: Pick<FieldProblem, "code" | "message" | "params">): string {
  const code = problem.code ?? "invalid";
  if (!isKnown(code)) return problem.message;
  const params = { ...(problem.params ?? {}) };
  const countParam = PLURAL_PARAM[code];
  const count = countParam ? Number(params[countParam]) : undefined;
  return i18n.t(`problems.${code}`, { ...params, ...(count === undefined ? {} : { count }) });
}
