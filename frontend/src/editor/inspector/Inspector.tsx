/** The right-hand inspector: edits the selected node; read-only on a published version. */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useShallow } from "zustand/react/shallow";

import { emptyGroup, type RuleGroup } from "../definition";
import { displayName, splitDuration, UNITS, type DurationUnit } from "../describe";
import { fieldGroups } from "../fieldPaths";
import { branchLabel, kindLabel, newId } from "../graph";
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
  const { t } = useTranslation();
  const eventTypes = useEditorStore((s) => s.catalog.eventTypes);
  const groups = useFieldGroups(node.id);
  const filter = node.data.filter;
  const set = (patch: Partial<NodeData<"event">>, key?: string) =>
    update((d) => ({ ...d, ...patch }) as NodeData, key);
  return (
    <>
      <label>
        {t("inspector.eventType")}
        <select value={node.data.eventTypeId ?? ""} onChange={(e) => set({ eventTypeId: e.target.value || null })}>
          <option value="">{t("inspector.choose")}</option>
          {[...eventTypes.values()].map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={filter !== null}
          onChange={(e) => set({ filter: e.target.checked ? emptyGroup() : null })} />
        {t("inspector.onlyWhenFilter")}
      </label>
      {filter && (
        <RuleBuilder label={t("inspector.filter")} group={filter} groups={groups}
          onChange={(g: RuleGroup) => set({ filter: g }, "filter")} />
      )}
    </>
  );
}

function ConditionSection({ node, update }: { node: NodeOfKind<"condition">; update: Update }) {
  const { t } = useTranslation();
  const groups = useFieldGroups(node.id);
  const branches = node.data.branches;
  const setBranches = (next: typeof branches, key?: string) =>
    update((d) => ({ ...d, branches: next }) as NodeData, key);
  return (
    <div className="branches">
      <p className="muted">{t("inspector.firstBranchWins")}</p>
      {branches.map((branch, index) => {
        const label = branchLabel(index);
        const replace = (patch: Partial<typeof branch>) =>
          branches.map((b) => (b.id === branch.id ? { ...b, ...patch } : b));
        return (
          <section key={branch.id} className="branch" aria-label={label}>
            <div className="branch-head">
              <label>
                {t("inspector.branchName", { n: index + 1 })}
                <input value={branch.name} onChange={(e) => setBranches(replace({ name: e.target.value }), `${branch.id}:name`)} />
              </label>
              <button type="button" className="link-button danger" aria-label={t("inspector.removeBranch", { n: index + 1 })}
                onClick={() => setBranches(branches.filter((b) => b.id !== branch.id))}>
                {t("common.remove")}
              </button>
            </div>
            <RuleBuilder label={label} group={branch.when} groups={groups}
              onChange={(when) => setBranches(replace({ when }), `${branch.id}:when`)} />
          </section>
        );
      })}
      <button type="button" onClick={() =>
        setBranches([...branches, { id: newId("b"), name: branchLabel(branches.length), when: emptyGroup() }])}>
        {t("inspector.addBranch")}
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
  const { t } = useTranslation();
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
          {UNITS.map((u) => <option key={u.unit} value={u.unit}>{t(`inspector.units.${u.unit}`)}</option>)}
        </select>
      </label>
    </div>
  );
}

function WaitSection({ node, update }: { node: NodeOfKind<"wait">; update: Update }) {
  const { t } = useTranslation();
  return (
    <DurationInput seconds={node.data.durationSeconds} amountLabel={t("inspector.duration")} unitLabel={t("inspector.unit")}
      onChange={(seconds) => update((d) => ({ ...d, durationSeconds: seconds }) as NodeData, "duration")} />
  );
}

function ActionSection({ node, update }: { node: NodeOfKind<"action">; update: Update }) {
  const { t } = useTranslation();
  const action = useEditorStore((s) => (node.data.actionId ? s.catalog.actions.get(node.data.actionId) : undefined));
  const groups = useFieldGroups(node.id);
  return (
    <>
      {action?.description && <p className="muted">{action.description}</p>}
      <label className="checkbox">
        <input type="checkbox" checked={node.data.errorPath}
          onChange={(e) => update((d) => ({ ...d, errorPath: e.target.checked }) as NodeData)} />
        {t("inspector.errorPath")}
      </label>
      <ActionMappingsEditor action={action} mappings={node.data.mappings} groups={groups}
        onChange={(mappings, key) => update((d) => ({ ...d, mappings }) as NodeData, key)} />
    </>
  );
}

/** Entry rules of the whole journey, shown while no step is selected. */
function JourneySettingsSection() {
  const { t } = useTranslation();
  const settings = useEditorStore((s) => s.settings);
  const readOnly = useEditorStore((s) => s.readOnly);
  const setSettings = useEditorStore((s) => s.setSettings);
  return (
    <fieldset disabled={readOnly} className="inspector-form" aria-label={t("inspector.settings")}>
      <h2>{t("inspector.settings")}</h2>
      <label className="checkbox">
        <input type="checkbox" checked={settings.reentrance}
          onChange={(e) => setSettings({ ...settings, reentrance: e.target.checked })} />
        {t("inspector.reentrance")}
      </label>
      {settings.reentrance && (
        <DurationInput seconds={settings.reentranceWaitSeconds} amountLabel={t("inspector.reentranceWait")}
          unitLabel={t("inspector.reentranceUnit")} onChange={(seconds) => setSettings({ ...settings, reentranceWaitSeconds: seconds })} />
      )}
      <p className="muted">
        {t("inspector.settingsNote")}
      </p>
    </fieldset>
  );
}

function KindSection({ node, update }: { node: JourneyNode; update: Update }) {
  const { t } = useTranslation();
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
      return <p className="muted">{t("inspector.endNote")}</p>;
  }
}

export function Inspector() {
  const { t } = useTranslation();
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
      <aside aria-label={t("inspector.label")} className="inspector">
        <p className="muted">{t("inspector.selectStep")}</p>
        <JourneySettingsSection />
      </aside>
    );
  }
  const update: Update = (change, key) => updateNodeData(node.id, change, key);
  return (
    <aside aria-label={t("inspector.label")} className="inspector">
      <h2>
        <span className={`kind-pill kind-${node.type}`}>{kindLabel(node.type)}</span> {displayName(node, catalog)}
      </h2>
      {problems && (
        <ul className="inspector-problems" aria-label={t("inspector.stepProblems")}>
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
      <fieldset disabled={readOnly} className="inspector-form">
        <label>
          {t("inspector.name")}
          <input value={node.data.name} placeholder={displayName(node, catalog)}
            onChange={(e) => update((d) => ({ ...d, name: e.target.value }), "name")} />
        </label>
        <KindSection node={node} update={update} />
        <button type="button" className="danger" onClick={() => deleteNode(node.id)}>{t("common.delete")}</button>
      </fieldset>
    </aside>
  );
}
