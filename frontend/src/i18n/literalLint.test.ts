// @vitest-environment node
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";

/** The project's own ESLint config, run on snippets as if they were components under src/. */
const eslint = new ESLint({ cwd: fileURLToPath(new URL("../..", import.meta.url)) });

async function literalProblems(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: "src/Sample.tsx" });
  return (result?.messages ?? []).filter((m) => m.ruleId === "i18next/no-literal-string").map((m) => m.message);
}

describe("the no-literal-string lint rule", { timeout: 30_000 }, () => {
  it("fails on text a person reads written into JSX", async () => {
    const component = (jsx: string) => `export function Sample() {\n  return ${jsx};\n}\n`;
    expect(await literalProblems(component('<button type="button">Save</button>'))).toHaveLength(1);
    expect(await literalProblems(component('<input aria-label="Search" />'))).toHaveLength(1);
    expect(await literalProblems(component('<input placeholder="Filter steps" />'))).toHaveLength(1);
    expect(await literalProblems(component('<Field label="Name"><input /></Field>'))).toHaveLength(1);
  });

  it("lets catalog lookups, class names and symbols through", async () => {
    const code = [
      'import { useTranslation } from "react-i18next";',
      "export function D() {",
      "  const { t } = useTranslation();",
      '  return <button type="button" className="primary" aria-label={t("editor.undo")}>↶ {t("editor.save")}</button>;',
      "}",
      "",
    ].join("\n");
    expect(await literalProblems(code)).toEqual([]);
  });
});
