import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { ActionInput } from "../../api/types";

export const ACTIONS_KEY = ["actions"] as const;

const byId = (id: string) => ({ params: { path: { action_id: id } } });

export function useActions() {
  return useQuery({ queryKey: ACTIONS_KEY, queryFn: () => unwrap(api.GET("/api/actions")) });
}

export function useAction(id: string | undefined) {
  return useQuery({
    queryKey: [...ACTIONS_KEY, id],
    queryFn: () => unwrap(api.GET("/api/actions/{action_id}", byId(id ?? ""))),
    enabled: id !== undefined,
  });
}

/** Create (no id) or replace (id) an action; the list and the action's cache are refreshed. */
export function useSaveAction(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionInput) =>
      unwrap(id ? api.PUT("/api/actions/{action_id}", { ...byId(id), body }) : api.POST("/api/actions", { body })),
    onSuccess: (saved) => {
      client.setQueryData([...ACTIONS_KEY, saved.id], saved);
      void client.invalidateQueries({ queryKey: ACTIONS_KEY, exact: true });
    },
  });
}

export function useDeleteAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/actions/{action_id}", byId(id))),
    onSuccess: () => {
      client.removeQueries({ queryKey: [...ACTIONS_KEY, id] });
      void client.invalidateQueries({ queryKey: ACTIONS_KEY, exact: true });
    },
  });
}

export function useTestAction(id: string) {
  return useMutation({
    mutationFn: (body: { headers: Record<string, unknown>; queryParameters: Record<string, unknown>; payload: Record<string, unknown> }) =>
      unwrap(api.POST("/api/actions/{action_id}/test", { ...byId(id), body })),
  });
}

/** A draft action from a cURL command; nothing is saved, so no cache changes. */
export function useImportCurl() {
  return useMutation({
    mutationFn: (command: string) => unwrap(api.POST("/api/actions/import/curl", { body: { command } })),
  });
}
