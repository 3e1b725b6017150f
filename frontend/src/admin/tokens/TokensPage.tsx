import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client";
import type { TokenCreated, TokenOut } from "../../api/types";
import Field from "../../common/Field";
import { fieldErrorsOf } from "../../common/fieldErrors";
import { formatDateTime } from "../../common/format";
import { RecordTable } from "../../common/RecordTable";

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
      <RecordTable
        records={tokens.data}
        error={tokens.error ?? revoke.error}
        empty="No API tokens."
        columns={["Name", "Prefix", "Created", "Status"]}
        withActions
        row={(token) => (
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
        )}
      />
    </div>
  );
}
