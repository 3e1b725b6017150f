/**
 * Server calls of the editor. Journey endpoints go through the generated client; the action and
 * event-type lists and the runtime's optional stats/instance endpoints are read with plain fetch
 * (typed by `catalog.ts`) because they are not all in the generated schema on every branch.
 */
import { api, ApiError, unwrap, type Schemas } from "../api/client";
import type { CatalogAction, CatalogEventType } from "./catalog";
import type { Definition } from "./definition";
import type { NodeStats, Problem } from "./store";

export type JourneyDetail = Schemas["JourneyDetail"];
export type JourneyVersionSummary = Schemas["JourneyVersionSummary"];
export type JourneySettings = Schemas["JourneySettings"];
export type ApiDefinition = Schemas["Definition"];
export type VersionStatus = JourneyDetail["status"];

/** The validation problems a 422 on publish carries in `extra.problems`. */
export function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError)) return [];
  const problems = error.extra?.problems;
  return Array.isArray(problems) ? (problems as Problem[]) : [];
}

async function getJson<T>(path: string): Promise<T | null> {
  const response = await fetch(path, { credentials: "same-origin" });
  // An optional endpoint that is not there (yet), or no such record: nothing to show.
  if (response.status === 404 || response.status === 405) return null;
  if (!response.ok) throw new ApiError(response.status, `GET ${path} failed (${response.status})`);
  return (await response.json()) as T;
}

interface InstanceBody {
  currentNodeId?: string | null;
  nodeId?: string | null;
  steps?: { nodeId?: string | null }[];
}

/** The node ids an instance went through, in order (its step log, then where it is now). */
export function pathOfInstance(body: InstanceBody): string[] {
  const ids = (body.steps ?? []).map((s) => s.nodeId).filter((id): id is string => Boolean(id));
  const current = body.currentNodeId ?? body.nodeId;
  if (current) ids.push(current);
  return [...new Set(ids)];
}

const journey = (id: string) => ({ params: { path: { journey_id: id } } });

export const editorApi = {
  journey: (id: string, version?: number) =>
    unwrap(api.GET("/api/journeys/{journey_id}", { params: { path: { journey_id: id }, query: { version } } })),
  versions: (id: string) => unwrap(api.GET("/api/journeys/{journey_id}/versions", journey(id))),
  save: (id: string, definition: Definition, settings: JourneySettings) =>
    unwrap(api.PUT("/api/journeys/{journey_id}", { ...journey(id), body: { definition, settings } })),
  validate: (id: string, definition: Definition) =>
    unwrap(api.POST("/api/journeys/{journey_id}/validate", { ...journey(id), body: { definition } })),
  publish: (id: string) => unwrap(api.POST("/api/journeys/{journey_id}/publish", journey(id))),
  newVersion: (id: string) => unwrap(api.POST("/api/journeys/{journey_id}/versions", journey(id))),
  close: (id: string) => unwrap(api.POST("/api/journeys/{journey_id}/close", journey(id))),
  stop: (id: string) => unwrap(api.POST("/api/journeys/{journey_id}/stop", journey(id))),
  actions: async () => (await getJson<CatalogAction[]>("/api/actions")) ?? [],
  eventTypes: async () => (await getJson<CatalogEventType[]>("/api/event-types")) ?? [],
  stats: async (id: string, version: number): Promise<NodeStats[]> => {
    const body = await getJson<NodeStats[] | { nodes?: NodeStats[] }>(`/api/journeys/${id}/stats?version=${version}`);
    if (!body) return [];
    return Array.isArray(body) ? body : (body.nodes ?? []);
  },
  instancePath: async (instanceId: string): Promise<string[]> => {
    const body = await getJson<InstanceBody>(`/api/instances/${encodeURIComponent(instanceId)}`);
    return body ? pathOfInstance(body) : [];
  },
};
