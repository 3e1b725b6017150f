import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, unwrap } from "../api/client";
import type { Role, User } from "../api/types";
import { applySavedLocale } from "../i18n";
import type { Locale } from "../i18n/locale";

export const ME_KEY = ["me"] as const;

/** The signed-in user, or null when there is no session. */
async function fetchMe(): Promise<User | null> {
  try {
    const me = await unwrap(api.GET("/api/auth/me"));
    // Before the first paint of the signed-in app: the user's saved language wins over the browser's.
    applySavedLocale(me.locale);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST("/api/auth/login", { body })),
    onSuccess: (user) => {
      applySavedLocale(user.locale);
      client.clear();
      client.setQueryData(ME_KEY, user);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/auth/logout")),
    onSettled: () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}

/** Save the signed-in user's language and switch the UI to it. */
export function useSetLocale() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => unwrap(api.PATCH("/api/auth/me", { body: { locale } })),
    onSuccess: (user) => {
      applySavedLocale(user.locale);
      client.setQueryData(ME_KEY, user);
    },
  });
}

/** Roles that may open Administration (actions, event types, tokens). */
export const CONFIGURER_ROLES: readonly Role[] = ["admin", "technical"];

export function canConfigure(user: User | null | undefined): boolean {
  return user != null && CONFIGURER_ROLES.includes(user.role);
}

export function isAdmin(user: User | null | undefined): boolean {
  return user?.role === "admin";
}
