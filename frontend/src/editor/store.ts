/** The editor's zustand store: the canvas graph, its undo history and the typed operations on it. */
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import { create } from "zustand";

import type { JourneySettings, NodeStats, Problem } from "../api/types";
import { emptyCatalog, type Catalog } from "./catalog";
import { copySelection, pasteClipboard } from "./clipboard";
import type { NodeKind } from "./definition";
import * as graphOps from "./graph";
import * as hist from "./history";
import type { CanvasGraph, JourneyEdge, JourneyNode, NodeData } from "./types";

export interface EditorState extends CanvasGraph {
  history: hist.History;
  rev: number;
  savedRev: number;
  readOnly: boolean;
  catalog: Catalog;
  problems: Problem[];
  problemsByNode: Record<string, string[]>;
  stats: Record<string, NodeStats>;
  highlighted: ReadonlySet<string>;
  clipboard: CanvasGraph | null;
  pasteCount: number;
  dragStart: hist.Snapshot | null;
  /** Which journey version (and status) the canvas shows; loading resets history. */
  loadedKey: string | null;
  /** The version's entry rules; edited apart from the graph (not in undo history), saved with it. */
  settings: JourneySettings;
  savedSettings: JourneySettings;
  /** The stored version's `updatedAt` this canvas started from: a save refuses to overwrite a newer one. */
  baseUpdatedAt: string | null;
  load: (graph: CanvasGraph, readOnly: boolean, key?: string, stored?: StoredVersion) => void;
  markSaved: (rev?: number, stored?: StoredVersion) => void;
  setSettings: (settings: JourneySettings) => void;
  setCatalog: (catalog: Catalog) => void;
  setProblems: (problems: Problem[]) => void;
  setStats: (stats: NodeStats[]) => void;
  setHighlighted: (ids: Iterable<string>) => void;
  onNodesChange: (changes: NodeChange<JourneyNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<JourneyEdge>[]) => void;
  beginDrag: () => void;
  endDrag: () => void;
  addNode: (
    kind: NodeKind,
    position: { x: number; y: number },
    options?: graphOps.NewNodeOptions,
    intoEdgeId?: string,
  ) => string | null;
  connect: (request: graphOps.ConnectionRequest) => void;
  insertIntoEdge: (nodeId: string, edgeId: string) => void;
  deleteSelection: () => void;
  deleteNode: (nodeId: string) => void;
  updateNodeData: (nodeId: string, update: (data: NodeData) => NodeData, coalesceKey?: string) => void;
  applyPositions: (positions: ReadonlyMap<string, { x: number; y: number }>) => void;
  select: (nodeId: string | null) => void;
  copy: () => void;
  paste: () => void;
  undo: () => void;
  redo: () => void;
}

export const DEFAULT_SETTINGS: JourneySettings = { reentrance: false, reentranceWaitSeconds: 0 };

/** What the server holds for the version: its settings and when it was last saved. */
export interface StoredVersion {
  settings: JourneySettings;
  updatedAt: string | null;
}

let revCounter = 0;
const nextRev = () => ++revCounter;

type SetState = (partial: Partial<EditorState>) => void;

/** Replace the graph as one undoable step (`key` merges quick successive edits of one field). */
function commit(set: SetState, state: EditorState, next: CanvasGraph, key: string | null = null): void {
  if (state.readOnly || (next.nodes === state.nodes && next.edges === state.edges)) return;
  const before = { nodes: state.nodes, edges: state.edges, rev: state.rev };
  const now = Date.now();
  const continues = hist.continuesEdit(state.history, key, now);
  const history = hist.record(state.history, before, key, now);
  set({ nodes: next.nodes, edges: next.edges, history, rev: continues ? state.rev : nextRev() });
}

function selectOnly(nodes: JourneyNode[], ids: ReadonlySet<string>): JourneyNode[] {
  return nodes.map((n) => (Boolean(n.selected) === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) }));
}

/** Errors by node, for the canvas badges; warnings stay in the problems panel and on the mapping rows. */
function groupProblems(problems: Problem[]): Record<string, string[]> {
  const byNode: Record<string, string[]> = {};
  for (const p of problems) if (p.nodeId && p.severity !== "warning") (byNode[p.nodeId] ??= []).push(p.message);
  return byNode;
}

