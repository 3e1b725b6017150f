import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import type { JourneyDocument } from "../api/types";

export const JOURNEYS_KEY = ["journeys"] as const;

export function useJourneys() {
  return useQuery({ queryKey: JOURNEYS_KEY, queryFn: () => unwrap(api.GET("/api/journeys")) });
}

/** Mutations of the journeys list; each refreshes the list when it succeeds. */
export function useJourneyMutations() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: JOURNEYS_KEY });
  const path = (id: string) => ({ params: { path: { journey_id: id } } });
  return {
    create: useMutation({
      mutationFn: (name: string) => unwrap(api.POST("/api/journeys", { body: { name, description: "" } })),
      onSuccess: refresh,
    }),
    duplicate: useMutation({
      mutationFn: (id: string) => unwrap(api.POST("/api/journeys/{journey_id}/duplicate", path(id))),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => unwrap(api.DELETE("/api/journeys/{journey_id}", path(id))),
      onSuccess: refresh,
    }),
    importDocument: useMutation({
      mutationFn: (body: JourneyDocument) => unwrap(api.POST("/api/journeys/import", { body })),
      onSuccess: refresh,
    }),
  };
}

export function exportJourney(id: string): Promise<JourneyDocument> {
  return unwrap(api.GET("/api/journeys/{journey_id}/export", { params: { path: { journey_id: id } } }));
}

/** Offer a JSON document as a file download named after the journey. */
export function downloadJson(document: unknown, name: string): void {
  const blob = new Blob([JSON.stringify(document, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement("a");
  link.href = url;
  link.download = `${name.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "journey"}.journey.json`;
  window.document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
