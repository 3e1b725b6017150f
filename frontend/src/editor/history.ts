/** Snapshot undo history: each entry is the graph before one user operation. */
import type { CanvasGraph } from "./types";

export const HISTORY_LIMIT = 200;
/** Edits of the same field within this window are one undo step (typing a name is one edit). */
export const COALESCE_MS = 1000;

export interface Snapshot extends CanvasGraph {
  rev: number;
}

export interface History {
  past: Snapshot[];
  future: Snapshot[];
  lastKey: string | null;
  lastAt: number;
}

export const emptyHistory = (): History => ({ past: [], future: [], lastKey: null, lastAt: 0 });

/** Whether an edit with `key` at `now` merges into the previous undo step. */
export function continuesEdit(history: History, key: string | null, now: number): boolean {
  return key !== null && key === history.lastKey && now - history.lastAt < COALESCE_MS;
}

/** Record `before` as an undo step unless it continues the previous coalescable edit. */
export function record(history: History, before: Snapshot, key: string | null, now: number): History {
  if (continuesEdit(history, key, now)) return { ...history, future: [], lastAt: now };
  const past = [...history.past, before].slice(-HISTORY_LIMIT);
  return { past, future: [], lastKey: key, lastAt: now };
}

/** Step back: returns the snapshot to show and the new history, or null when there is nothing to undo. */
export function undo(history: History, current: Snapshot): [Snapshot, History] | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return [
    previous,
    { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 },
  ];
}

/** Step forward again after an undo. */
export function redo(history: History, current: Snapshot): [Snapshot, History] | null {
  const next = history.future[0];
  if (!next) return null;
  return [
    next,
    { past: [...history.past, current], future: history.future.slice(1), lastKey: null, lastAt: 0 },
  ];
}
