import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
  return (
    <fieldset className="section">
      <legend>{t("actions.delivery.title")}</legend>
      <div className="grid">
        <Field label={t("actions.delivery.timeout")} error={errors["timeoutMs"]} hint={t("actions.delivery.timeoutHint")}>
          <input type="number" min={100} max={30000} value={form.timeoutMs} onChange={(e) => onChange({ timeoutMs: e.target.value })} />
        </Field>
        <Field label={t("actions.delivery.maxRetries")} error={errors["maxRetries"]} hint={t("actions.delivery.maxRetriesHint")}>
          <input type="number" min={0} max={3} value={form.maxRetries} onChange={(e) => onChange({ maxRetries: e.target.value })} />
        </Field>
        <Field
          label={t("actions.delivery.followRedirects")}
          error={errors["followRedirects"]}
          hint={t("actions.delivery.followRedirectsHint")}
        >
          <input
            type="checkbox"
            checked={form.followRedirects}
            onChange={(e) => onChange({ followRedirects: e.target.checked })}
          />
        </Field>
        <Field label={t("actions.delivery.cappingMaxCalls")} error={errors["capping.maxCalls"]} hint={t("actions.delivery.cappingHint")}>
          <input
            type="number"
            min={1}
            value={form.cappingMaxCalls}
            onChange={(e) => onChange({ cappingMaxCalls: e.target.value })}
          />
        </Field>
        <Field label={t("actions.delivery.cappingPeriod")} error={errors["capping.periodSeconds"]}>
          <input
            type="number"
            min={1}
            max={86400}
            value={form.cappingPeriodSeconds}
            onChange={(e) => onChange({ cappingPeriodSeconds: e.target.value })}
          />
        </Field>
        <Field
          label={t("actions.delivery.throttlingRate")}
          error={errors["throttling.maxCallsPerSecond"] ?? errors["throttling"]}
          hint={t("actions.delivery.throttlingRateHint")}
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
          label={t("actions.delivery.throttlingWait")}
          error={errors["throttling.maxWaitSeconds"]}
          hint={t("actions.delivery.throttlingWaitHint")}
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
