/** The left palette: event types, orchestration steps and custom actions to drag (or Enter) onto the canvas. */
import { useMemo, useState, type DragEvent } from "react";

import { writePaletteDrag, type PaletteItem } from "./paletteDrag";

interface PaletteProps {
  events: PaletteItem[];
  actions: PaletteItem[];
  disabled: boolean;
  onAdd: (item: PaletteItem) => void;
}

const ORCHESTRATION: PaletteItem[] = [
  { kind: "condition", label: "Condition", description: "Split profiles into branches by rules" },
  { kind: "wait", label: "Wait", description: "Pause for a duration" },
  { kind: "end", label: "End", description: "The journey ends here" },
];

function Group({ title, items, disabled, onAdd, empty }: {
  title: string;
  items: PaletteItem[];
  disabled: boolean;
  onAdd: (item: PaletteItem) => void;
  empty: string;
}) {
  const headingId = `palette-${title.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className={`palette-group palette-${title.toLowerCase()}`}>
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
    <aside aria-label="Palette" className="palette">
      <label className="palette-search">
        Search
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Filter steps" />
      </label>
      {disabled && <p className="palette-note">This version is published and read-only.</p>}
      <Group title="Events" items={filtered(events)} disabled={disabled} onAdd={onAdd}
        empty={query ? "No match" : "No event types configured yet"} />
      <Group title="Orchestration" items={filtered(ORCHESTRATION)} disabled={disabled} onAdd={onAdd}
        empty="No match" />
      <Group title="Action" items={filtered(actions)} disabled={disabled} onAdd={onAdd}
        empty={query ? "No match" : "No custom actions configured yet"} />
      <p className="palette-hint">Drag onto the canvas or onto a connection, or press Enter.</p>
    </aside>
  );
}
