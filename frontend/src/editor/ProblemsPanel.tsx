/** The validation result: every problem, each one jumping to its node. */
import { useReactFlow } from "@xyflow/react";
import { useShallow } from "zustand/react/shallow";

import { displayName } from "./describe";
import { useEditorStore } from "./store";

export function ProblemsPanel({ checked, onClose }: { checked: boolean; onClose: () => void }) {
  const problems = useEditorStore((s) => s.problems);
  // Names of the nodes the problems point at (strings, so dragging does not re-render the panel).
  const names = useEditorStore(
    useShallow((s) =>
      s.problems.map((p) => {
        const node = p.nodeId ? s.nodes.find((n) => n.id === p.nodeId) : undefined;
        return node ? displayName(node, s.catalog) : null;
      }),
    ),
  );
  const { setCenter } = useReactFlow();
  if (!checked) return null;
  // Warnings (a field some events lack) never block publishing; errors do.
  const errorCount = problems.filter((p) => p.severity !== "warning").length;
  const warningCount = problems.length - errorCount;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const title = errorCount
    ? [plural(errorCount, "problem"), ...(warningCount ? [plural(warningCount, "warning")] : [])].join(", ")
    : warningCount
      ? `Ready to publish, with ${plural(warningCount, "warning")}`
      : "No problems: ready to publish";
  const focus = (nodeId: string) => {
    const node = useEditorStore.getState().nodes.find((n) => n.id === nodeId);
    if (!node) return;
    useEditorStore.getState().select(nodeId);
    // A node's position is its centre (NODE_ORIGIN).
    void setCenter(node.position.x, node.position.y, { zoom: 1, duration: 250 });
  };
  return (
    <section aria-label="Problems" className={errorCount ? "problems has-problems" : "problems"}>
      <header>
        <h2>{title}</h2>
        <button type="button" className="link-button" onClick={onClose}>Hide</button>
      </header>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, index) => {
            const name = names[index];
            return (
              <li key={index} className={p.severity === "warning" ? "warning" : undefined}>
                {p.severity === "warning" && <span className="problem-severity">Warning · </span>}
                {p.nodeId && name ? (
                  <button type="button" className="link-button" onClick={() => focus(p.nodeId as string)}>
                    {name}
                  </button>
                ) : (
                  <strong>Journey</strong>
                )}
                : {p.message}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
