import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, errorMessage, unwrap } from "../../api/client";
import type { Role, User } from "../../api/types";
import { useMe } from "../../auth/session";
import Field from "../../common/Field";
import { fieldErrorsOf } from "../../common/fieldErrors";
import { formatDateTime } from "../../common/format";
import { RecordTable } from "../../common/RecordTable";

const ROLES: readonly Role[] = ["admin", "technical", "marketer"];
const USERS_KEY = ["users"] as const;

/** Administration → Users (admins only): add accounts, change roles, deactivate. */
export default function UsersPage() {
  const client = useQueryClient();
  const { data: me } = useMe();
  const users = useQuery({ queryKey: USERS_KEY, queryFn: () => unwrap(api.GET("/api/users")) });
  const refresh = () => client.invalidateQueries({ queryKey: USERS_KEY });
  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: Role; active?: boolean }) =>
      unwrap(api.PATCH("/api/users/{user_id}", { params: { path: { user_id: id } }, body })),
    onSuccess: refresh,
  });

  function toggleActive(user: User) {
    if (user.active && !window.confirm(`Deactivate ${user.email}? Their sessions and tokens stop working at once.`)) return;
    update.mutate({ id: user.id, active: !user.active });
  }

  return (
    <div className="page-body">
      <div className="page-title">
        <h2>Users</h2>
      </div>
      <NewUserForm onCreated={refresh} />
      {update.error != null && (
        <p role="alert" className="error banner">
          {errorMessage(update.error)}
        </p>
      )}
      <RecordTable
        records={users.data}
        error={users.error}
        empty="No users."
        columns={["Email", "Role", "Status", "Created"]}
        withActions
        row={(user) => (
          <tr key={user.id} className={user.active ? undefined : "inactive"}>
            <th scope="row">{user.email}</th>
            <td>
              <select
                aria-label={`Role of ${user.email}`}
                value={user.role}
                disabled={user.id === me?.id}
                onChange={(e) => update.mutate({ id: user.id, role: e.target.value as Role })}
              >
                {ROLES.map((role) => (
                  <option key={role}>{role}</option>
                ))}
              </select>
            </td>
            <td>{user.active ? <span className="badge ok">active</span> : <span className="badge">deactivated</span>}</td>
            <td>{formatDateTime(user.createdAt)}</td>
            <td className="row-actions">
              {user.id !== me?.id && (
                <button type="button" className={user.active ? "danger" : undefined} onClick={() => toggleActive(user)}>
                  {user.active ? "Deactivate" : "Activate"}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("marketer");
  const create = useMutation({
    mutationFn: () => unwrap(api.POST("/api/users", { body: { email: email.trim(), password, role } })),
    onSuccess: () => {
      setEmail("");
      setPassword("");
      onCreated();
    },
  });
  const errors = fieldErrorsOf(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form className="card inline-form" onSubmit={submit} noValidate aria-label="Add user">
      <Field label="Email" error={errors["email"]}>
        <input type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field label="Password" error={errors["password"]} hint="At least 8 characters">
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Field label="Role" error={errors["role"]}>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </Field>
      <button type="submit" className="primary" disabled={create.isPending}>
        Add user
      </button>
      {create.error != null && Object.keys(errors).length === 0 && (
        <p role="alert" className="error">
          {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}
