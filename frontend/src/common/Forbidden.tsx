import { useTranslation } from "react-i18next";

/** Shown when the signed-in user's role may not open a page. */
export default function Forbidden({ area }: { area: string }) {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <h1>{t("app.forbiddenTitle")}</h1>
      <p role="alert">{t("app.forbiddenText", { area })}</p>
    </main>
  );
}
