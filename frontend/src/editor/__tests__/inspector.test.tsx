import { fireEvent, render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";

import { definitionToCanvas } from "../convert";
import { Inspector } from "../inspector/Inspector";
import { selectDirty, useEditorStore } from "../store";
import { catalog, definition } from "./fixtures";

const mappingsOf = (id: string) => {
  const node = useEditorStore.getState().nodes.find((n) => n.id === id);
  return node?.type === "action" ? node.data.mappings : null;
};

describe("inspector", () => {
  beforeEach(() => {
    useEditorStore.getState().load(definitionToCanvas(definition), false);
    useEditorStore.getState().setCatalog(catalog);
  });

  it("maps an action variable to an event field picked from the field picker", () => {
    useEditorStore.getState().select("crm");
    render(<Inspector />);
    const inspector = screen.getByRole("complementary", { name: "Inspector" });
    fireEvent.change(within(inspector).getByLabelText("Source of email"), { target: { value: "field" } });
    const picker = within(inspector).getByLabelText("Field for email");
    const offered = within(picker).getAllByRole("option").map((o) => o.getAttribute("value"));
    expect(offered).toEqual(expect.arrayContaining(["event.email", "event.plan", "journey.id"]));
    expect(offered.some((v) => v?.startsWith("steps."))).toBe(false);
    fireEvent.change(picker, { target: { value: "event.plan" } });
    expect(mappingsOf("crm")?.payload.email).toEqual({ source: "field", field: "event.plan" });
    fireEvent.change(within(inspector).getByLabelText("Source of Greeting"), { target: { value: "template" } });
    fireEvent.change(within(inspector).getByLabelText("Template for Greeting"), {
      target: { value: "Hi {{ profile.firstName }}" },
    });
    expect(mappingsOf("crm")?.payload.greeting).toEqual({ source: "template", template: "Hi {{ profile.firstName }}" });
  });

  it("warns on the mapping row as the marketer picks a field of the wrong type", () => {
    useEditorStore.getState().select("crm");
    render(<Inspector />);
    const row = screen.getByRole("group", { name: "Amount" });
    fireEvent.change(within(row).getByLabelText("Source of Amount"), { target: { value: "field" } });
    expect(within(row).queryByRole("alert")).toBeNull();
    fireEvent.change(within(row).getByLabelText("Field for Amount"), { target: { value: "event.total" } });
    expect(within(row).getByRole("alert")).toHaveTextContent(
      "Amount expects an integer, but event.total is a decimal: map a whole-number field, " +
        "or ask a technical user to make Amount a decimal",
    );
    fireEvent.change(within(row).getByLabelText("Field for Amount"), { target: { value: "journey.version" } });
    expect(within(row).queryByRole("alert")).toBeNull();
    fireEvent.change(within(row).getByLabelText("Source of Amount"), { target: { value: "template" } });
    fireEvent.change(within(row).getByLabelText("Template for Amount"), { target: { value: "{{ event.total }}" } });
    expect(within(row).getByRole("alert")).toHaveTextContent("a template always gives text: use a field mapping");
  });

  it("warns, without blocking, when a required variable reads a field some events lack", () => {
    useEditorStore.getState().select("crm");
    render(<Inspector />);
    const row = screen.getByRole("group", { name: "email" });
    fireEvent.change(within(row).getByLabelText("Source of email"), { target: { value: "field" } });
    fireEvent.change(within(row).getByLabelText("Field for email"), { target: { value: "event.plan" } });
    expect(within(row).getByRole("note")).toHaveTextContent(
      'email is required, but event.plan may be missing (the event type does not mark it required), and then the ' +
        'call fails: use a template with a default, e.g. {{ event.plan | default: "…" }}',
    );
    fireEvent.change(within(row).getByLabelText("Field for email"), { target: { value: "profile.id" } });
    expect(within(row).queryByRole("note")).toBeNull();
    expect(within(row).queryByLabelText("Field for email: profile attribute")).toBeNull();
  });

  it("is read-only on a published version", () => {
    useEditorStore.getState().load(definitionToCanvas(definition), true);
    useEditorStore.getState().select("pause");
    render(<Inspector />);
    expect(screen.getByLabelText("Name")).toBeDisabled();
    expect(screen.getByRole("button", { name: "Delete" })).toBeDisabled();
  });

  it("edits a wait's duration in units", () => {
    useEditorStore.getState().select("pause");
    render(<Inspector />);
    fireEvent.change(screen.getByLabelText("Unit"), { target: { value: "days" } });
    const node = useEditorStore.getState().nodes.find((n) => n.id === "pause");
    expect(node?.type === "wait" && node.data.durationSeconds).toBe(2 * 86_400);
  });

  it("edits the journey's re-entry settings while no step is selected, and saving clears the change", () => {
    useEditorStore.getState().select(null);
    render(<Inspector />);
    const settings = screen.getByRole("group", { name: "Journey settings" });
    expect(within(settings).queryByLabelText("Wait before entering again")).toBeNull();
    fireEvent.click(within(settings).getByLabelText("Profiles may enter again after they leave"));
    fireEvent.change(within(settings).getByLabelText("Wait before entering again"), { target: { value: "3" } });
    fireEvent.change(within(settings).getByLabelText("Wait unit"), { target: { value: "days" } });
    const state = useEditorStore.getState();
    expect(state.settings).toEqual({ reentrance: true, reentranceWaitSeconds: 3 * 86_400 });
    expect(selectDirty(state)).toBe(true);
    state.undo(); // settings are not part of the graph's undo history
    expect(useEditorStore.getState().settings.reentrance).toBe(true);
    useEditorStore.getState().markSaved(undefined, { settings: useEditorStore.getState().settings, updatedAt: "t1" });
    expect(selectDirty(useEditorStore.getState())).toBe(false);
  });

  it("shows settings read-only on a published version", () => {
    const stored = { settings: { reentrance: true, reentranceWaitSeconds: 60 }, updatedAt: "t0" };
    useEditorStore.getState().load(definitionToCanvas(definition), true, "k", stored);
    render(<Inspector />);
    expect(screen.getByLabelText("Profiles may enter again after they leave")).toBeDisabled();
    expect(screen.getByLabelText("Wait before entering again")).toHaveValue(1);
    useEditorStore.getState().setSettings({ reentrance: false, reentranceWaitSeconds: 0 });
    expect(useEditorStore.getState().settings.reentrance).toBe(true);
  });
});
