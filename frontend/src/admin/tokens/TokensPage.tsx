import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
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
    if (window.confirm(t("tokens.confirmRevoke", { name: token.name }))) revoke.mutate(token.id);
  }

  return (
    <div className="page-body">
      <div className="page-title">
        <h2>{t("tokens.title")}</h2>
      </div>
      <form className="card inline-form" onSubmit={submit} noValidate aria-label={t("tokens.createForm")}>
        <Field label={t("tokens.tokenName")} error={fieldErrorsOf(create.error)["name"]}>
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t("tokens.create")}
        </button>
      </form>
      {created && (
        <div className="card token-once" role="status">
          <p>
            {t("tokens.createdBefore")}
            <strong>{created.name}</strong>
            {t("tokens.createdAfter")}
          </p>
          <code aria-label={t("tokens.newToken")} className="secret">
            {created.token}
          </code>
        </div>
      )}
      <RecordTable
        records={tokens.data}
        error={tokens.error ?? revoke.error}
        empty={t("tokens.empty")}
        columns={[t("common.name"), t("tokens.prefix"), t("common.created"), t("common.status")]}
        withActions
        row={(token) => (
          <tr key={token.id} className={token.revoked ? "inactive" : undefined}>
            <th scope="row">{token.name}</th>
            <td className="code">{token.prefix}…</td>
            <td>{formatDateTime(token.createdAt)}</td>
            <td>{token.revoked ? <span className="badge">{t("tokens.revoked")}</span> : <span className="badge ok">{t("tokens.active")}</span>}</td>
            <td className="row-actions">
              {!token.revoked && (
                <button type="button" className="danger" onClick={() => revokeToken(token)}>
                  {t("tokens.revoke")}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
