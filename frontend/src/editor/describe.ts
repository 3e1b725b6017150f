/** Short human descriptions of nodes and durations, shared by nodes, inspector and problems panel. */
import { formatDuration } from "../common/format";
import i18n from "../i18n";
import type { Catalog } from "./catalog";
import { kindLabel } from "./graph";
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

/** The name shown for a node: its own name, else what it refers to, else its kind. */
export function displayName(node: JourneyNode, catalog: Catalog): string {
  if (node.data.name) return node.data.name;
  if (node.type === "action" && node.data.actionId) {
    return catalog.actions.get(node.data.actionId)?.name ?? kindLabel("action");
  }
  if (node.type === "event" && node.data.eventTypeId) {
    return catalog.eventTypes.get(node.data.eventTypeId)?.name ?? kindLabel("event");
  }
  return kindLabel(node.type);
}

/** One line under the name saying what the node does. */
export function summary(node: JourneyNode, catalog: Catalog): string {
  switch (node.type) {
    case "event": {
      const type = node.data.eventTypeId ? catalog.eventTypes.get(node.data.eventTypeId) : undefined;
      const base = type ? i18n.t("editor.summary.whenArrives", { name: type.name }) : i18n.t("editor.summary.chooseEventType");
      return node.data.filter ? i18n.t("editor.summary.filtered", { base }) : base;
    }
    case "condition":
      return i18n.t("editor.summary.branches", { count: node.data.branches.length });
    case "wait":
      return i18n.t("editor.summary.wait", { duration: formatDuration(node.data.durationSeconds) });
    case "action": {
      const action = node.data.actionId ? catalog.actions.get(node.data.actionId) : undefined;
      if (!action) return i18n.t(node.data.actionId ? "editor.summary.unknownAction" : "editor.summary.chooseAction");
      return action.method ? `${action.method} · ${action.name}` : action.name;
    }
    case "end":
      return i18n.t("editor.summary.end");
  }
}
