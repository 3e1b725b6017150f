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
} from "@xyflow/react";
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from "react";

import { canConnect, canInsert } from "./graph";
import { layoutPositions } from "./layout";
import { nodeTypes } from "./nodes";
import { PALETTE_MIME, type PaletteItem } from "./Palette";
import { useEditorStore } from "./store";
import type { JourneyEdge, JourneyNode } from "./types";

/** The id of the node under a screen point, if any. */
function nodeAtPoint(x: number, y: number): string | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const id = element.closest(".react-flow__node")?.getAttribute("data-id");
    if (id) return id;
  }
  return null;
}

/** The id of the edge under a screen point, if any (edges carry `data-id` in the DOM). */
export function edgeAtPoint(x: number, y: number): string | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const edge = element.closest(".react-flow__edge");
    const id = edge?.getAttribute("data-id");
    if (id) return id;
  }
  return null;
}

const MINIMAP_COLORS: Record<string, string> = {
  event: "#2563eb",
  condition: "#d97706",
  wait: "#7c3aed",
  action: "#059669",
  end: "#475569",
};

const minimapColor = (node: JourneyNode) => MINIMAP_COLORS[node.type] ?? "#94a3b8";

function CanvasControls() {
  const { zoomIn, zoomOut, fitView } = useReactFlow();
  const readOnly = useEditorStore((s) => s.readOnly);
  const autoLayout = () => {
    const { nodes, edges, applyPositions } = useEditorStore.getState();
    applyPositions(layoutPositions({ nodes, edges }));
    window.requestAnimationFrame(() => void fitView({ duration: 200 }));
  };
  return (
    <Panel position="top-right" className="canvas-controls">
      <button type="button" onClick={() => void zoomIn({ duration: 150 })} aria-label="Zoom in">+</button>
      <button type="button" onClick={() => void zoomOut({ duration: 150 })} aria-label="Zoom out">−</button>
      <button type="button" onClick={() => void fitView({ duration: 200 })}>Fit view</button>
      <button type="button" onClick={autoLayout} disabled={readOnly}>Auto layout</button>
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
    const bounds = getNodesBounds(nodes.map((n) => ({ ...n, width: n.initialWidth, height: n.initialHeight })));
    setViewport(getViewportForBounds(bounds, box.width, box.height, 0.1, 1, 0.15));
  }, []);
  return [ref, viewport];
}

export function Canvas() {
  const [canvasRef, initialViewport] = useInitialViewport();
  const nodes = useEditorStore((s) => s.nodes);
  const edges = useEditorStore((s) => s.edges);
  const readOnly = useEditorStore((s) => s.readOnly);
  const highlighted = useEditorStore((s) => s.highlighted);
  const onNodesChange = useEditorStore((s) => s.onNodesChange);
  const onEdgesChange = useEditorStore((s) => s.onEdgesChange);
  const { screenToFlowPosition } = useReactFlow();

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
    const point = "clientX" in event ? event : event.changedTouches[0];
    const target = point ? nodeAtPoint(point.clientX, point.clientY) : null;
    if (!target) return;
    useEditorStore.getState().connect({ source: state.fromHandle.nodeId, sourceHandle: state.fromHandle.id, target });
  }, []);

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

  const onDrop = useCallback((event: DragEvent) => {
    const raw = event.dataTransfer.getData(PALETTE_MIME);
    if (!raw) return;
    event.preventDefault();
    const item = JSON.parse(raw) as PaletteItem;
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const store = useEditorStore.getState();
    const edgeId = edgeAtPoint(event.clientX, event.clientY);
    store.addNode(item.kind, { x: point.x - 110, y: point.y - 30 }, {
      name: item.label, actionId: item.actionId, eventTypeId: item.eventTypeId,
    }, edgeId ?? undefined);
  }, [screenToFlowPosition]);

  const onNodeDragStart = useCallback<OnNodeDrag<JourneyNode>>(() => useEditorStore.getState().beginDrag(), []);
  const onNodeDragStop = useCallback<OnNodeDrag<JourneyNode>>((event, node) => {
    const store = useEditorStore.getState();
    store.endDrag();
    const point = "clientX" in event ? event : event.changedTouches[0];
    const edgeId = point ? edgeAtPoint(point.clientX, point.clientY) : null;
    if (edgeId && canInsert(store, node.id, edgeId)) store.insertIntoEdge(node.id, edgeId);
  }, []);

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
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={["Meta", "Control"]}
        defaultEdgeOptions={{ type: "smoothstep" }}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > 150}
      >
        <Background gap={20} />
        <MiniMap<JourneyNode> pannable zoomable nodeColor={minimapColor} ariaLabel="Mini map" />
        <CanvasControls />
      </ReactFlow>}
    </div>
  );
}
