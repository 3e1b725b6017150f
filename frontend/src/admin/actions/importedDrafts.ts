import type { ActionDraft } from "../../api/types";

/**
 * Imported drafts on their way from the import dialog to the editor. They hold secrets, so they travel in
 * memory and the navigation state carries only a key: nothing secret lands in the browser's history.
 */
const drafts = new Map<string, ActionDraft>();
let counter = 0;

/** Keep a draft for the editor; the key goes into the navigation state (`{ draft: key }`). */
export function keepDraft(draft: ActionDraft): string {
  counter += 1;
  const key = `draft-${counter}`;
  drafts.set(key, draft);
  return key;
}

/** The key of the draft a navigation state points to, when that draft is still in memory. */
export function draftKeyOf(state: unknown): string | undefined {
  const key = (state as { draft?: unknown } | null)?.draft;
  return typeof key === "string" && drafts.has(key) ? key : undefined;
}

export function draftOf(key: string | undefined): ActionDraft | undefined {
  return key === undefined ? undefined : drafts.get(key);
}

/** Drop a draft once it is saved (or abandoned), so its secrets leave memory. */
export function forgetDraft(key: string | undefined): void {
  if (key !== undefined) drafts.delete(key);
}
