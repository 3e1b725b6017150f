/** The journey canvas page: toolbar, palette, canvas, inspector and problems for one journey. */
import "@xyflow/react/dist/style.css";
import "./editor.css";

import { useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
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

const CONFIRMS = {
  stop: "editor.confirmStop",
  close: "editor.confirmClose",
} as const satisfies Partial<Record<LifecycleCommand, string>>;

const DONE = {
  publish: "editor.published",
  newVersion: "editor.newDraft",
  close: "editor.closedNotice",
  stop: "editor.stoppedNotice",
} as const;

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
  const { t } = useTranslation();
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
    const confirmKey = command === "stop" || command === "close" ? CONFIRMS[command] : null;
    if (confirmKey && !window.confirm(t(confirmKey))) return;
    setBusy(command);
    setMessage(null);
    const store = useEditorStore.getState();
    try {
      if (command === "save") {
        await save();
        setMessage(t("editor.saved"));
      } else if (command === "validate") {
        const result = await editorApi.validate(journeyId, canvasToDefinition(store));
        store.setProblems(result.problems);
        setChecked(true);
      } else {
        if (command === "publish" && selectDirty(store)) await save();
        const apiCall = { publish: editorApi.publish, newVersion: editorApi.newVersion, close: editorApi.close, stop: editorApi.stop }[command];
        await apiCall(journeyId);
        if (version !== undefined) setParams({});
        setMessage(t(DONE[command]));
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

  if (data.error) return <p role="alert" className="editor-error">{t("editor.couldNotOpen", { reason: errorMessage(data.error) })}</p>;
  if (!data.journey || !data.loaded) return <p className="editor-loading">{t("editor.loadingJourney")}</p>;
  return (
    <div className="journey-editor">
      <LeaveGuard when={dirty && !readOnly} />
      <Toolbar journey={data.journey} versions={data.versions} busy={busy} message={message}
        onCommand={(c) => void run(c)}
        onVersion={(v) => setParams(v === Math.max(...data.versions.map((x) => x.version)) ? {} : { version: String(v) })} />
      <div className="editor-body">
        <Palette events={paletteEvents} actions={paletteActions} disabled={readOnly} onAdd={addFromPalette} />
        <main className="editor-main" aria-label={t("editor.canvas")}>
          <Canvas />
          <ProblemsPanel checked={checked} onClose={() => setChecked(false)} />
        </main>
        <Inspector />
      </div>
    </div>
  );
}

export default function JourneyEditorPage() {
  const { t } = useTranslation();
  const { journeyId } = useParams();
  if (!journeyId) return <p role="alert">{t("editor.noJourney")}</p>;
  return (
    <ReactFlowProvider>
      <EditorScreen key={journeyId} journeyId={journeyId} />
    </ReactFlowProvider>
  );
}
