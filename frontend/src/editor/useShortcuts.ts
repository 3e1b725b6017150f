/** Editor keyboard shortcuts: undo/redo, delete, copy/paste; never while typing in a field. */
import { useEffect } from "react";

import { useEditorStore } from "./store";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** What a key press means for the editor, or null when it is not an editor shortcut. */
export function shortcutOf(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey">) {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === "z") return event.shiftKey ? "redo" : "undo";
  if (mod && key === "y") return "redo";
  if (mod && key === "c") return "copy";
  if (mod && key === "v") return "paste";
  if (!mod && (event.key === "Delete" || event.key === "Backspace")) return "delete";
  return null;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const shortcut = shortcutOf(event);
      if (!shortcut) return;
      if (shortcut === "copy" && window.getSelection()?.toString()) return;
      event.preventDefault();
      const store = useEditorStore.getState();
      if (shortcut === "delete") store.deleteSelection();
      else store[shortcut]();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
