import { afterEach, describe, expect, it } from "vitest";

import i18n from "../../i18n";
import type { ActionVariable } from "../catalog";
import { eventFieldAbsence } from "../fieldPaths";
import { mappingIssues } from "../mappingTypes";

const amount: ActionVariable = { section: "payload", key: "amount", label: "Amount", type: "integer", required: true };
const fields = [{ path: "event.total", type: "decimal", mayBeMissing: undefined }];

describe("mapping problems in the user's language", () => {
  afterEach(async () => {
    await i18n.changeLanguage("en");
  });

  it("word a wrong field type, a template and a bad constant in German", async () => {
    await i18n.changeLanguage("de");
    expect(mappingIssues(amount, { source: "field", field: "event.total" }, fields)[0]?.message).toBe(
      "Amount erwartet den Typ Ganzzahl, aber event.total hat den Typ Dezimalzahl: Ordnen Sie ein Ganzzahlfeld zu, " +
        "oder bitten Sie eine technische Person, Amount auf den Typ Dezimalzahl umzustellen",
    );
    expect(mappingIssues(amount, { source: "template", template: "x" }, fields)[0]?.message).toBe(
      "Amount erwartet den Typ Ganzzahl, aber eine Vorlage ergibt immer Text: Verwenden Sie eine Feldzuordnung",
    );
    expect(mappingIssues(amount, { source: "constant", value: "zwei" }, fields)[0]?.message).toBe(
      'Amount erwartet den Typ Ganzzahl, aber die Konstante "zwei" passt nicht dazu',
    );
  });

  it("word a possibly missing field and its fix in German, keeping the template example as typed", async () => {
    await i18n.changeLanguage("de");
    const email: ActionVariable = { section: "payload", key: "email", label: "email", type: "string", required: true };
    const plan = [{ path: "event.plan", type: "string", mayBeMissing: eventFieldAbsence("plan", []) }];
    expect(mappingIssues(email, { source: "field", field: "event.plan" }, plan)).toEqual([
      {
        severity: "warning",
        message:
          "email ist erforderlich, aber event.plan kann fehlen (der Ereignistyp kennzeichnet es nicht als erforderlich), " +
          'und dann schlägt der Aufruf fehl: Verwenden Sie eine Vorlage mit Standardwert, z. B. {{ event.plan | default: "…" }}',
      },
    ]);
  });
});
