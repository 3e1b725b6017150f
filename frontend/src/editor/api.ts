/** Server calls of the editor, all through the client generated from the backend's OpenAPI. */
import { api, ApiError, unwrap } from "../api/client";
import type { ContextField, EventTypeOut, InstanceDetail, JourneySettings, NodeStats, Problem } from "../api/types";
import type { CatalogAction } from "./catalog";
import type { Definition } from "./definition";

/** The validation problems a 422 on publish carries in `extra.problems`. */
export function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError)) return [];
  const problems = error.extra?.problems;
  return Array.isArray(problems) ? (problems as Problem[]) : [];
}

/** The node ids an instance went through, in order (its step log, then where it is now). */
export function pathOfInstance(body: Pick<InstanceDetail, "currentNodeId" | "steps">): string[] {
  const ids = (body.steps ?? []).map((s) => s.nodeId).filter((id): id is string => Boolean(id));
  if (body.currentNodeId) ids.push(body.currentNodeId);
  return [...new Set(ids)];
}

const journey = (id: string) => ({ params: { path: { journey_id: id } } });

export const editorApi = {
  journey: (id: string, version?: number) =>
    unwrap(api.GET("/api/journeys/{journey_id}", { params: { path: { journey_id: id }, query: { version } } })),
  versions: (id: string) => unwrap(api.GET("/api/journeys/{journey_id}/versions", journey(id))),
  /** Saves over the draft only if it is still the one saved at `baseUpdatedAt` (409 otherwise). */
  save: (id: string, definition: Definition, settings: JourneySettings, baseUpdatedAt: string | null) =>
    unwrap(api.PUT("/api/journeys/{journey_id}", { ...journey(id), body: { definition, settings, baseUpdatedAt } })),
  validate: (id: string, definition: Definition) =>
    unwrap(api.POST("/api/journeys/{journey_id}/validate", { ...journey(id), body: { definition } })),
  publish: (id: string) => unwrap(api.POST("/api/journeys/{journey_id}/publish", journey(id))),
  newVersion: (id: string) => unwrap(api.POST("/api/journeys/{journey_id}/versions", journey(id))),
  close: (id: string) => unwrap(api.POST("/api/journeys/{journey_id}/close", journey(id))),
  stop: (id: string) => unwrap(api.POST("/api/journeys/{journey_id}/stop", journey(id))),
  // The schema marks an action's id optional (it has a default on the server); every listed action has one.
  actions: async (): Promise<CatalogAction[]> =>
    (await unwrap(api.GET("/api/actions"))).flatMap((action) => (action.id ? [{ ...action, id: action.id }] : [])),
  eventTypes: async (): Promise<EventTypeOut[]> => unwrap(api.GET("/api/event-types")),
  contextFields: async (): Promise<ContextField[]> => unwrap(api.GET("/api/journeys/context-fields")),
  stats: async (id: string, version: number): Promise<NodeStats[]> =>
    (await unwrap(api.GET("/api/journeys/{journey_id}/stats", { params: { path: { journey_id: id }, query: { version } } })))
      .nodes,
  /** The path of an instance; an unknown id (say, pruned) shows no path rather than an error. */
  instancePath: async (instanceId: string): Promise<string[]> => {
    try {
      return pathOfInstance(await unwrap(api.GET("/api/instances/{instance_id}", { params: { path: { instance_id: instanceId } } })));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return [];
      throw error;
    }
  },
};
