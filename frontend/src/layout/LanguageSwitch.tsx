/** The user menu's language choice; it is saved on the user, so it follows them to every browser. */
import { useTranslation } from "react-i18next";

import { useSetLocale } from "../auth/session";
import { LOCALES, type Locale } from "../i18n/locale";

export default function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setLocale = useSetLocale();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t("app.language")}</span>
      <select
        value={i18n.resolvedLanguage ?? i18n.language}
        disabled={setLocale.isPending}
        onChange={(e) => setLocale.mutate(e.target.value as Locale)}
      >
        {LOCALES.map((locale) => (
          // Each language is named in itself, so people find theirs whatever the UI speaks now.
          <option key={locale} value={locale} lang={locale}>
            {t(`languages.${locale}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
