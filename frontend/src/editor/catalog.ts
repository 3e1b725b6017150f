/** The configured actions and event types the editor reads (only the fields it needs). */

export interface CatalogField {
  name?: string;
  path?: string;
  kind?: "constant" | "variable";
  value?: unknown;
  type?: string;
  label?: string | null;
  required?: boolean;
}

export interface CatalogAction {
  id: string;
  name: string;
  description?: string;
  method?: string;
  headers?: CatalogField[];
  queryParameters?: CatalogField[];
  requestPayload?: { example?: unknown; fields?: CatalogField[] } | null;
  responsePayload?: { example?: unknown } | null;
}

export interface CatalogEventType {
  id: string;
  name: string;
  description?: string;
  fields?: { path: string; type: string }[];
}

export interface Catalog {
  actions: ReadonlyMap<string, CatalogAction>;
  eventTypes: ReadonlyMap<string, CatalogEventType>;
}

export const emptyCatalog: Catalog = { actions: new Map(), eventTypes: new Map() };

export function createCatalog(actions: CatalogAction[], eventTypes: CatalogEventType[]): Catalog {
  return {
    actions: new Map(actions.map((a) => [a.id, a])),
    eventTypes: new Map(eventTypes.map((e) => [e.id, e])),
  };
}

/** One variable of an action that a journey must map, with the mappings key it is stored under. */
export interface ActionVariable {
  section: "headers" | "queryParameters" | "payload";
  key: string;
  label: string;
  type: string;
  required: boolean;
}

/** Every variable header, query parameter and payload field of the action, in that order. */
export function actionVariables(action: CatalogAction | undefined): ActionVariable[] {
  if (!action) return [];
  const pick = (
    section: ActionVariable["section"],
    fields: CatalogField[] | undefined,
  ): ActionVariable[] =>
    (fields ?? [])
      .filter((f) => f.kind === "variable")
      .map((f) => {
        const key = (section === "payload" ? f.path : f.name) ?? "";
        return {
          section,
          key,
          label: f.label || key,
          type: f.type ?? "string",
          required: f.required ?? true,
        };
      });
  return [
    ...pick("headers", action.headers),
    ...pick("queryParameters", action.queryParameters),
    ...pick("payload", action.requestPayload?.fields),
  ];
}
