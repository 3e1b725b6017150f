/** The one i18next instance: English and German catalogs, plurals and interpolation by the library. */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import de from "./de.json";
import en from "./en.json";
import { DEFAULT_LOCALE, LOCALES, pickLocale } from "./locale";

export const resources = { en: { translation: en }, de: { translation: de } } as const;

function browserLanguages(): readonly string[] {
  return typeof navigator === "undefined" ? [] : navigator.languages ?? [navigator.language];
}

/** `<html lang>` follows the language, so screen readers and hyphenation speak it too. */
function followInHtml(lng: string): void {
  if (typeof document !== "undefined") document.documentElement.lang = lng;
}

i18n.on("languageChanged", followInHtml);
// English lower-cases a label inside a sentence ("Remove header 1"); German keeps its nouns capitalised.
i18n.on("initialized", () => i18n.services.formatter?.add("lowercase", (value: unknown) => String(value).toLowerCase()));

void i18n.use(initReactI18next).init({
  resources,
  lng: pickLocale(null, browserLanguages()),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALES,
  // React escapes what it renders; escaping here too would show "&amp;" in names.
  interpolation: { escapeValue: false },
});

/** Switch to the user's saved language (or back to the browser's when none is saved). */
export function applySavedLocale(saved: string | null | undefined): void {
  const lng = pickLocale(saved, browserLanguages());
  if (i18n.language !== lng) void i18n.changeLanguage(lng);
}

export default i18n;
