/** The right-hand inspector: edits the selected node; read-only on a published version. */
import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";

import { emptyGroup, type RuleGroup } from "../definition";
import { displayName, splitDuration, UNITS, type DurationUnit } from "../describe";
import { fieldGroups } from "../fieldPaths";
import { KIND_LABELS, newId } from "../graph";
import { selectSelectedNodeId, useEditorStore } from "../store";
import type { JourneyNode, NodeData, NodeOfKind } from "../types";
import { ActionMappingsEditor } from "./ActionMappings";
import { RuleBuilder } from "./RuleBuilder";

type Update = (change: (data: NodeData) => NodeData, key?: string) => void;

/** Field picker groups at a node; recomputed when the graph's content changes, not while nodes are dragged. */
function useFieldGroups(nodeId: string) {
  const contents = useEditorStore(useShallow((s) => s.nodes.map((n) => n.data)));
  const edges = useEditorStore((s) => s.edges);
  const catalog = useEditorStore((s) => s.catalog);
  return useMemo(
    () => fieldGroups({ nodes: useEditorStore.getState().nodes, edges }, nodeId, catalog),
    // `contents` stands for the nodes: positions do not matter here, names, types and config do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [contents, edges, nodeId, catalog],
  );
}

function EventSection({ node, update }: { node: NodeOfKind<"event">; update: Update }) {
  const eventTypes = useEditorStore((s) => s.catalog.eventTypes);
  const groups = useFieldGroups(node.id);
  const filter = node.data.filter;
  const set = (patch: Partial<NodeData<"event">>, key?: string) =>
    update((d) => ({ ...d, ...patch }) as NodeData, key);
  return (
    <>
      <label>
        Event type
        <select value={node.data.eventTypeId ?? ""} onChange={(e) => set({ eventTypeId: e.target.value || null })}>
          <option value="">Choose…</option>
          {[...eventTypes.values()].map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={filter !== null}
          onChange={(e) => set({ filter: e.target.checked ? emptyGroup() : null })} />
        Only when the event matches a filter
      </label>
      {filter && (
        <RuleBuilder label="Filter" group={filter} groups={groups}
          onChange={(g: RuleGroup) => set({ filter: g }, "filter")} />
      )}
    </>
  );
}

function ConditionSection({ node, update }: { node: NodeOfKind<"condition">; update: Update }) {
  const groups = useFieldGroups(node.id);
  const branches = node.data.branches;
  const setBranches = (next: typeof branches, key?: string) =>
    update((d) => ({ ...d, branches: next }) as NodeData, key);
  return (
    <div className="branches">
      <p className="muted">The first branch whose rules match wins; otherwise the “otherwise” output.</p>
      {branches.map((branch, index) => {
        const label = `Branch ${index + 1}`;
        const replace = (patch: Partial<typeof branch>) =>
          branches.map((b) => (b.id === branch.id ? { ...b, ...patch } : b));
        return (
          <section key={branch.id} className="branch" aria-label={label}>
            <div className="branch-head">
              <label>
                {`${label} name`}
                <input value={branch.name} onChange={(e) => setBranches(replace({ name: e.target.value }), `${branch.id}:name`)} />
              </label>
              <button type="button" className="link-button danger" aria-label={`Remove ${label.toLowerCase()}`}
                onClick={() => setBranches(branches.filter((b) => b.id !== branch.id))}>
                Remove
              </button>
            </div>
            <RuleBuilder label={label} group={branch.when} groups={groups}
              onChange={(when) => setBranches(replace({ when }), `${branch.id}:when`)} />
          </section>
        );
      })}
      <button type="button" onClick={() =>
        setBranches([...branches, { id: newId("b"), name: `Branch ${branches.length + 1}`, when: emptyGroup() }])}>
        Add branch
      </button>
    </div>
  );
}

/** A number of seconds edited as an amount and a unit (minutes, hours, days). */
function DurationInput({ seconds, amountLabel, unitLabel, onChange }: {
  seconds: number;
  amountLabel: string;
  unitLabel: string;
  onChange: (seconds: number) => void;
}) {
  const { amount, unit } = splitDuration(seconds);
  const size = (u: DurationUnit) => UNITS.find((x) => x.unit === u)?.seconds ?? 60;
  const set = (value: number, u: DurationUnit) => onChange(Math.max(0, Math.round(value * size(u))));
  return (
    <div className="duration">
      <label>
        {amountLabel}
        <input type="number" min={0} value={amount} onChange={(e) => set(Number(e.target.value), unit)} />
      </label>
      <label>
        {unitLabel}
        <select value={unit} onChange={(e) => set(amount, e.target.value as DurationUnit)}>
          {UNITS.map((u) => <option key={u.unit} value={u.unit}>{u.unit}</option>)}
        </select>
      </label>
    </div>
  );
}

function WaitSection({ node, update }: { node: NodeOfKind<"wait">; update: Update }) {
  return (
    <DurationInput seconds={node.data.durationSeconds} amountLabel="Duration" unitLabel="Unit"
      onChange={(seconds) => update((d) => ({ ...d, durationSeconds: seconds }) as NodeData, "duration")} />
  );
}

function ActionSection({ node, update }: { node: NodeOfKind<"action">; update: Update }) {
  const action = useEditorStore((s) => (node.data.actionId ? s.catalog.actions.get(node.data.actionId) : undefined));
  const groups = useFieldGroups(node.id);
  return (
    <>
      {action?.description && <p className="muted">{action.description}</p>}
      <label className="checkbox">
        <input type="checkbox" checked={node.data.errorPath}
          onChange={(e) => update((d) => ({ ...d, errorPath: e.target.checked }) as NodeData)} />
        Add an alternative path in case of timeout or error
      </label>
      <ActionMappingsEditor action={action} mappings={node.data.mappings} groups={groups}
        onChange={(mappings, key) => update((d) => ({ ...d, mappings }) as NodeData, key)} />
    </>
  );
}

/** Entry rules of the whole journey, shown while no step is selected. */
function JourneySettingsSection() {
  const settings = useEditorStore((s) => s.settings);
  const readOnly = useEditorStore((s) => s.readOnly);
  const setSettings = useEditorStore((s) => s.setSettings);
  return (
    <fieldset disabled={readOnly} className="inspector-form" aria-label="Journey settings">
      <h2>Journey settings</h2>
      <label className="checkbox">
        <input type="checkbox" checked={settings.reentrance}
          onChange={(e) => setSettings({ ...settings, reentrance: e.target.checked })} />
        Profiles may enter again after they leave
      </label>
      {settings.reentrance && (
        <DurationInput seconds={settings.reentranceWaitSeconds} amountLabel="Wait before entering again"
          unitLabel="Wait unit" onChange={(seconds) => setSettings({ ...settings, reentranceWaitSeconds: seconds })} />
      )}
      <p className="muted">
        A profile is never in this journey twice at once, whatever the version. Settings are saved with the journey.
      </p>
    </fieldset>
  );
}

function KindSection({ node, update }: { node: JourneyNode; update: Update }) {
  switch (node.type) {
    case "event":
      return <EventSection node={node} update={update} />;
    case "condition":
      return <ConditionSection node={node} update={update} />;
    case "wait":
      return <WaitSection node={node} update={update} />;
    case "action":
      return <ActionSection node={node} update={update} />;
    case "end":
      return <p className="muted">Profiles that reach this step complete the journey.</p>;
  }
}

export function Inspector() {
  const selectedId = useEditorStore(selectSelectedNodeId);
  // Select type and data, not the node object, so dragging (a new position each frame) does not re-render.
  const type = useEditorStore((s) => s.nodes.find((n) => n.id === selectedId)?.type);
  const data = useEditorStore((s) => s.nodes.find((n) => n.id === selectedId)?.data);
  const node = useMemo(
    () => (selectedId && type && data ? ({ id: selectedId, type, data, position: { x: 0, y: 0 } } as JourneyNode) : null),
    [selectedId, type, data],
  );
  const readOnly = useEditorStore((s) => s.readOnly);
  const catalog = useEditorStore((s) => s.catalog);
  const problems = useEditorStore((s) => (selectedId ? s.problemsByNode[selectedId] : undefined));
  const updateNodeData = useEditorStore((s) => s.updateNodeData);
  const deleteNode = useEditorStore((s) => s.deleteNode);
  if (!node) {
    return (
      <aside aria-label="Inspector" className="inspector">
        <p className="muted">Select a step to configure it. Drag from a step’s output dot to another step to connect them.</p>
        <JourneySettingsSection />
      </aside>
    );
  }
  const update: Update = (change, key) => updateNodeData(node.id, change, key);
  return (
    <aside aria-label="Inspector" className="inspector">
      <h2>
        <span className={`kind-pill kind-${node.type}`}>{KIND_LABELS[node.type]}</span> {displayName(node, catalog)}
      </h2>
      {problems && (
        <ul className="inspector-problems" aria-label="Problems of this step">
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
      <fieldset disabled={readOnly} className="inspector-form">
        <label>
          Name
          <input value={node.data.name} placeholder={displayName(node, catalog)}
            onChange={(e) => update((d) => ({ ...d, name: e.target.value }), "name")} />
        </label>
        <KindSection node={node} update={update} />
        <button type="button" className="danger" onClick={() => deleteNode(node.id)}>Delete</button>
      </fieldset>
    </aside>
  );
}
