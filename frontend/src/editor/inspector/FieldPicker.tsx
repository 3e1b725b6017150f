/** Picks a context field: event fields, a free `profile.*` attribute, journey facts or earlier step results. */
import { useId } from "react";
import { useTranslation } from "react-i18next";

import type { FieldGroup } from "../fieldPaths";

const PROFILE = "profile.";

interface FieldPickerProps {
  label: string;
  value: string;
  groups: FieldGroup[];
  onChange: (path: string) => void;
}

export function FieldPicker({ label, value, groups, onChange }: FieldPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const known = groups.some((g) => g.options.some((o) => o.path === value));
  // A listed profile field (profile.id) is picked as is; any other attribute is typed after "profile.".
  const isProfile = value.startsWith(PROFILE) && !known;
  const profileLabel = t("editor.fieldGroups.profile");
  const withProfile = groups.some((g) => g.label === profileLabel) ? groups : [...groups, { label: profileLabel, options: [] }];
  const selectValue = isProfile ? PROFILE : value;
  return (
    <span className="field-picker">
      <select
        id={id}
        aria-label={label}
        value={selectValue}
        onChange={(e) => onChange(e.target.value === PROFILE ? `${PROFILE}` : e.target.value)}
      >
        <option value="">{t("inspector.picker.pick")}</option>
        {value && !isProfile && !known && <option value={value}>{t("inspector.picker.notAvailable", { path: value })}</option>}
        {withProfile.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.path} value={option.path}>
                {option.path} · {option.type}
              </option>
            ))}
            {group.label === profileLabel && <option value={PROFILE}>{t("inspector.picker.profileOption")}</option>}
          </optgroup>
        ))}
      </select>
      {isProfile && (
        <input
          className="nodrag"
          aria-label={t("inspector.picker.profileAttribute", { label })}
          placeholder={t("inspector.picker.profilePlaceholder")}
          value={value.slice(PROFILE.length)}
          onChange={(e) => onChange(`${PROFILE}${e.target.value}`)}
        />
      )}
    </span>
  );
}
