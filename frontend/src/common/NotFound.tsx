import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** A client route that matches nothing. */
export default function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <h1>{t("app.notFoundTitle")}</h1>
      <p>
        {t("app.notFoundText")} <Link to="/journeys">{t("app.goToJourneys")}</Link>
      </p>
    </main>
  );
}
