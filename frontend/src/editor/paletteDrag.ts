/** What a palette item carries through HTML5 drag-and-drop, and the one parser the canvas reads it through. */
import type { Catalog } from "./catalog";
import { NODE_KINDS, type NodeKind } from "./definition";
import type { NewNodeOptions } from "./graph";

/** What a palette item creates. */
export interface PaletteItem extends NewNodeOptions {
  kind: NodeKind;
  label: string;
  description?: string;
}

export const PALETTE_MIME = "application/x-journey-node";

/** Put a palette item on a drag's data. */
export function writePaletteDrag(dataTransfer: DataTransfer, item: PaletteItem): void {
  dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
  dataTransfer.effectAllowed = "move";
}

const isKind = (value: unknown): value is NodeKind => NODE_KINDS.includes(value as NodeKind);

/**
 * The palette item in a drop's data, or null when it is not one this canvas can add: not JSON, an unknown
 * kind, no label, or an action or event type that is not in the catalog (another tab's drag, say).
 */
export function parsePaletteDrag(raw: string, catalog: Catalog): PaletteItem | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { kind, label, actionId, eventTypeId } = value as Record<string, unknown>;
  if (!isKind(kind) || typeof label !== "string") return null;
  if (kind === "action") {
    return typeof actionId === "string" && catalog.actions.has(actionId) ? { kind, label, actionId } : null;
  }
  if (kind === "event") {
    return typeof eventTypeId === "string" && catalog.eventTypes.has(eventTypeId) ? { kind, label, eventTypeId } : null;
  }
  return { kind, label };
}
