import Field from "../../common/Field";
import type { FieldErrors } from "../../common/fieldErrors";
import { emptyAuth, type AuthForm } from "./form";
import type { AuthType } from "../../api/types";
import { AUTH_LABELS, SECRET_FIELD } from "./model";

interface Props {
  auth: AuthForm;
  storedType: AuthType | null;
  errors: FieldErrors;
  onChange: (auth: AuthForm) => void;
}

const SECRET_LABELS: Record<AuthType, string> = {
  none: "",
  basic: "Password",
  apiKey: "Key value",
  bearer: "Token",
  oauth2ClientCredentials: "Client secret",
};

/** The authentication type and its fields; secrets are write-only (shown as set / not set). */
export default function AuthenticationFields({ auth, storedType, errors, onChange }: Props) {
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
      <legend>Authentication</legend>
      <div className="grid">
        <Field label="Authentication" error={errors["authentication"] ?? error("type")}>
          <select value={auth.type} onChange={(e) => changeType(e.target.value as AuthType)}>
            {(Object.keys(AUTH_LABELS) as AuthType[]).map((type) => (
              <option key={type} value={type}>
                {AUTH_LABELS[type]}
              </option>
            ))}
          </select>
        </Field>
        {auth.type === "basic" && (
          <Field label="Username" error={error("username")}>
            <input value={auth.username} autoComplete="off" onChange={(e) => set({ username: e.target.value })} />
          </Field>
        )}
        {auth.type === "apiKey" && (
          <>
            <Field label="Key name" error={error("name")} hint="Header or query parameter name, e.g. X-API-Key">
              <input value={auth.name} onChange={(e) => set({ name: e.target.value })} />
            </Field>
            <Field label="Send key in" error={error("location")}>
              <select value={auth.location} onChange={(e) => set({ location: e.target.value as AuthForm["location"] })}>
                <option value="header">Header</option>
                <option value="query">Query parameter</option>
              </select>
            </Field>
          </>
        )}
        {auth.type === "oauth2ClientCredentials" && (
          <>
            <Field label="Token URL" error={error("tokenUrl")}>
              <input type="url" value={auth.tokenUrl} onChange={(e) => set({ tokenUrl: e.target.value })} />
            </Field>
            <Field label="Client ID" error={error("clientId")}>
              <input value={auth.clientId} autoComplete="off" onChange={(e) => set({ clientId: e.target.value })} />
            </Field>
            <Field label="Scope" error={error("scope")}>
              <input value={auth.scope} onChange={(e) => set({ scope: e.target.value })} />
            </Field>
          </>
        )}
        {SECRET_FIELD[auth.type] && (
          <SecretInput
            label={SECRET_LABELS[auth.type]}
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
  if (value === null) {
    return (
      <div className="field">
        <span className="label">{label}</span>
        <p className="secret-status">
          <span className="badge ok">set</span>
          <button type="button" onClick={() => onChange("")}>
            Replace {label.toLowerCase()}
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
            Keep the saved {label.toLowerCase()}
          </button>
        ) : (
          <span>{value ? "Will be saved encrypted; never shown again." : "not set"}</span>
        )
      }
    >
      <input type="password" autoComplete="new-password" value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
