/** What the field picker offers at a node: event fields, profile, journey and earlier action results. */
import i18n from "../i18n";
import { deriveFields, type JsonField } from "../common/jsonFields";
import type { Catalog } from "./catalog";
import type { CanvasGraph } from "./types";

/** A path the picker offers, its type and, for a field some events lack, why it may be missing. */
export type FieldOption = JsonField & { mayBeMissing?: string };

export interface FieldGroup {
  label: string;
  options: FieldOption[];
}

/** Nodes from which `nodeId` can be reached (its ancestors on some path), nearest first. */
export function upstreamNodeIds(graph: CanvasGraph, nodeId: string): string[] {
  const incoming = new Map<string, string[]>();
  for (const e of graph.edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
  const seen = new Set<string>([nodeId]);
  const order: string[] = [];
  let frontier = [nodeId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const source of incoming.get(id) ?? []) {
        if (seen.has(source)) continue;
        seen.add(source);
        order.push(source);
        next.push(source);
      }
    }
    frontier = next;
  }
  return order;
}

/** Whether `target` can be reached from `start` without passing through `avoid`. */
function reachableAvoiding(graph: CanvasGraph, start: string, target: string, avoid: string): boolean {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === target) return true;
    for (const e of graph.edges) {
      if (e.source !== id || e.target === avoid || seen.has(e.target)) continue;
      seen.add(e.target);
      stack.push(e.target);
    }
  }
  return false;
}

/**
 * Upstream nodes that run before `nodeId` on every path from the entry (what the server accepts);
 * when the node is not reachable from an entry yet, every upstream node.
 */
export function nodesBefore(graph: CanvasGraph, nodeId: string): string[] {
  const upstream = upstreamNodeIds(graph, nodeId);
  const entry = graph.nodes.find((n) => n.type === "event");
  if (!entry || entry.id === nodeId || !upstream.includes(entry.id)) return upstream;
  return upstream.filter(
    (id) => id === entry.id || !reachableAvoiding(graph, entry.id, nodeId, id),
  );
}

/** Why an event field may be missing, as the server's validation says it (a required field inside implies it). */
export function eventFieldAbsence(path: string, required: string[]): string | undefined {
  if (path.split(".").includes("0")) return i18n.t("editor.mapping.absent.emptyList");
  if (required.some((r) => r === path || r.startsWith(`${path}.`))) return undefined;
  return i18n.t("editor.mapping.absent.notRequired");
}

/** The entry event's fields; the first event node is the entry. */
function eventGroup(graph: CanvasGraph, catalog: Catalog): FieldGroup {
  const entry = graph.nodes.find((n) => n.type === "event");
  const typeId = entry?.type === "event" ? entry.data.eventTypeId : null;
  const fields = (typeId && catalog.eventTypes.get(typeId)?.fields) || [];
  const required = fields.filter((f) => f.required).map((f) => f.path);
  return {
    label: i18n.t("editor.fieldGroups.event"),
    options: fields.map((f) => ({
      path: `event.${f.path}`,
      type: f.type,
      mayBeMissing: eventFieldAbsence(f.path, required),
    })),
  };
}

/** Field groups available to `nodeId`: event, journey and one group per action node that runs before it. */
export function fieldGroups(graph: CanvasGraph, nodeId: string, catalog: Catalog): FieldGroup[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const steps: FieldGroup[] = [];
  for (const id of nodesBefore(graph, nodeId)) {
    const node = byId.get(id);
    if (node?.type !== "action") continue;
    const action = node.data.actionId ? catalog.actions.get(node.data.actionId) : undefined;
    const response = deriveFields(action?.responsePayload?.example).map((f) => ({
      path: `steps.${id}.response.${f.path}`,
      type: f.type,
    }));
    steps.push({
      label: i18n.t("editor.fieldGroups.step", { name: node.data.name || action?.name || id }),
      options: [{ path: `steps.${id}.status`, type: "integer" }, ...response],
    });
  }
  // Profile and journey fields come from the server's list (GET /api/journeys/context-fields), as Validate accepts them.
  const context = (prefix: string) => catalog.contextFields.filter((f) => f.path.startsWith(prefix));
  return [
    eventGroup(graph, catalog),
    { label: i18n.t("editor.fieldGroups.profile"), options: context("profile.") },
    { label: i18n.t("editor.fieldGroups.journey"), options: context("journey.") },
    ...steps,
  ];
}
