/** Which language the UI speaks: the user's saved choice, else the browser's, else English. */
export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** The first supported language among the browser's (`de-AT` counts as `de`), else null. */
export function browserLocale(languages: readonly string[]): Locale | null {
  for (const tag of languages) {
    const base = tag.toLowerCase().split("-")[0] ?? "";
    if (isLocale(base)) return base;
  }
  return null;
}

/** A saved choice wins over the browser (navigator.languages, which the browser also sends as Accept-Language). */
export function pickLocale(saved: string | null | undefined, languages: readonly string[]): Locale {
  if (saved && isLocale(saved)) return saved;
  return browserLocale(languages) ?? DEFAULT_LOCALE;
}
