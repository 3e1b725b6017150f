import { useTranslation } from "react-i18next";

/** Shown while the canvas's code loads (it is split off so the lists open fast). */
export default function LoadingEditor() {
  const { t } = useTranslation();
  return <p className="page-status">{t("app.loadingEditor")}</p>;
}
