import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import i18next from "eslint-plugin-i18next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores(["dist", "node_modules", "src/api/schema.d.ts"]),
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { ecmaVersion: 2023, globals: globals.browser },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Every text a person reads comes from the catalogs in src/i18n (English and German): a literal in JSX,
    // as text or in an attribute people read (aria-label, title, placeholder, label…), fails the lint.
    files: ["src/**/*.tsx"],
    ignores: ["src/**/*.test.tsx", "src/**/__tests__/**"],
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": {
            exclude: [
              "className", "style", "type", "key", "id", "width", "height", "to", "href", "htmlFor", "name",
              "role", "autoComplete", "accept", "value", "position", "step", "rel", "target", "data-testid",
              "selectionKeyCode", "multiSelectionKeyCode", "inputMode", "method", "aria-live", "errorPrefix", "group",
            ],
          },
          // Symbols and code shown as code are not words to translate.
          words: { exclude: ["[0-9!-/:-@[-`{-~\\s·×↶↷−…—≥≤*]+", "\\{\\{ event\\.email \\}\\}", "https?://\\S+"] },
          // Calls whose string arguments are keys or field paths, not text.
          // Keys of wire shapes (`{ source: "field" }`) are data, not text.
          "object-properties": { exclude: ["source", "kind", "type"] },
          callees: { exclude: ["t", "button", "set", "update", "i18n(ext)?", "error", "includes", "startsWith", "endsWith"] },
        },
      ],
    },
  },
  {
    files: ["*.config.{js,ts}"],
    languageOptions: { globals: globals.node },
  },
]);
