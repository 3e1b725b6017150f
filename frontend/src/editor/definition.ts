/**
 * The stored journey definition, mirrored from `backend/journeys/definition.py` (the wire contract).
 * Only `convert.ts` turns it into canvas state and back.
 */

export type Operator =
  | "equals"
  | "notEquals"
  | "greaterThan"
  | "greaterOrEqual"
  | "lessThan"
  | "lessOrEqual"
  | "contains"
  | "notContains"
  | "startsWith"
  | "endsWith"
  | "in"
  | "notIn"
  | "exists"
  | "notExists";

export interface Position {
  x: number;
  y: number;
}

export interface Rule {
  field: string;
  operator: Operator;
  value: unknown;
}

export interface RuleGroup {
  match: "all" | "any";
  rules: Rule[];
  groups: RuleGroup[];
}

export type Mapping =
  | { source: "constant"; value: unknown }
  | { source: "field"; field: string }
  | { source: "template"; template: string };

export interface ActionMappings {
  headers: Record<string, Mapping>;
  queryParameters: Record<string, Mapping>;
  payload: Record<string, Mapping>;
}

export type MappingSection = keyof ActionMappings;

export interface Branch {
  id: string;
  name: string;
  when: RuleGroup;
}

export type EventConfig = {
  eventTypeId: string | null;
  filter: RuleGroup | null;
};

export type ConditionConfig = {
  branches: Branch[];
};

export type WaitConfig = {
  durationSeconds: number;
};

export type ActionConfig = {
  actionId: string | null;
  mappings: ActionMappings;
  errorPath: boolean;
};

export type EndConfig = Record<never, never>;

/** Typed configuration per node type: the tagged union's payload. */
export interface NodeConfigs {
  event: EventConfig;
  condition: ConditionConfig;
  wait: WaitConfig;
  action: ActionConfig;
  end: EndConfig;
}

export type NodeKind = keyof NodeConfigs;

interface NodeBase<K extends NodeKind> {
  type: K;
  id: string;
  position: Position;
  name: string;
}

export type DefinitionNode = {
  [K in NodeKind]: NodeBase<K> & NodeConfigs[K];
}[NodeKind];

export interface DefinitionEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle: string;
}

export interface Definition {
  nodes: DefinitionNode[];
  edges: DefinitionEdge[];
}

export const NODE_KINDS: readonly NodeKind[] = ["event", "condition", "wait", "action", "end"];

export const emptyGroup = (): RuleGroup => ({ match: "all", rules: [], groups: [] });
