/** The editor's top bar: version and status, unsaved indicator, undo/redo and the lifecycle buttons. */
import type { JourneyDetail, JourneyVersionSummary } from "../api/types";
import { selectDirty, useEditorStore } from "./store";

export type LifecycleCommand = "save" | "validate" | "publish" | "newVersion" | "close" | "stop";

interface ToolbarProps {
  journey: JourneyDetail;
  versions: JourneyVersionSummary[];
  busy: LifecycleCommand | null;
  message: string | null;
  onCommand: (command: LifecycleCommand) => void;
  onVersion: (version: number) => void;
}

const STATUS_LABELS = { draft: "Draft", live: "Live", closed: "Closed", stopped: "Stopped" } as const;

export function Toolbar({ journey, versions, busy, message, onCommand, onVersion }: ToolbarProps) {
  const dirty = useEditorStore(selectDirty);
  const canUndo = useEditorStore((s) => s.history.past.length > 0 && !s.readOnly);
  const canRedo = useEditorStore((s) => s.history.future.length > 0 && !s.readOnly);
  const shown = journey.journeyVersion;
  const isDraft = shown.status === "draft";
  const latest = versions.reduce((max, v) => Math.max(max, v.version), shown.version);
  const isLatest = shown.version === latest;
  const button = (command: LifecycleCommand, label: string, disabled = false, className = "") => (
    <button type="button" className={className} disabled={disabled || busy !== null} onClick={() => onCommand(command)}>
      {busy === command ? `${label}…` : label}
    </button>
  );
  return (
    <section className="editor-toolbar" aria-label="Journey toolbar">
      <div className="editor-title">
        <h1>{journey.name}</h1>
        <span className={`status-badge status-${shown.status}`}>{STATUS_LABELS[shown.status]}</span>
        <label className="version-select">
          Version
          <select value={shown.version} onChange={(e) => onVersion(Number(e.target.value))}>
            {(versions.length > 0 ? versions : [shown]).map((v) => (
              <option key={v.version} value={v.version}>
                {`v${v.version} · ${STATUS_LABELS[v.status]}`}
              </option>
            ))}
          </select>
        </label>
        <span role="status" className={dirty ? "save-state dirty" : "save-state"}>
          {!isDraft ? "Read-only" : dirty ? "Unsaved changes" : "All changes saved"}
        </span>
      </div>
      <div className="editor-actions">
        {message && <span className="toolbar-message" role="alert">{message}</span>}
        {isDraft && (
          <>
            <button type="button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo}
              onClick={() => useEditorStore.getState().undo()}>↶</button>
            <button type="button" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo}
              onClick={() => useEditorStore.getState().redo()}>↷</button>
            {button("save", "Save", !dirty)}
            {button("validate", "Validate")}
            {button("publish", "Publish", false, "primary")}
          </>
        )}
        {!isDraft && isLatest && button("newVersion", "Create new version")}
        {shown.status === "live" && button("close", "Close to new entries")}
        {(shown.status === "live" || shown.status === "closed") && button("stop", "Stop", false, "danger")}
      </div>
    </section>
  );
}
