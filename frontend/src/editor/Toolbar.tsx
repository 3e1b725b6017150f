/** The editor's top bar: version and status, unsaved indicator, undo/redo and the lifecycle buttons. */
import { useTranslation } from "react-i18next";

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

export function Toolbar({ journey, versions, busy, message, onCommand, onVersion }: ToolbarProps) {
  const { t } = useTranslation();
  const dirty = useEditorStore(selectDirty);
  const canUndo = useEditorStore((s) => s.history.past.length > 0 && !s.readOnly);
  const canRedo = useEditorStore((s) => s.history.future.length > 0 && !s.readOnly);
  const shown = journey.journeyVersion;
  const isDraft = shown.status === "draft";
  const latest = versions.reduce((max, v) => Math.max(max, v.version), shown.version);
  const isLatest = shown.version === latest;
  const button = (command: LifecycleCommand, label: string, disabled = false, className = "") => (
    <button type="button" className={className} disabled={disabled || busy !== null} onClick={() => onCommand(command)}>
      {busy === command ? t("editor.busy", { label }) : label}
    </button>
  );
  return (
    <section className="editor-toolbar" aria-label={t("editor.toolbar")}>
      <div className="editor-title">
        <h1>{journey.name}</h1>
        <span className={`status-badge status-${shown.status}`}>{t(`status.${shown.status}`)}</span>
        <label className="version-select">
          {t("editor.version")}
          <select value={shown.version} onChange={(e) => onVersion(Number(e.target.value))}>
            {(versions.length > 0 ? versions : [shown]).map((v) => (
              <option key={v.version} value={v.version}>
                {t("editor.versionOption", { version: v.version, status: t(`status.${v.status}`) })}
              </option>
            ))}
          </select>
        </label>
        <span role="status" className={dirty ? "save-state dirty" : "save-state"}>
          {!isDraft ? t("editor.readOnly") : dirty ? t("editor.unsaved") : t("editor.allSaved")}
        </span>
      </div>
      <div className="editor-actions">
        {message && <span className="toolbar-message" role="alert">{message}</span>}
        {isDraft && (
          <>
            <button type="button" aria-label={t("editor.undo")} title={t("editor.undoTitle")} disabled={!canUndo}
              onClick={() => useEditorStore.getState().undo()}>↶</button>
            <button type="button" aria-label={t("editor.redo")} title={t("editor.redoTitle")} disabled={!canRedo}
              onClick={() => useEditorStore.getState().redo()}>↷</button>
            {button("save", t("editor.save"), !dirty)}
            {button("validate", t("editor.validate"))}
            {button("publish", t("editor.publish"), false, "primary")}
          </>
        )}
        {!isDraft && isLatest && button("newVersion", t("editor.newVersion"))}
        {shown.status === "live" && button("close", t("editor.close"))}
        {(shown.status === "live" || shown.status === "closed") && button("stop", t("editor.stop"), false, "danger")}
      </div>
    </section>
  );
}
