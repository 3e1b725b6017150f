import Field from "../../common/Field";
import type { FieldErrors } from "../../common/fieldErrors";
import type { ActionForm } from "./form";

interface Props {
  form: ActionForm;
  errors: FieldErrors;
  onChange: (patch: Partial<ActionForm>) => void;
}

/** Timeout, retries, capping and throttling: how calls to the endpoint are paced and retried. */
export default function DeliveryFields({ form, errors, onChange }: Props) {
  return (
    <fieldset className="section">
      <legend>Delivery</legend>
      <div className="grid">
        <Field label="Timeout (ms)" error={errors["timeoutMs"]} hint="100 to 30000">
          <input type="number" min={100} max={30000} value={form.timeoutMs} onChange={(e) => onChange({ timeoutMs: e.target.value })} />
        </Field>
        <Field label="Max retries" error={errors["maxRetries"]} hint="0 to 3, on timeouts and 5xx answers">
          <input type="number" min={0} max={3} value={form.maxRetries} onChange={(e) => onChange({ maxRetries: e.target.value })} />
        </Field>
        <Field
          label="Follow redirects"
          error={errors["followRedirects"]}
          hint="Up to 3 hops; credentials are not sent to another host, scheme or port"
        >
          <input
            type="checkbox"
            checked={form.followRedirects}
            onChange={(e) => onChange({ followRedirects: e.target.checked })}
          />
        </Field>
        <Field label="Capping: max calls" error={errors["capping.maxCalls"]} hint="Calls over the cap fail fast">
          <input
            type="number"
            min={1}
            value={form.cappingMaxCalls}
            onChange={(e) => onChange({ cappingMaxCalls: e.target.value })}
          />
        </Field>
        <Field label="Capping: period (seconds)" error={errors["capping.periodSeconds"]}>
          <input
            type="number"
            min={1}
            max={86400}
            value={form.cappingPeriodSeconds}
            onChange={(e) => onChange({ cappingPeriodSeconds: e.target.value })}
          />
        </Field>
        <Field
          label="Throttling: max calls per second"
          error={errors["throttling.maxCallsPerSecond"] ?? errors["throttling"]}
          hint="Optional; calls are delayed to this rate, never dropped"
        >
          <input
            type="number"
            min={0}
            step="any"
            value={form.throttlingPerSecond}
            onChange={(e) => onChange({ throttlingPerSecond: e.target.value })}
          />
        </Field>
        <Field
          label="Throttling: max wait (seconds)"
          error={errors["throttling.maxWaitSeconds"]}
          hint="A call whose turn is further away fails fast as throttled"
        >
          <input
            type="number"
            min={0}
            max={86400}
            value={form.throttlingMaxWaitSeconds}
            onChange={(e) => onChange({ throttlingMaxWaitSeconds: e.target.value })}
          />
        </Field>
      </div>
    </fieldset>
  );
}
