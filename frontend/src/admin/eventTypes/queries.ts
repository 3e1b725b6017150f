import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { EventTypeInput } from "../../api/types";

export const EVENT_TYPES_KEY = ["event-types"] as const;

const byId = (id: string) => ({ params: { path: { event_type_id: id } } });

export function useEventTypes() {
  return useQuery({ queryKey: EVENT_TYPES_KEY, queryFn: () => unwrap(api.GET("/api/event-types")) });
}

export function useEventType(id: string | undefined) {
  return useQuery({
    queryKey: [...EVENT_TYPES_KEY, id],
    queryFn: () => unwrap(api.GET("/api/event-types/{event_type_id}", byId(id ?? ""))),
    enabled: id !== undefined,
  });
}

/** Create (no id) or replace (id) an event type. */
export function useSaveEventType(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EventTypeInput) =>
      unwrap(
        id
          ? api.PUT("/api/event-types/{event_type_id}", { ...byId(id), body })
          : api.POST("/api/event-types", { body }),
      ),
    onSuccess: (saved) => {
      client.setQueryData([...EVENT_TYPES_KEY, saved.id], saved);
      void client.invalidateQueries({ queryKey: EVENT_TYPES_KEY, exact: true });
    },
  });
}

export function useDeleteEventType(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/event-types/{event_type_id}", byId(id))),
    onSuccess: () => {
      client.removeQueries({ queryKey: [...EVENT_TYPES_KEY, id] });
      void client.invalidateQueries({ queryKey: EVENT_TYPES_KEY, exact: true });
    },
  });
}
