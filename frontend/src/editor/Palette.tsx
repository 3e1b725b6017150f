/** The left palette: event types, orchestration steps and custom actions to drag (or Enter) onto the canvas. */
import type { TFunction } from "i18next";
import { useMemo, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";

import { kindLabel } from "./graph";
import { writePaletteDrag, type PaletteItem } from "./paletteDrag";

interface PaletteProps {
  events: PaletteItem[];
  actions: PaletteItem[];
  disabled: boolean;
  onAdd: (item: PaletteItem) => void;
}

/** Condition, wait and end, named in the UI's language. */
function orchestration(t: TFunction): PaletteItem[] {
  return [
    { kind: "condition", label: kindLabel("condition"), description: t("palette.conditionHelp") },
    { kind: "wait", label: kindLabel("wait"), description: t("palette.waitHelp") },
    { kind: "end", label: kindLabel("end"), description: t("palette.endHelp") },
  ];
}

function Group({ group, title, items, disabled, onAdd, empty }: {
  /** A stable name for ids and styles, whatever the language. */
  group: string;
  title: string;
  items: PaletteItem[];
  disabled: boolean;
  onAdd: (item: PaletteItem) => void;
  empty: string;
}) {
  const headingId = `palette-${group}`;
  return (
    <section aria-labelledby={headingId} className={`palette-group palette-${group}`}>
      <h3 id={headingId}>{title}</h3>
      {items.length === 0 ? (
        <p className="palette-empty">{empty}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={`${item.kind}:${item.actionId ?? item.eventTypeId ?? item.label}`}>
              <button
                type="button"
                className={`palette-item kind-${item.kind}`}
                draggable={!disabled}
                disabled={disabled}
                title={item.description || item.label}
                onDragStart={(event: DragEvent) => writePaletteDrag(event.dataTransfer, item)}
                onClick={() => onAdd(item)}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Palette({ events, actions, disabled, onAdd }: PaletteProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const matches = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return (item: PaletteItem) =>
      !needle ||
      item.label.toLowerCase().includes(needle) ||
      (item.description ?? "").toLowerCase().includes(needle);
  }, [query]);
  const filtered = (items: PaletteItem[]) => items.filter(matches);
  return (
    <aside aria-label={t("palette.label")} className="palette">
      <label className="palette-search">
        {t("palette.search")}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("palette.filter")} />
      </label>
      {disabled && <p className="palette-note">{t("palette.readOnly")}</p>}
      <Group group="events" title={t("palette.groups.events")} items={filtered(events)} disabled={disabled} onAdd={onAdd}
        empty={query ? t("palette.noMatch") : t("palette.noEventTypes")} />
      <Group group="orchestration" title={t("palette.groups.orchestration")} items={filtered(orchestration(t))}
        disabled={disabled} onAdd={onAdd} empty={t("palette.noMatch")} />
      <Group group="action" title={t("palette.groups.action")} items={filtered(actions)} disabled={disabled} onAdd={onAdd}
        empty={query ? t("palette.noMatch") : t("palette.noActions")} />
      <p className="palette-hint">{t("palette.hint")}</p>
    </aside>
  );
}
