/** The journey canvas page: toolbar, palette, canvas, inspector and problems for one journey. */
import "@xyflow/react/dist/style.css";
import "./editor.css";

import { useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { useParams, useSearchParams } from "react-router";

import { errorMessage } from "../api/client";
import { editorApi, problemsOf } from "./api";
import { Canvas } from "./Canvas";
import { canvasToDefinition } from "./convert";
import { nextFreePosition } from "./graph";
import { Inspector } from "./inspector/Inspector";
import { LeaveGuard } from "./LeaveGuard";
import { Palette } from "./Palette";
import type { PaletteItem } from "./paletteDrag";
import { ProblemsPanel } from "./ProblemsPanel";
import { selectDirty, useEditorStore } from "./store";
import { Toolbar, type LifecycleCommand } from "./Toolbar";
import { journeyKey, useEditorData } from "./useEditorData";
import { useShortcuts } from "./useShortcuts";

const CONFIRMS: Partial<Record<LifecycleCommand, string>> = {
  stop: "Stop this journey? Running instances exit at their next step. This cannot be undone.",
  close: "Close this journey to new entries? Profiles already in it finish their path.",
};

function addFromPalette(item: PaletteItem) {
  const store = useEditorStore.getState();
  store.addNode(item.kind, nextFreePosition(store.nodes), {
    name: item.label,
    actionId: item.actionId,
    eventTypeId: item.eventTypeId,
  });
}

/** Once problems are on the canvas, the journey is checked again shortly after each change, so a badge
 * disappears when its problem is fixed instead of staying until the next Validate. */
function useRecheckWhileProblemsShow(journeyId: string) {
  const rev = useEditorStore((s) => s.rev);
  const showing = useEditorStore((s) => s.problems.length > 0 && !s.readOnly);
  useEffect(() => {
    if (!showing) return;
    const timer = window.setTimeout(() => {
      const state = useEditorStore.getState();
      const checkedRev = state.rev;
      editorApi
        .validate(journeyId, canvasToDefinition(state))
        .then((result) => {
          if (useEditorStore.getState().rev === checkedRev) useEditorStore.getState().setProblems(result.problems);
        })
        // A failed background check keeps the last badges; Validate reports errors when clicked.
        .catch(() => undefined);
    }, 500);
    return () => window.clearTimeout(timer);
  }, [journeyId, rev, showing]);
}

function EditorScreen({ journeyId }: { journeyId: string }) {
  const [params, setParams] = useSearchParams();
  const version = params.get("version") ? Number(params.get("version")) : undefined;
  const data = useEditorData(journeyId, version, params.get("instance"));
  const queryClient = useQueryClient();
  const readOnly = useEditorStore((s) => s.readOnly);
  const dirty = useEditorStore(selectDirty);
  const [busy, setBusy] = useState<LifecycleCommand | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  useShortcuts();
  useRecheckWhileProblemsShow(journeyId);
  // Opening the page again must reload from the server, not show what was left behind.
  useEffect(() => () => useEditorStore.setState({ loadedKey: null }), []);

  const paletteEvents = useMemo<PaletteItem[]>(
    () => data.eventTypes.map((t) => ({ kind: "event", label: t.name, description: t.description, eventTypeId: t.id })),
    [data.eventTypes],
  );
  const paletteActions = useMemo<PaletteItem[]>(
    () => data.actions.map((a) => ({ kind: "action", label: a.name, description: a.description, actionId: a.id })),
    [data.actions],
  );

  const save = async () => {
    const { rev, nodes, edges, settings, baseUpdatedAt, markSaved } = useEditorStore.getState();
    const saved = await editorApi.save(journeyId, canvasToDefinition({ nodes, edges }), settings, baseUpdatedAt);
    markSaved(rev, { settings, updatedAt: saved.journeyVersion.updatedAt });
  };

  const run = async (command: LifecycleCommand) => {
    const confirmText = CONFIRMS[command];
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(command);
    setMessage(null);
    const store = useEditorStore.getState();
    try {
      if (command === "save") {
        await save();
        setMessage("Saved");
      } else if (command === "validate") {
        const result = await editorApi.validate(journeyId, canvasToDefinition(store));
        store.setProblems(result.problems);
        setChecked(true);
      } else {
        if (command === "publish" && selectDirty(store)) await save();
        const apiCall = { publish: editorApi.publish, newVersion: editorApi.newVersion, close: editorApi.close, stop: editorApi.stop }[command];
        await apiCall(journeyId);
        if (version !== undefined) setParams({});
        setMessage({ publish: "Published", newVersion: "New draft created", close: "Closed to new entries", stop: "Stopped" }[command]);
      }
      await queryClient.invalidateQueries({ queryKey: journeyKey(journeyId) });
    } catch (error) {
      const problems = problemsOf(error);
      if (problems.length > 0) {
        store.setProblems(problems);
        setChecked(true);
      }
      setMessage(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  if (data.error) return <p role="alert" className="editor-error">Could not open the journey: {errorMessage(data.error)}</p>;
  if (!data.journey || !data.loaded) return <p className="editor-loading">Opening the journey…</p>;
  return (
    <div className="journey-editor">
      <LeaveGuard when={dirty && !readOnly} />
      <Toolbar journey={data.journey} versions={data.versions} busy={busy} message={message}
        onCommand={(c) => void run(c)}
        onVersion={(v) => setParams(v === Math.max(...data.versions.map((x) => x.version)) ? {} : { version: String(v) })} />
      <div className="editor-body">
        <Palette events={paletteEvents} actions={paletteActions} disabled={readOnly} onAdd={addFromPalette} />
        <main className="editor-main" aria-label="Journey canvas">
          <Canvas />
          <ProblemsPanel checked={checked} onClose={() => setChecked(false)} />
        </main>
        <Inspector />
      </div>
    </div>
  );
}

export default function JourneyEditorPage() {
  const { journeyId } = useParams();
  if (!journeyId) return <p role="alert">No journey selected.</p>;
  return (
    <ReactFlowProvider>
      <EditorScreen key={journeyId} journeyId={journeyId} />
    </ReactFlowProvider>
  );
}
