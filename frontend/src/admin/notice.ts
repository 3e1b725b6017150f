/** The "Saved …" notice passed in navigation state when a new record opens at its own address. */
export function noticeOf(state: unknown): string | null {
  if (typeof state === "object" && state !== null && "notice" in state && typeof state.notice === "string") {
    return state.notice;
  }
  return null;
}
