/** Server state of the editor page: the journey version shown, its versions, catalog, stats and instance path. */
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";

import { editorApi } from "./api";
import { createCatalog } from "./catalog";
import { definitionToCanvas, withDefaults } from "./convert";
import { NODE_HEIGHT, NODE_WIDTH } from "./graph";
import { DEFAULT_SETTINGS, useEditorStore } from "./store";

export const journeyKey = (id: string) => ["journey", id] as const;


export function useEditorData(journeyId: string, version: number | undefined, instanceId: string | null) {
  const journey = useQuery({
    queryKey: [...journeyKey(journeyId), "version", version ?? "latest"],
    queryFn: () => editorApi.journey(journeyId, version),
  });
  const versions = useQuery({
    queryKey: [...journeyKey(journeyId), "versions"],
    queryFn: () => editorApi.versions(journeyId),
  });
  const actions = useQuery({ queryKey: ["actions"], queryFn: editorApi.actions });
  const eventTypes = useQuery({ queryKey: ["event-types"], queryFn: editorApi.eventTypes });
  const contextFields = useQuery({ queryKey: ["context-fields"], queryFn: editorApi.contextFields, staleTime: Infinity });
  const shown = journey.data?.journeyVersion;
  const published = shown !== undefined && shown.status !== "draft";
  const stats = useQuery({
    queryKey: [...journeyKey(journeyId), "stats", shown?.version],
    queryFn: () => editorApi.stats(journeyId, shown?.version ?? 1),
    enabled: published,
    refetchInterval: 5000,
    retry: false,
  });
  const path = useQuery({
    queryKey: ["instance-path", instanceId],
    queryFn: () => editorApi.instancePath(instanceId as string),
    enabled: Boolean(instanceId),
    retry: false,
  });

  // Load the canvas once per version and status; a save's answer must not reset the undo history.
  const key = shown ? `${shown.id}:${shown.status}` : null;
  const loadedKey = useEditorStore((s) => s.loadedKey);
  useEffect(() => {
    if (!shown || !key || key === useEditorStore.getState().loadedKey) return;
    const graph = definitionToCanvas(withDefaults(shown.definition));
    // Estimated sizes let React Flow show and fit nodes before it has measured them (big journeys open faster).
    const nodes = graph.nodes.map((n) => ({ ...n, initialWidth: NODE_WIDTH, initialHeight: NODE_HEIGHT }));
    const stored = { settings: shown.settings ?? DEFAULT_SETTINGS, updatedAt: shown.updatedAt };
    useEditorStore.getState().load({ nodes, edges: graph.edges }, shown.status !== "draft", key, stored);
  }, [key, shown]);

  useEffect(() => {
    useEditorStore.getState().setCatalog(createCatalog(actions.data ?? [], eventTypes.data ?? [], contextFields.data ?? []));
  }, [actions.data, eventTypes.data, contextFields.data]);
  useEffect(() => useEditorStore.getState().setStats(stats.data ?? []), [stats.data]);
  useEffect(() => useEditorStore.getState().setHighlighted(path.data ?? []), [path.data]);

  return {
    journey: journey.data,
    error: journey.error,
    loaded: key !== null && loadedKey === key,
    versions: versions.data ?? [],
    actions: actions.data ?? [],
    eventTypes: eventTypes.data ?? [],
  };
}
