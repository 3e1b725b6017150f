/** The canvas node component: kind, name, problem badge, live counts and labelled output handles. */
import { Handle, Position, type NodeProps, type NodeTypes } from "@xyflow/react";
import { memo } from "react";
import { useTranslation } from "react-i18next";

import { displayName, summary } from "./describe";
import { formatNumber } from "../common/format";
import { kindLabel, outputLabel, outputsOf } from "./graph";
import { useEditorStore } from "./store";
import type { JourneyNode } from "./types";

const NO_PROBLEMS: string[] = [];

function ProblemBadge({ messages }: { messages: string[] }) {
  const { t } = useTranslation();
  if (messages.length === 0) return null;
  const text = messages.join("\n");
  return (
    <span
      className="node-problems"
      role="img"
      title={text}
      aria-label={t("editor.problemBadge", { count: messages.length, list: messages.join("; ") })}
    >
      {messages.length}
    </span>
  );
}

const COUNTS = ["entered", "succeeded", "failed", "waiting", "capped", "timedOut"] as const;

function LiveCounts({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation();
  const stats = useEditorStore((s) => s.stats[nodeId]);
  if (!stats) return null;
  return (
    <dl className="node-stats" aria-label={t("editor.liveCounts")}>
      {COUNTS.filter((count) => stats[count] > 0 || count === "entered").map((count) => (
        <div key={count}>
          <dt>{t(`editor.counts.${count}`)}</dt>
          <dd>{formatNumber(stats[count])}</dd>
        </div>
      ))}
    </dl>
  );
}

function JourneyNodeCard({ id, type, data, selected }: NodeProps<JourneyNode>) {
  // Subscribing re-renders the (memoised) card when the language changes.
  const { t } = useTranslation();
  const node = { id, type, data, position: { x: 0, y: 0 } } as JourneyNode;
  const catalog = useEditorStore((s) => s.catalog);
  const problems = useEditorStore((s) => s.problemsByNode[id] ?? NO_PROBLEMS);
  const onPath = useEditorStore((s) => s.highlighted.has(id));
  const readOnly = useEditorStore((s) => s.readOnly);
  const name = displayName(node, catalog);
  const outputs = outputsOf(node);
  const classes = ["journey-node", `kind-${type}`];
  if (selected) classes.push("is-selected");
  if (problems.length > 0) classes.push("has-problems");
  if (onPath) classes.push("on-path");
  return (
    <div className={classes.join(" ")} role="group" aria-label={t("editor.nodeLabel", { kind: kindLabel(type), name })}>
      {type !== "event" && (
        <Handle type="target" position={Position.Left} className="handle-in" isConnectable={!readOnly} />
      )}
      <header className="node-head">
        <span className="node-kind">{kindLabel(type)}</span>
        <ProblemBadge messages={problems} />
      </header>
      <div className="node-name">{name}</div>
      <div className="node-summary">{summary(node, catalog)}</div>
      <LiveCounts nodeId={id} />
      {outputs.length > 0 && (
        <ul className="node-outputs">
          {outputs.map((handle) => {
            const label = outputLabel(node, handle);
            return (
              <li key={handle} className={`output output-${handle === "error" ? "error" : "ok"}`}>
                <span>{label}</span>
                <Handle
                  type="source"
                  id={handle}
                  position={Position.Right}
                  isConnectable={!readOnly}
                  aria-label={t("editor.outputOf", { output: label, name })}
                  title={t("editor.dragToConnect", { output: label })}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

const JourneyNodeView = memo(JourneyNodeCard);

/** Registered once at module scope so React Flow never re-mounts nodes. */
export const nodeTypes: NodeTypes = {
  event: JourneyNodeView,
  condition: JourneyNodeView,
  wait: JourneyNodeView,
  action: JourneyNodeView,
  end: JourneyNodeView,
};
