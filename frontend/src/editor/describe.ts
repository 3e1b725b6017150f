/** Short human descriptions of nodes and durations, shared by nodes, inspector and problems panel. */
import type { Catalog } from "./catalog";
import { KIND_LABELS } from "./graph";
import type { JourneyNode } from "./types";

export const UNITS = [
  { unit: "minutes", seconds: 60 },
  { unit: "hours", seconds: 3600 },
  { unit: "days", seconds: 86_400 },
] as const;

export type DurationUnit = (typeof UNITS)[number]["unit"];

/** The largest unit that divides the duration exactly (1 day rather than 24 hours). */
export function splitDuration(seconds: number): { amount: number; unit: DurationUnit } {
  for (const { unit, seconds: size } of [...UNITS].reverse()) {
    if (seconds >= size && seconds % size === 0) return { amount: seconds / size, unit };
  }
  return { amount: Math.round(seconds / 60), unit: "minutes" };
}

export function formatDuration(seconds: number): string {
  const { amount, unit } = splitDuration(seconds);
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}

/** The name shown for a node: its own name, else what it refers to, else its kind. */
export function displayName(node: JourneyNode, catalog: Catalog): string {
  if (node.data.name) return node.data.name;
  if (node.type === "action" && node.data.actionId) {
    return catalog.actions.get(node.data.actionId)?.name ?? KIND_LABELS.action;
  }
  if (node.type === "event" && node.data.eventTypeId) {
    return catalog.eventTypes.get(node.data.eventTypeId)?.name ?? KIND_LABELS.event;
  }
  return KIND_LABELS[node.type];
}

/** One line under the name saying what the node does. */
export function summary(node: JourneyNode, catalog: Catalog): string {
  switch (node.type) {
    case "event": {
      const type = node.data.eventTypeId ? catalog.eventTypes.get(node.data.eventTypeId) : undefined;
      const base = type ? `When “${type.name}” arrives` : "Choose an event type";
      return node.data.filter ? `${base} (filtered)` : base;
    }
    case "condition":
      return `${node.data.branches.length} branch${node.data.branches.length === 1 ? "" : "es"} + otherwise`;
    case "wait":
      return `Wait ${formatDuration(node.data.durationSeconds)}`;
    case "action": {
      const action = node.data.actionId ? catalog.actions.get(node.data.actionId) : undefined;
      if (!action) return node.data.actionId ? "Unknown action" : "Choose an action";
      return action.method ? `${action.method} · ${action.name}` : action.name;
    }
    case "end":
      return "The journey ends here";
  }
}
