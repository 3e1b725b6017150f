import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, errorMessage, unwrap } from "../../api/client";
import type { TokenCreated, TokenOut } from "../../api/types";
import Field from "../../common/Field";
import { fieldErrorsOf } from "../../common/fieldErrors";
import { formatDateTime } from "../../common/format";

const TOKENS_KEY = ["tokens"] as const;

/** Administration → API tokens: machine access; a new token is shown once. */
export default function TokensPage() {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => unwrap(api.GET("/api/tokens")) });
  const refresh = () => client.invalidateQueries({ queryKey: TOKENS_KEY });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST("/api/tokens", { body: { name: name.trim() } })),
    onSuccess: (token) => {
      setCreated(token);
      setName("");
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/tokens/{token_id}", { params: { path: { token_id: id } } })),
    onSuccess: refresh,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    create.mutate();
  }

  function revokeToken(token: TokenOut) {
    if (window.confirm(`Revoke the token "${token.name}"? Clients using it stop working at once.`)) revoke.mutate(token.id);
  }

  return (
    <div className="page-body">
      <div className="page-title">
        <h2>API tokens</h2>
      </div>
      <form className="card inline-form" onSubmit={submit} noValidate aria-label="Create API token">
        <Field label="Token name" error={fieldErrorsOf(create.error)["name"]}>
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {created && (
        <div className="card token-once" role="status">
          <p>
            Token <strong>{created.name}</strong> created. Copy it now: it will not be shown again.
          </p>
          <code aria-label="New token" className="secret">
            {created.token}
          </code>
        </div>
      )}
      {(tokens.error ?? revoke.error) != null && (
        <p role="alert" className="error">
          {errorMessage(tokens.error ?? revoke.error)}
        </p>
      )}
      {tokens.data?.length === 0 && <p className="empty">No API tokens.</p>}
      {tokens.data && tokens.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((token) => (
              <tr key={token.id} className={token.revoked ? "inactive" : undefined}>
                <th scope="row">{token.name}</th>
                <td className="code">{token.prefix}…</td>
                <td>{formatDateTime(token.createdAt)}</td>
                <td>{token.revoked ? <span className="badge">revoked</span> : <span className="badge ok">active</span>}</td>
                <td className="row-actions">
                  {!token.revoked && (
                    <button type="button" className="danger" onClick={() => revokeToken(token)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