export const useEditorStore = create<EditorState>()((set, get) => ({
  nodes: [],
  edges: [],
  history: hist.emptyHistory(),
  rev: 0,
  savedRev: 0,
  readOnly: false,
  catalog: emptyCatalog,
  problems: [],
  problemsByNode: {},
  stats: {},
  highlighted: new Set(),
  clipboard: null,
  pasteCount: 0,
  dragStart: null,
  loadedKey: null,
  settings: DEFAULT_SETTINGS,
  savedSettings: DEFAULT_SETTINGS,
  baseUpdatedAt: null,
  load: (graph, readOnly, key, stored = { settings: DEFAULT_SETTINGS, updatedAt: null }) => {
    const rev = nextRev();
    const { settings, updatedAt } = stored;
    set({ ...graph, readOnly, rev, loadedKey: key ?? null, savedRev: rev, history: hist.emptyHistory(), problems: [], problemsByNode: {}, dragStart: null, settings, savedSettings: settings, baseUpdatedAt: updatedAt });
  },
  markSaved: (rev, stored) =>
    set({
      savedRev: rev ?? get().rev,
      savedSettings: stored?.settings ?? get().settings,
      baseUpdatedAt: stored ? stored.updatedAt : get().baseUpdatedAt,
    }),
  setSettings: (settings) => {
    if (!get().readOnly) set({ settings });
  },
  setCatalog: (catalog) => set({ catalog }),
  setProblems: (problems) => set({ problems, problemsByNode: groupProblems(problems) }),
  setStats: (stats) => set({ stats: Object.fromEntries(stats.map((s) => [s.nodeId, s])) }),
  setHighlighted: (ids) => set({ highlighted: new Set(ids) }),
  onNodesChange: (changes) => {
    const state = get();
    const allowed = state.readOnly ? changes.filter((c) => c.type === "select" || c.type === "dimensions") : changes;
    const viewOnly = allowed.filter((c) => c.type !== "position" && c.type !== "remove" && c.type !== "add" && c.type !== "replace");
    const moves = allowed.filter((c) => c.type === "position");
    if (viewOnly.length > 0) set({ nodes: applyNodeChanges(viewOnly, get().nodes) });
    if (moves.length === 0) return;
    const moved = applyNodeChanges(moves, get().nodes);
    // A drag is recorded once at its end; a keyboard nudge is a step of its own.
    if (get().dragStart) set({ nodes: moved });
    else commit(set, get(), { nodes: moved, edges: get().edges }, "nudge");
  },
  onEdgesChange: (changes) => {
    const selection = changes.filter((c) => c.type === "select");
    if (selection.length > 0) set({ edges: applyEdgeChanges(selection, get().edges) });
  },
  beginDrag: () => {
    const { nodes, edges, rev, readOnly } = get();
    if (!readOnly) set({ dragStart: { nodes, edges, rev } });
  },
  endDrag: () => {
    const { dragStart, nodes, history } = get();
    if (!dragStart) return;
    const moved = nodes.some((n, i) => dragStart.nodes[i]?.position !== n.position);
    if (!moved) return set({ dragStart: null });
    set({ dragStart: null, history: hist.record(history, dragStart, null, Date.now()), rev: nextRev() });
  },
  addNode: (kind, position, options, intoEdgeId) => {
    const state = get();
    if (state.readOnly) return null;
    const node = { ...graphOps.createNode(kind, position, options), selected: true } as JourneyNode;
    let next: CanvasGraph = { nodes: [...selectOnly(state.nodes, new Set()), node], edges: state.edges };
    // Dropped onto a connection: added and spliced in as one undo step.
    if (intoEdgeId) next = graphOps.insertIntoEdge(next, node.id, intoEdgeId);
    commit(set, state, next);
    return node.id;
  },
  connect: (request) => commit(set, get(), graphOps.connect(get(), request)),
  insertIntoEdge: (nodeId, edgeId) => commit(set, get(), graphOps.insertIntoEdge(get(), nodeId, edgeId)),
  deleteSelection: () => {
    const { nodes, edges } = get();
    const nodeIds = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
    const edgeIds = new Set(edges.filter((e) => e.selected).map((e) => e.id));
    if (nodeIds.size + edgeIds.size > 0) commit(set, get(), graphOps.removeElements(get(), nodeIds, edgeIds));
  },
  deleteNode: (nodeId) => commit(set, get(), graphOps.removeElements(get(), new Set([nodeId]), new Set())),
  updateNodeData: (nodeId, update, coalesceKey) => {
    const state = get();
    const nodes = state.nodes.map((n) => (n.id === nodeId ? ({ ...n, data: update(n.data) } as JourneyNode) : n));
    const next = graphOps.pruneDanglingEdges({ nodes, edges: state.edges });
    commit(set, state, next, coalesceKey ? `${nodeId}:${coalesceKey}` : null);
  },
  applyPositions: (positions) => {
    const state = get();
    const nodes = state.nodes.map((n) => {
      const p = positions.get(n.id);
      return p ? { ...n, position: p } : n;
    });
    commit(set, state, { nodes, edges: state.edges });
  },
  select: (nodeId) => set({ nodes: selectOnly(get().nodes, new Set(nodeId ? [nodeId] : [])) }),
  copy: () => {
    const { nodes } = get();
    const ids = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
    if (ids.size > 0) set({ clipboard: copySelection(get(), ids), pasteCount: 0 });
  },
  paste: () => {
    const state = get();
    if (!state.clipboard || state.readOnly) return;
    const count = state.pasteCount + 1;
    const pasted = pasteClipboard(state.clipboard, count);
    const nodes = [...selectOnly(state.nodes, new Set()), ...pasted.nodes];
    commit(set, state, { nodes, edges: [...state.edges, ...pasted.edges] });
    set({ pasteCount: count });
  },
  undo: () => {
    const state = get();
    const result = hist.undo(state.history, { nodes: state.nodes, edges: state.edges, rev: state.rev });
    if (!result || state.readOnly) return;
    const [snapshot, history] = result;
    set({ nodes: snapshot.nodes, edges: snapshot.edges, rev: snapshot.rev, history });
  },
  redo: () => {
    const state = get();
    const result = hist.redo(state.history, { nodes: state.nodes, edges: state.edges, rev: state.rev });
    if (!result || state.readOnly) return;
    const [snapshot, history] = result;
    set({ nodes: snapshot.nodes, edges: snapshot.edges, rev: snapshot.rev, history });
  },
}));

/** Whether the canvas differs from what was last loaded or saved. */
export const selectDirty = (s: EditorState): boolean => s.rev !== s.savedRev || s.settings !== s.savedSettings;

/** The id of the single selected node (the inspector's subject), else null. */
export function selectSelectedNodeId(s: EditorState): string | null {
  let found: string | null = null;
  for (const n of s.nodes) {
    if (!n.selected) continue;
    if (found) return null;
    found = n.id;
  }
  return found;
}
