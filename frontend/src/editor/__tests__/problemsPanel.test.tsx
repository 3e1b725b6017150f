import { cleanup, render, screen } from "@testing-library/react";
import { ReactFlowProvider } from "@xyflow/react";
import { beforeEach, describe, expect, it } from "vitest";

import i18n from "../../i18n";

import { definitionToCanvas } from "../convert";
import { ProblemsPanel } from "../ProblemsPanel";
import { useEditorStore } from "../store";
import { catalog, definition } from "./fixtures";

const show = () =>
  render(
    <ReactFlowProvider>
      <ProblemsPanel checked onClose={() => undefined} />
    </ReactFlowProvider>,
  );

describe("problems panel", () => {
  beforeEach(() => {
    useEditorStore.getState().load(definitionToCanvas(definition), false);
    useEditorStore.getState().setCatalog(catalog);
  });

  it("says a journey with warnings only is ready to publish, and marks each warning", () => {
    useEditorStore.getState().setProblems([
      { message: "email is required, but event.plan may be missing", nodeId: "crm", severity: "warning", mapping: "payload.email" },
    ]);
    show();
    const panel = screen.getByRole("region", { name: "Problems" });
    expect(panel).toHaveTextContent("Ready to publish, with 1 warning");
    expect(panel).toHaveTextContent("Warning · Create CRM contact: email is required");
    expect(useEditorStore.getState().problemsByNode).toEqual({});  // no badge for a warning
  });

  it("counts errors and warnings apart", () => {
    useEditorStore.getState().setProblems([
      { message: "Amount expects an integer, but event.total is a decimal", nodeId: "crm", severity: "error" },
      { message: "email is required, but event.plan may be missing", nodeId: "crm", severity: "warning" },
    ]);
    show();
    expect(screen.getByRole("heading")).toHaveTextContent("1 problem, 1 warning");
    expect(useEditorStore.getState().problemsByNode).toEqual({ crm: ["Amount expects an integer, but event.total is a decimal"] });
  });

  it("counts errors and warnings in German", async () => {
    useEditorStore.getState().setProblems([
      { message: "email ist erforderlich", nodeId: "crm", severity: "warning" },
    ]);
    await i18n.changeLanguage("de");
    try {
      show();
      const panel = screen.getByRole("region", { name: "Probleme" });
      expect(panel).toHaveTextContent("Bereit zur Veröffentlichung, mit 1 Warnung");
      expect(panel).toHaveTextContent("Warnung · Create CRM contact: email ist erforderlich");
    } finally {
      cleanup();
      await i18n.changeLanguage("en");
    }
  });
});
