/** The React Flow canvas: drop from the palette, connect, drag (and drop onto an edge to insert). */
import {
  Background,
  getNodesBounds,
  getViewportForBounds,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Connection,
  type IsValidConnection,
  type OnConnectEnd,
  type OnNodeDrag,
  type Viewport,
  type XYPosition,
} from "@xyflow/react";
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from "react";

import { useTranslation } from "react-i18next";

import { canConnect, canInsert, NODE_ORIGIN } from "./graph";
import { EDGE_HIT_PX, EDGE_TYPE, edgeNear } from "./hitTest";
import { layoutPositions } from "./layout";
import { nodeTypes } from "./nodes";
import { PALETTE_MIME, parsePaletteDrag } from "./paletteDrag";
import { useEditorStore } from "./store";
import type { JourneyEdge, JourneyNode } from "./types";

const DEFAULT_EDGE_OPTIONS = { type: EDGE_TYPE };

/** The screen point of a mouse or touch event. */
const clientPoint = (event: MouseEvent | TouchEvent): XYPosition | null => {
  const point = "clientX" in event ? event : event.changedTouches[0];
  return point ? { x: point.clientX, y: point.clientY } : null;
};

const MINIMAP_COLORS: Record<string, string> = {
  event: "#2563eb",
  condition: "#d97706",
  wait: "#7c3aed",
  action: "#059669",
  end: "#475569",
};

const minimapColor = (node: JourneyNode) => MINIMAP_COLORS[node.type] ?? "#94a3b8";

function CanvasControls() {
  const { t } = useTranslation();
  const { zoomIn, zoomOut, fitView } = useReactFlow();
  const readOnly = useEditorStore((s) => s.readOnly);
  const autoLayout = () => {
    const { nodes, edges, applyPositions } = useEditorStore.getState();
    applyPositions(layoutPositions({ nodes, edges }));
    window.requestAnimationFrame(() => void fitView({ duration: 200 }));
  };
  return (
    <Panel position="top-right" className="canvas-controls">
      <button type="button" onClick={() => void zoomIn({ duration: 150 })} aria-label={t("editor.zoomIn")}>+</button>
      <button type="button" onClick={() => void zoomOut({ duration: 150 })} aria-label={t("editor.zoomOut")}>−</button>
      <button type="button" onClick={() => void fitView({ duration: 200 })}>{t("editor.fitView")}</button>
      <button type="button" onClick={autoLayout} disabled={readOnly}>{t("editor.autoLayout")}</button>
    </Panel>
  );
}

/**
 * The viewport that fits the loaded graph into the canvas, computed before React Flow mounts so a big
 * journey is drawn fitted in its first frame instead of being measured and then re-fitted.
 */
function useInitialViewport(): [RefObject<HTMLDivElement | null>, Viewport | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    const nodes = useEditorStore.getState().nodes;
    if (nodes.length === 0) return setViewport({ x: box.width / 3, y: box.height / 3, zoom: 1 });
    const sized = nodes.map((n) => ({ ...n, width: n.initialWidth, height: n.initialHeight }));
    const bounds = getNodesBounds(sized, { nodeOrigin: NODE_ORIGIN });
    setViewport(getViewportForBounds(bounds, box.width, box.height, 0.1, 1, 0.15));
  }, []);
  return [ref, viewport];
}

