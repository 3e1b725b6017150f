/** Picks a context field: event fields, a free `profile.*` attribute, journey facts or earlier step results. */
import { useId } from "react";

import type { FieldGroup } from "../fieldPaths";

const PROFILE = "profile.";

interface FieldPickerProps {
  label: string;
  value: string;
  groups: FieldGroup[];
  onChange: (path: string) => void;
}

export function FieldPicker({ label, value, groups, onChange }: FieldPickerProps) {
  const id = useId();
  const known = groups.some((g) => g.options.some((o) => o.path === value));
  // A listed profile field (profile.id) is picked as is; any other attribute is typed after "profile.".
  const isProfile = value.startsWith(PROFILE) && !known;
  const withProfile = groups.some((g) => g.label === "Profile") ? groups : [...groups, { label: "Profile", options: [] }];
  const selectValue = isProfile ? PROFILE : value;
  return (
    <span className="field-picker">
      <select
        id={id}
        aria-label={label}
        value={selectValue}
        onChange={(e) => onChange(e.target.value === PROFILE ? `${PROFILE}` : e.target.value)}
      >
        <option value="">Pick a field…</option>
        {value && !isProfile && !known && <option value={value}>{value} (not available here)</option>}
        {withProfile.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.path} value={option.path}>
                {option.path} · {option.type}
              </option>
            ))}
            {group.label === "Profile" && <option value={PROFILE}>profile.… (type an attribute)</option>}
          </optgroup>
        ))}
      </select>
      {isProfile && (
        <input
          className="nodrag"
          aria-label={`${label}: profile attribute`}
          placeholder="e.g. firstName"
          value={value.slice(PROFILE.length)}
          onChange={(e) => onChange(`${PROFILE}${e.target.value}`)}
        />
      )}
    </span>
  );
}
