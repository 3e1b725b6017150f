/** The configured actions and event types the editor reads, as the API lists them. */
import type { ActionField, ActionOut, ContextField, EventTypeOut, PayloadField } from "../api/types";

/** A listed action: the schema leaves `id` optional (the server defaults it), a listed one always has it. */
export type CatalogAction = ActionOut & { id: string };
export type CatalogEventType = EventTypeOut;

export interface Catalog {
  actions: ReadonlyMap<string, CatalogAction>;
  eventTypes: ReadonlyMap<string, CatalogEventType>;
  /** `profile.id`, `journey.*`: the fixed fields every instance has, as the server lists them. */
  contextFields: ContextField[];
}

export const emptyCatalog: Catalog = { actions: new Map(), eventTypes: new Map(), contextFields: [] };

export function createCatalog(
  actions: CatalogAction[],
  eventTypes: CatalogEventType[],
  contextFields: ContextField[] = [],
): Catalog {
  return {
    actions: new Map(actions.map((a) => [a.id, a])),
    eventTypes: new Map(eventTypes.map((e) => [e.id, e])),
    contextFields,
  };
}

/** One variable of an action that a journey must map, with the mappings key it is stored under. */
export interface ActionVariable {
  section: "pathParameters" | "headers" | "queryParameters" | "payload";
  key: string;
  label: string;
  type: string;
  required: boolean;
}

/** Every variable path parameter, header, query parameter and payload field of the action, in that order. */
export function actionVariables(action: CatalogAction | undefined): ActionVariable[] {
  if (!action) return [];
  const pick = (section: ActionVariable["section"], fields: (ActionField | PayloadField)[] | undefined): ActionVariable[] =>
    (fields ?? [])
      .filter((f) => f.kind === "variable")
      .map((f) => {
        const key = "path" in f ? f.path : f.name;
        return { section, key, label: f.label || key, type: f.type, required: f.required };
      });
  return [
    ...pick("pathParameters", action.pathParameters),
    ...pick("headers", action.headers),
    ...pick("queryParameters", action.queryParameters),
    ...pick("payload", action.requestPayload?.fields),
  ];
}
