import { beforeEach, describe, expect, it } from "vitest";

import { canvasToDefinition, definitionToCanvas } from "../convert";
import { selectDirty, useEditorStore } from "../store";
import { catalog, definition } from "./fixtures";

const store = () => useEditorStore.getState();
const saved = () => canvasToDefinition(store());

function loadFixture(readOnly = false) {
  store().load(definitionToCanvas(definition), readOnly);
  store().setCatalog(catalog);
}

function expectUndoRedo(change: () => void) {
  const before = saved();
  const dirtyBefore = selectDirty(store());
  change();
  const after = saved();
  expect(after).not.toStrictEqual(before);
  expect(selectDirty(store())).toBe(true);
  store().undo();
  expect(saved()).toStrictEqual(before);
  expect(selectDirty(store())).toBe(dirtyBefore);
  store().redo();
  expect(saved()).toStrictEqual(after);
  expect(selectDirty(store())).toBe(true);
}

describe("editor store undo/redo", () => {
  beforeEach(() => loadFixture());

  it("undoes and redoes adding a node", () => {
    expectUndoRedo(() => store().addNode("wait", { x: 5, y: 5 }));
  });

  it("undoes and redoes deleting the selection (node with its edges)", () => {
    expectUndoRedo(() => {
      store().select("vip");
      store().deleteSelection();
      expect(store().edges.some((e) => e.source === "vip" || e.target === "vip")).toBe(false);
    });
  });

  it("undoes and redoes the inspector's Delete", () => {
    expectUndoRedo(() => store().deleteNode("pause"));
  });

  it("records one undo step per drag, however many pixels it moved", () => {
    const before = saved();
    store().beginDrag();
    for (let x = 1; x <= 30; x++) {
      store().onNodesChange([{ type: "position", id: "crm", position: { x: 300 + x, y: x }, dragging: true }]);
    }
    store().onNodesChange([{ type: "position", id: "crm", position: { x: 330, y: 30 }, dragging: false }]);
    store().endDrag();
    expect(store().history.past).toHaveLength(1);
    store().undo();
    expect(saved()).toStrictEqual(before);
    store().redo();
    expect(store().nodes.find((n) => n.id === "crm")?.position).toEqual({ x: 330, y: 30 });
  });

  it("undoes and redoes connecting, replacing the output's earlier edge", () => {
    expectUndoRedo(() => {
      store().connect({ source: "pause", sourceHandle: "next", target: "failed" });
      const fromPause = store().edges.filter((e) => e.source === "pause");
      expect(fromPause.map((e) => e.target)).toEqual(["failed"]);
    });
  });

  it("undoes and redoes inserting a node into an edge", () => {
    const id = store().addNode("wait", { x: 450, y: 100 }) as string;
    expectUndoRedo(() => store().insertIntoEdge(id, "e2"));
  });

  it("adds a dropped node and splices it into the edge as one step", () => {
    const before = saved();
    const id = store().addNode("wait", { x: 450, y: 100 }, {}, "e2") as string;
    expect(store().edges.filter((e) => e.source === id || e.target === id)).toHaveLength(2);
    store().undo();
    expect(saved()).toStrictEqual(before);
  });

  it("merges quick edits of one field into one step and undoes inspector edits", () => {
    const before = saved();
    for (const name of ["W", "Wa", "Wai", "Wait a day"]) {
      store().updateNodeData("pause", (d) => ({ ...d, name }), "name");
    }
    expect(store().history.past).toHaveLength(1);
    store().undo();
    expect(saved()).toStrictEqual(before);
    expectUndoRedo(() => store().updateNodeData("pause", (d) => ({ ...d, durationSeconds: 60 })));
  });

  it("drops the error edge when the error path is unticked, and brings it back on undo", () => {
    expectUndoRedo(() => {
      store().updateNodeData("crm", (d) => ({ ...d, errorPath: false }));
      expect(store().edges.some((e) => e.sourceHandle === "error")).toBe(false);
    });
  });

  it("undoes auto layout and paste", () => {
    expectUndoRedo(() => store().applyPositions(new Map([["crm", { x: 1, y: 2 }]])));
    store().select("pause");
    store().copy();
    expectUndoRedo(() => store().paste());
  });

  it("clears the redo stack after a new change", () => {
    store().addNode("end", { x: 0, y: 500 });
    store().undo();
    store().addNode("wait", { x: 0, y: 500 });
    store().redo();
    expect(store().nodes.filter((n) => n.type === "end")).toHaveLength(2);
  });

  it("is clean again after save and after undoing back to the saved state", () => {
    store().addNode("end", { x: 0, y: 500 });
    store().markSaved();
    expect(selectDirty(store())).toBe(false);
    store().undo();
    expect(selectDirty(store())).toBe(true);
    store().redo();
    expect(selectDirty(store())).toBe(false);
  });

  it("changes nothing on a read-only version", () => {
    loadFixture(true);
    const before = saved();
    store().addNode("end", { x: 0, y: 0 });
    store().deleteNode("crm");
    store().connect({ source: "pause", sourceHandle: "next", target: "failed" });
    store().onNodesChange([{ type: "position", id: "crm", position: { x: 1, y: 1 } }]);
    expect(saved()).toStrictEqual(before);
    expect(store().history.past).toHaveLength(0);
  });

  it("does not record selection as an undo step", () => {
    store().select("crm");
    store().onNodesChange([{ type: "select", id: "vip", selected: true }]);
    expect(store().history.past).toHaveLength(0);
    expect(selectDirty(store())).toBe(false);
  });
});
