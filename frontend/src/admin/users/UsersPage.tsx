import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
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
    if (user.active && !window.confirm(t("users.confirmDeactivate", { email: user.email }))) return;
    update.mutate({ id: user.id, active: !user.active });
  }

  return (
    <div className="page-body">
      <div className="page-title">
        <h2>{t("users.title")}</h2>
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
        empty={t("users.empty")}
        columns={[t("users.email"), t("users.role"), t("common.status"), t("common.created")]}
        withActions
        row={(user) => (
          <tr key={user.id} className={user.active ? undefined : "inactive"}>
            <th scope="row">{user.email}</th>
            <td>
              <select
                aria-label={t("users.roleOf", { email: user.email })}
                value={user.role}
                disabled={user.id === me?.id}
                onChange={(e) => update.mutate({ id: user.id, role: e.target.value as Role })}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`roles.${role}`)}
                  </option>
                ))}
              </select>
            </td>
            <td>{user.active ? <span className="badge ok">{t("users.active")}</span> : <span className="badge">{t("users.deactivated")}</span>}</td>
            <td>{formatDateTime(user.createdAt)}</td>
            <td className="row-actions">
              {user.id !== me?.id && (
                <button type="button" className={user.active ? "danger" : undefined} onClick={() => toggleActive(user)}>
                  {user.active ? t("users.deactivate") : t("users.activate")}
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
  const { t } = useTranslation();
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
    <form className="card inline-form" onSubmit={submit} noValidate aria-label={t("users.addUser")}>
      <Field label={t("users.email")} error={errors["email"]}>
        <input type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field label={t("users.password")} error={errors["password"]} hint={t("users.passwordHint")}>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Field label={t("users.role")} error={errors["role"]}>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="primary" disabled={create.isPending}>
        {t("users.addUser")}
      </button>
      {create.error != null && Object.keys(errors).length === 0 && (
        <p role="alert" className="error">
          {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}
