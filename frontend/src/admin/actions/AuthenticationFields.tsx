import { useTranslation } from "react-i18next";
import Field from "../../common/Field";
import type { FieldErrors } from "../../common/fieldErrors";
import { emptyAuth, type AuthForm } from "./form";
import type { AuthType } from "../../api/types";
import { AUTH_TYPES, SECRET_FIELD } from "./model";

interface Props {
  auth: AuthForm;
  storedType: AuthType | null;
  errors: FieldErrors;
  onChange: (auth: AuthForm) => void;
}

const SECRET_LABELS = {
  none: null,
  basic: "actions.auth.password",
  apiKey: "actions.auth.keyValue",
  bearer: "actions.auth.token",
  oauth2ClientCredentials: "actions.auth.clientSecret",
} as const satisfies Record<AuthType, string | null>;

/** The authentication type and its fields; secrets are write-only (shown as set / not set). */
export default function AuthenticationFields({ auth, storedType, errors, onChange }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<AuthForm>) => onChange({ ...auth, ...patch });
  const error = (field: string) => errors[`authentication.${field}`];
  const changeType = (type: AuthType) => {
    const next = emptyAuth(type);
    // Coming back to the saved type keeps the saved secret unless the user types a new one.
    if (type === storedType) next.secret = null;
    onChange(next);
  };
  return (
    <fieldset className="section">
      <legend>{t("actions.auth.title")}</legend>
      <div className="grid">
        <Field label={t("actions.auth.title")} error={errors["authentication"] ?? error("type")}>
          <select value={auth.type} onChange={(e) => changeType(e.target.value as AuthType)}>
            {AUTH_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`actions.auth.${type}`)}
              </option>
            ))}
          </select>
        </Field>
        {auth.type === "basic" && (
          <Field label={t("actions.auth.username")} error={error("username")}>
            <input value={auth.username} autoComplete="off" onChange={(e) => set({ username: e.target.value })} />
          </Field>
        )}
        {auth.type === "apiKey" && (
          <>
            <Field label={t("actions.auth.keyName")} error={error("name")} hint={t("actions.auth.keyNameHint")}>
              <input value={auth.name} onChange={(e) => set({ name: e.target.value })} />
            </Field>
            <Field label={t("actions.auth.sendKeyIn")} error={error("location")}>
              <select value={auth.location} onChange={(e) => set({ location: e.target.value as AuthForm["location"] })}>
                <option value="header">{t("actions.header")}</option>
                <option value="query">{t("actions.queryParameter")}</option>
              </select>
            </Field>
          </>
        )}
        {auth.type === "oauth2ClientCredentials" && (
          <>
            <Field label={t("actions.auth.tokenUrl")} error={error("tokenUrl")}>
              <input type="url" value={auth.tokenUrl} onChange={(e) => set({ tokenUrl: e.target.value })} />
            </Field>
            <Field label={t("actions.auth.clientId")} error={error("clientId")}>
              <input value={auth.clientId} autoComplete="off" onChange={(e) => set({ clientId: e.target.value })} />
            </Field>
            <Field label={t("actions.auth.scope")} error={error("scope")}>
              <input value={auth.scope} onChange={(e) => set({ scope: e.target.value })} />
            </Field>
          </>
        )}
        {SECRET_FIELD[auth.type] && SECRET_LABELS[auth.type] && (
          <SecretInput
            label={t(SECRET_LABELS[auth.type] ?? "actions.auth.password")}
            value={auth.secret}
            stored={storedType === auth.type}
            error={error(SECRET_FIELD[auth.type] ?? "")}
            onChange={(secret) => set({ secret })}
          />
        )}
      </div>
    </fieldset>
  );
}

interface SecretProps {
  label: string;
  value: string | null;
  stored: boolean;
  error: string | undefined;
  onChange: (value: string | null) => void;
}

/** A write-only secret: "set" with a Replace button when stored, else a password input. */
function SecretInput({ label, value, stored, error, onChange }: SecretProps) {
  const { t } = useTranslation();
  if (value === null) {
    return (
      <div className="field">
        <span className="label">{label}</span>
        <p className="secret-status">
          <span className="badge ok">{t("actions.auth.set")}</span>
          <button type="button" onClick={() => onChange("")}>
            {t("actions.auth.replace", { secret: label })}
          </button>
        </p>
        {error && (
          <small className="field-error" role="alert">
            {error}
          </small>
        )}
      </div>
    );
  }
  return (
    <Field
      label={label}
      error={error}
      hint={
        stored ? (
          <button type="button" className="link" onClick={() => onChange(null)}>
            {t("actions.auth.keep", { secret: label })}
          </button>
        ) : (
          <span>{value ? t("actions.auth.willBeEncrypted") : t("actions.auth.notSet")}</span>
        )
      }
    >
      <input type="password" autoComplete="new-password" value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
