/** React Flow node and edge types of the journey canvas; the only place canvas shapes are declared. */
import type { Edge, Node } from "@xyflow/react";

import type { NodeConfigs, NodeKind } from "./definition";

/** What a canvas node carries in `data`: its name and the typed configuration of its kind. */
export type NodeData<K extends NodeKind = NodeKind> = { name: string } & NodeConfigs[K];

export type EventFlowNode = Node<NodeData<"event">, "event">;
export type ConditionFlowNode = Node<NodeData<"condition">, "condition">;
export type WaitFlowNode = Node<NodeData<"wait">, "wait">;
export type ActionFlowNode = Node<NodeData<"action">, "action">;
export type EndFlowNode = Node<NodeData<"end">, "end">;

export type JourneyNode =
  | EventFlowNode
  | ConditionFlowNode
  | WaitFlowNode
  | ActionFlowNode
  | EndFlowNode;

/** A canvas edge always leaves a named output handle (`next`, `success`, `error`, a branch id, `otherwise`). */
export type JourneyEdge = Edge & { sourceHandle: string };

/** The part of the canvas that is saved and undone. */
export interface CanvasGraph {
  nodes: JourneyNode[];
  edges: JourneyEdge[];
}

export type NodeOfKind<K extends NodeKind> = Extract<JourneyNode, { type: K }>;
