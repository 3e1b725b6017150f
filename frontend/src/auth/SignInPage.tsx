import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useSearchParams } from "react-router";
import { errorMessage } from "../api/client";
import { useMe, useSignIn } from "./session";

/** Where to go after signing in: only paths inside this app, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/journeys";
}

export default function SignInPage() {
  const { t } = useTranslation();
  const me = useMe();
  const signIn = useSignIn();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  if (me.data) return <Navigate to={safeNext(params.get("next"))} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ email, password });
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <p className="brand">{t("app.name")}</p>
        <h1 id="sign-in-title">{t("signIn.title")}</h1>
        <label className="field">
          <span>{t("signIn.email")}</span>
          <input
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("signIn.password")}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {signIn.error && (
          <p role="alert" className="error">
            {errorMessage(signIn.error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {t("signIn.submit")}
        </button>
      </form>
    </main>
  );
}
