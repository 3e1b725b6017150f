import { createBrowserRouter, Navigate } from "react-router";
import ActionEditorPage from "./admin/actions/ActionEditorPage";
import ActionsPage from "./admin/actions/ActionsPage";
import AdminLayout, { AdminsOnly } from "./admin/AdminLayout";
import EventTypeEditorPage from "./admin/eventTypes/EventTypeEditorPage";
import EventTypesPage from "./admin/eventTypes/EventTypesPage";
import TokensPage from "./admin/tokens/TokensPage";
import UsersPage from "./admin/users/UsersPage";
import RequireAuth from "./auth/RequireAuth";
import SignInPage from "./auth/SignInPage";
import NotFound from "./common/NotFound";
import JourneysPage from "./journeys/JourneysPage";
import AppLayout from "./layout/AppLayout";
import LoadingEditor from "./layout/LoadingEditor";

/** Every client route; the server answers index.html for all of them so they deep-link. */
export const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/journeys" replace /> },
          { path: "journeys", element: <JourneysPage /> },
          {
            path: "journeys/:journeyId",
            // The canvas (React Flow, layout) loads only when a journey is opened.
            lazy: async () => ({ Component: (await import("./editor/JourneyEditorPage")).default }),
            hydrateFallbackElement: <LoadingEditor />,
          },
          {
            path: "admin",
            element: <AdminLayout />,
            children: [
              { index: true, element: <Navigate to="/admin/actions" replace /> },
              { path: "actions", element: <ActionsPage /> },
              { path: "actions/new", element: <ActionEditorPage /> },
              { path: "actions/:actionId", element: <ActionEditorPage /> },
              { path: "event-types", element: <EventTypesPage /> },
              { path: "event-types/new", element: <EventTypeEditorPage /> },
              { path: "event-types/:eventTypeId", element: <EventTypeEditorPage /> },
              {
                path: "users",
                element: (
                  <AdminsOnly>
                    <UsersPage />
                  </AdminsOnly>
                ),
              },
              { path: "tokens", element: <TokensPage /> },
            ],
          },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
]);
