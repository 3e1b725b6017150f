import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { errorMessage } from "../api/client";
import type { JourneyDocument, JourneySummary } from "../api/types";
import { formatDateTime } from "../common/format";
import { RecordTable } from "../common/RecordTable";
import StatusBadge from "../common/StatusBadge";
import { downloadJson, exportJourney, useJourneyMutations, useJourneys } from "./queries";

/** The journeys list: status, version, and create, duplicate, delete, export and import. */
export default function JourneysPage() {
  const { t } = useTranslation();
  const journeys = useJourneys();
  const mutations = useJourneyMutations();
  const navigate = useNavigate();
  const fileInput = useRef<HTMLInputElement>(null);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  function create(event: FormEvent) {
    event.preventDefault();
    mutations.create.mutate(name.trim(), {
      onSuccess: (journey) => navigate(`/journeys/${journey.id}`),
      onError: (error) => setProblem(errorMessage(error)),
    });
  }

  async function exportOne(journey: JourneySummary) {
    try {
      downloadJson(await exportJourney(journey.id), journey.name);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  function remove(journey: JourneySummary) {
    if (!window.confirm(t("journeys.confirmDelete", { name: journey.name }))) return;
    mutations.remove.mutate(journey.id, { onError: (error) => setProblem(errorMessage(error)) });
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    let document: JourneyDocument;
    try {
      document = JSON.parse(await file.text()) as JourneyDocument;
    } catch {
      setProblem(t("journeys.notJsonFile", { file: file.name }));
      return;
    }
    mutations.importDocument.mutate(document, {
      onSuccess: () => setProblem(null),
      onError: (error) => setProblem(t("journeys.importFailed", { reason: errorMessage(error) })),
    });
  }

  return (
    <main className="page">
      <div className="page-title">
        <h1>{t("journeys.title")}</h1>
        <div className="actions">
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            aria-label={t("journeys.importFile")}
            tabIndex={-1}
            onChange={importFile}
          />
          <button type="button" onClick={() => fileInput.current?.click()}>
            {t("journeys.import")}
          </button>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t("journeys.create")}
          </button>
        </div>
      </div>
      {creating && (
        <form className="card inline-form" onSubmit={create} aria-label={t("journeys.newJourney")}>
          <label className="field">
            <span>{t("journeys.journeyName")}</span>
            <input required autoFocus maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={mutations.create.isPending || !name.trim()}>
            {t("common.create")}
          </button>
          <button type="button" onClick={() => setCreating(false)}>
            {t("common.cancel")}
          </button>
        </form>
      )}
      {problem && (
        <p role="alert" className="error banner">
          {problem}
        </p>
      )}
      {journeys.isPending && <p className="page-status">{t("journeys.loading")}</p>}
      <RecordTable
        records={journeys.data}
        error={journeys.error}
        empty={t("journeys.empty")}
        columns={[t("common.name"), t("common.status"), t("journeys.version"), t("common.updated")]}
        withActions
        row={(journey) => (
          <tr key={journey.id}>
            <th scope="row">
              <Link to={`/journeys/${journey.id}`}>{journey.name}</Link>
              {journey.description && <div className="muted">{journey.description}</div>}
            </th>
            <td>
              <StatusBadge status={journey.status} />
              {journey.liveVersion != null && journey.liveVersion !== journey.version && (
                <span className="muted"> {t("journeys.liveVersion", { version: journey.liveVersion })}</span>
              )}
            </td>
            <td>{t("journeys.versionShort", { version: journey.version })}</td>
            <td>{formatDateTime(journey.updatedAt)}</td>
            <td className="row-actions">
              <button
                type="button"
                onClick={() =>
                  mutations.duplicate.mutate(journey.id, { onError: (error) => setProblem(errorMessage(error)) })
                }
              >
                {t("journeys.duplicate")}
              </button>
              <button type="button" onClick={() => void exportOne(journey)}>
                {t("journeys.export")}
              </button>
              {journey.status === "draft" && journey.version === 1 && (
                <button type="button" className="danger" onClick={() => remove(journey)}>
                  {t("common.delete")}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </main>
  );
}