export function Canvas() {
  const { t } = useTranslation();
  const [canvasRef, initialViewport] = useInitialViewport();
  const nodes = useEditorStore((s) => s.nodes);
  const edges = useEditorStore((s) => s.edges);
  const readOnly = useEditorStore((s) => s.readOnly);
  const highlighted = useEditorStore((s) => s.highlighted);
  const onNodesChange = useEditorStore((s) => s.onNodesChange);
  const onEdgesChange = useEditorStore((s) => s.onEdgesChange);
  const { screenToFlowPosition, getInternalNode, getIntersectingNodes, getZoom } = useReactFlow<JourneyNode, JourneyEdge>();

  /** The connection under a screen point (among `edges`), from React Flow's own geometry. */
  const edgeAt = useCallback(
    (client: XYPosition, edges: readonly JourneyEdge[]) =>
      edgeNear(screenToFlowPosition(client), edges, getInternalNode, EDGE_HIT_PX / getZoom()),
    [screenToFlowPosition, getInternalNode, getZoom],
  );

  const shownEdges = useMemo<JourneyEdge[]>(() => {
    if (highlighted.size === 0) return edges;
    return edges.map((e) =>
      highlighted.has(e.source) && highlighted.has(e.target) ? { ...e, animated: true, className: "on-path" } : e,
    );
  }, [edges, highlighted]);

  const onConnect = useCallback((c: Connection) => {
    if (c.sourceHandle) useEditorStore.getState().connect({ source: c.source, target: c.target, sourceHandle: c.sourceHandle });
  }, []);

  // Dropping a connection anywhere on a node (not only on its input dot) connects to that node.
  const onConnectEnd = useCallback<OnConnectEnd>((event, state) => {
    if (state.isValid || !state.fromHandle?.id || state.fromHandle.type !== "source") return;
    const client = clientPoint(event);
    if (!client) return;
    const { x, y } = screenToFlowPosition(client);
    const target = getIntersectingNodes({ x, y, width: 1, height: 1 }).at(-1)?.id;
    if (!target) return;
    useEditorStore.getState().connect({ source: state.fromHandle.nodeId, sourceHandle: state.fromHandle.id, target });
  }, [screenToFlowPosition, getIntersectingNodes]);

  const isValidConnection = useCallback<IsValidConnection<JourneyEdge>>((c) => {
    const { nodes: n, edges: e } = useEditorStore.getState();
    return Boolean(c.sourceHandle) && canConnect({ nodes: n, edges: e }, {
      source: c.source, target: c.target, sourceHandle: c.sourceHandle ?? "",
    });
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  }, []);

  // The node is centred on the cursor: its position is its centre (`NODE_ORIGIN`), in flow coordinates.
  const onDrop = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    const store = useEditorStore.getState();
    const item = parsePaletteDrag(event.dataTransfer.getData(PALETTE_MIME), store.catalog);
    if (!item) return;
    const client = { x: event.clientX, y: event.clientY };
    const options = { name: item.label, actionId: item.actionId, eventTypeId: item.eventTypeId };
    store.addNode(item.kind, screenToFlowPosition(client), options, edgeAt(client, store.edges) ?? undefined);
  }, [screenToFlowPosition, edgeAt]);

  const onNodeDragStart = useCallback<OnNodeDrag<JourneyNode>>(() => useEditorStore.getState().beginDrag(), []);
  const onNodeDragStop = useCallback<OnNodeDrag<JourneyNode>>((event, node) => {
    const store = useEditorStore.getState();
    store.endDrag();
    const client = clientPoint(event);
    // Only connections the node could go into: one of its own lying under it must not hide another.
    const candidates = store.edges.filter((e) => canInsert(store, node.id, e.id));
    const edgeId = client && candidates.length > 0 ? edgeAt(client, candidates) : null;
    if (edgeId) store.insertIntoEdge(node.id, edgeId);
  }, [edgeAt]);

  return (
    <div className="canvas" ref={canvasRef} onDragOver={onDragOver} onDrop={onDrop}>
      {initialViewport && <ReactFlow<JourneyNode, JourneyEdge>
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        defaultViewport={initialViewport}
        nodeOrigin={NODE_ORIGIN}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={["Meta", "Control"]}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > 150}
      >
        <Background gap={20} />
        <MiniMap<JourneyNode> pannable zoomable nodeColor={minimapColor} ariaLabel={t("editor.miniMap")} />
        <CanvasControls />
      </ReactFlow>}
    </div>
  );
}
