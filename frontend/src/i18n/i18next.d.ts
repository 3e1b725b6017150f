/** Typed keys: `t("palette.groups.events")` is checked against the English catalog at compile time. */
import "i18next";

import type en from "./en.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
