import de from "./de.json";
import en from "./en.json";
import { browserLocale, pickLocale } from "./locale";
import i18n from "./index";

type Catalog = { [key: string]: string | Catalog };

/** Every leaf of a catalog as `a.b.c` → text. */
function leaves(catalog: Catalog, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(path, value);
    else for (const [inner, text] of leaves(value, path)) found.set(inner, text);
  }
  return found;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();

const english = leaves(en);
const german = leaves(de);

describe("catalogs", () => {
  it("have the same keys in English and German", () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("have no empty text", () => {
    const empty = [...english, ...german].filter(([, text]) => text.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it("use the same interpolation variables per key", () => {
    const differing = [...english].filter(([key, text]) => {
      const other = german.get(key);
      return other !== undefined && variables(other).join() !== variables(text).join();
    });
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it("name the palette groups as the German Journey Optimizer docs do", () => {
    expect(de.palette.groups).toEqual({ events: "Ereignisse", orchestration: "Orchestrierung", action: "Aktion" });
    expect(de.kinds).toMatchObject({ condition: "Bedingung", wait: "Warten", end: "Ende" });
  });
});

describe("the library's plurals and interpolation", () => {
  it("picks the plural form per language", async () => {
    expect(i18n.t("editor.problemCount", { count: 1, lng: "en" })).toBe("1 problem");
    expect(i18n.t("editor.problemCount", { count: 3, lng: "en" })).toBe("3 problems");
    expect(i18n.t("editor.problemCount", { count: 3, lng: "de" })).toBe("3 Probleme");
    expect(i18n.t("editor.summary.branches", { count: 1, lng: "de" })).toBe("1 Zweig + sonst");
  });

  it("lower-cases a label inside an English sentence only", () => {
    expect(i18n.t("actions.rows.removeRow", { row: "Header", n: 1, lng: "en" })).toBe("Remove header 1");
    expect(i18n.t("actions.rows.removeRow", { row: "Header", n: 1, lng: "de" })).toBe("Header 1 entfernen");
    expect(i18n.t("inspector.rules.remove", { label: "Branch 1 rule 2", lng: "en" })).toBe("Remove branch 1 rule 2");
  });

  it("fills variables without escaping what React escapes anyway", () => {
    expect(i18n.t("journeys.confirmDelete", { name: "A & B", lng: "de" })).toBe(
      "Die Journey „A & B“ löschen? Das lässt sich nicht rückgängig machen.",
    );
  });
});

describe("choosing the language", () => {
  it("prefers the saved choice, then the browser's languages, then English", () => {
    expect(pickLocale("de", ["en-US"])).toBe("de");
    expect(pickLocale(null, ["fr-FR", "de-AT", "en"])).toBe("de");
    expect(pickLocale(undefined, ["fr", "es"])).toBe("en");
    expect(pickLocale("xx", ["en-GB"])).toBe("en");
    expect(browserLocale([])).toBeNull();
  });

  it("keeps <html lang> on the current language", async () => {
    await i18n.changeLanguage("de");
    expect(document.documentElement.lang).toBe("de");
    await i18n.changeLanguage("en");
    expect(document.documentElement.lang).toBe("en");
  });
});
