/** The validation result: every problem, each one jumping to its node. */
import { useReactFlow } from "@xyflow/react";
import { useTranslation } from "react-i18next";
import { useShallow } from "zustand/react/shallow";

import { displayName } from "./describe";
import { useEditorStore } from "./store";

export function ProblemsPanel({ checked, onClose }: { checked: boolean; onClose: () => void }) {
  const { t } = useTranslation();
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
  const warnings = t("editor.warningCount", { count: warningCount });
  const title = errorCount
    ? [t("editor.problemCount", { count: errorCount }), ...(warningCount ? [warnings] : [])].join(", ")
    : warningCount
      ? t("editor.readyWithWarnings", { warnings })
      : t("editor.noProblems");
  const focus = (nodeId: string) => {
    const node = useEditorStore.getState().nodes.find((n) => n.id === nodeId);
    if (!node) return;
    useEditorStore.getState().select(nodeId);
    // A node's position is its centre (NODE_ORIGIN).
    void setCenter(node.position.x, node.position.y, { zoom: 1, duration: 250 });
  };
  return (
    <section aria-label={t("editor.problems")} className={errorCount ? "problems has-problems" : "problems"}>
      <header>
        <h2>{title}</h2>
        <button type="button" className="link-button" onClick={onClose}>{t("editor.hide")}</button>
      </header>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, index) => {
            const name = names[index];
            return (
              <li key={index} className={p.severity === "warning" ? "warning" : undefined}>
                {p.severity === "warning" && <span className="problem-severity">{t("editor.warningPrefix")}</span>}
                {p.nodeId && name ? (
                  <button type="button" className="link-button" onClick={() => focus(p.nodeId as string)}>
                    {name}
                  </button>
                ) : (
                  <strong>{t("editor.journey")}</strong>
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
