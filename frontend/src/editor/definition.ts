/**
 * The stored journey definition as the canvas holds it: the generated wire types (`api/types.ts`) with
 * every server default filled in (`convert.ts` fills them). Only `convert.ts` turns it into canvas state.
 */
import type { ApiDefinition } from "../api/types";

/** A wire type with every field the server defaults made required, all the way down. */
type Complete<T> = T extends readonly (infer U)[]
  ? Complete<U>[]
  : T extends object
    ? { [K in keyof T]-?: Complete<T[K]> }
    : T;

export type Definition = Complete<ApiDefinition>;
export type DefinitionNode = Definition["nodes"][number];
export type DefinitionEdge = Definition["edges"][number];
export type NodeKind = DefinitionNode["type"];
export type Position = DefinitionNode["position"];

type NodeOf<K extends NodeKind> = Extract<DefinitionNode, { type: K }>;

export type Branch = NodeOf<"condition">["branches"][number];
export type RuleGroup = Branch["when"];
export type Rule = RuleGroup["rules"][number];
export type Operator = Rule["operator"];
export type ActionMappings = NodeOf<"action">["mappings"];
export type MappingSection = keyof ActionMappings;
export type Mapping = ActionMappings[MappingSection][string];

/** Typed configuration per node type: the tagged union's payload (all but type, id, position, name). */
export type NodeConfigs = { [K in NodeKind]: Omit<NodeOf<K>, "type" | "id" | "position" | "name"> };

export const NODE_KINDS: readonly NodeKind[] = ["event", "condition", "wait", "action", "end"];

export const emptyGroup = (): RuleGroup => ({ match: "all", rules: [], groups: [] });
