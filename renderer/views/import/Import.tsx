/**
 * Import the national membership list: choose the weekly CSV, see what it
 * would do (new members, changed records, newly lapsed, rows with problems),
 * then apply it. Nothing is written before "Apply".
 *
 * Reading and planning run in a Web Worker (renderer/csv/plan-off-thread.ts)
 * and applying writes slices of members with the event loop given back in
 * between (renderer/csv/apply-in-chunks.ts), so a 10,000-row file does not
 * freeze the window. Leaving the screen (or locking) stops the apply after
 * the slice being written: what was written stays, whole members only, and
 * importing the same file again adds the rest.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isBadCsv, snakeHeader } from '../../../shared/csv';
import type { ImportPlan, ImportResult } from '../../../shared/csv';
import { setImportColumn } from '../../../shared/model';
import { ErrorText } from '../../components/ErrorText';
import { nextPaint } from '../../components/nextPaint';
import { useSpace } from '../../app/SpaceContext';
import { applyInChunks, type ApplyProgress } from '../../csv/apply-in-chunks';
import { PlanCancelled, planOffThread } from '../../csv/plan-off-thread';
import { ExportPanel } from './ExportPanel';
import { hasCsvDialog, openCsvWithDialog, readChosenFile } from './files';
import { PlanView } from './PlanView';
import { useThrottled } from '../../components/useThrottled';
import { FileChooser } from '../../components/FileChooser';

interface Planned {
  readonly fileName: string;
  /** Kept to plan again off the page if the roster changes while the plan is applied. */
  readonly bytes: Uint8Array;
  readonly plan: ImportPlan;
}

export function Import() {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  // Loosened consent the organizer ticked; none until they do.
  const [accepted, setAccepted] = useState<Set<string>>(() => new Set());
  const [remapped, setRemapped] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // At most a few updates a second: a screen reader reads each change of the status line.
  const [progress, setProgress] = useThrottled<ApplyProgress | null>(null, 500);
  const planHeading = useRef<HTMLHeadingElement>(null);
  const importHeading = useRef<HTMLHeadingElement>(null);
  // Aborted when the screen closes (navigation, lock, another space): the worker ends, the apply stops.
  const closing = useRef<AbortController>(new AbortController());
  useEffect(() => {
    const controller = new AbortController();
    closing.current = controller;
    return () => controller.abort();
  }, []);

  async function run(step: () => Promise<void>) {
    setBusy(true);
    setError(null);
    await nextPaint();
    try {
      await step();
    } catch (e) {
      if (!(e instanceof PlanCancelled)) setError(e);
    }
    setBusy(false);
  }

  async function plan(fileName: string, bytes: Uint8Array) {
    setPlanned(null);
    setResult(null);
    setAccepted(new Set());
    setRemapped(false);
    const made = await planOffThread(data, bytes, closing.current.signal);
    setPlanned({ fileName, bytes, plan: made });
    requestAnimationFrame(() => planHeading.current?.focus());
  }

  /** Saves the chapter's choice for a column, then reads the same file again with it (ticks are kept). */
  const mapColumn = (header: string, column: string | undefined) =>
    run(async () => {
      if (!planned) return;
      setImportColumn(data, snakeHeader(header), column);
      const made = await planOffThread(data, planned.bytes, closing.current.signal);
      setPlanned({ ...planned, plan: made });
      setRemapped(true);
    });

  const chooseWithDialog = () =>
    run(async () => {
      const file = await openCsvWithDialog();
      if (file) await plan(file.name, file.bytes);
    });

  const apply = () =>
    run(async () => {
      if (!planned) return;
      const signal = closing.current.signal;
      setProgress({ done: 0, total: planned.plan.created.length + planned.plan.changed.length }, true);
      const applied = await applyInChunks(data, planned.plan, {
        replan: () => planOffThread(data, planned.bytes, signal),
        onProgress: (p) => setProgress(p),
        signal,
        acceptedConsent: accepted,
      });
      if (signal.aborted) return;
      setProgress(null, true);
      setResult(applied);
      setPlanned(null);
      // The plan and its buttons are gone: keep the keyboard in the import panel, next to the result.
      requestAnimationFrame(() => importHeading.current?.focus());
    });

  const empty =
    planned && planned.plan.created.length + planned.plan.changed.length + planned.plan.recorded.length === 0;

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('import.title')}
      </h1>
      <section className="panel" aria-labelledby={`${id}-in`}>
        <h2 id={`${id}-in`} ref={importHeading} tabIndex={-1}>
          {t('import.importTitle')}
        </h2>
        <p>{t('import.intro')}</p>
        {hasCsvDialog() ? (
          <button type="button" onClick={() => void chooseWithDialog()} disabled={busy}>
            {t('import.choose')}
          </button>
        ) : (
          <FileChooser
            label={t('import.chooseFile')}
            accept=".csv,text/csv"
            disabled={busy}
            onChoose={(file) => void run(async () => plan(file.name, await readChosenFile(file)))}
          />
        )}
        <p role="status">
          {progress
            ? t('import.applying', { done: progress.done, count: progress.total })
            : busy
              ? t('import.working')
              : result
                ? [
                    t('import.done', {
                      createdText: t('import.doneCreated', { count: result.created }),
                      updatedText: t('import.doneUpdated', { count: result.updated }),
                      lapsedText: t('import.doneLapsed', { count: result.newlyLapsed }),
                    }),
                    result.consentAccepted > 0 ? t('import.doneConsent', { count: result.consentAccepted }) : '',
                  ]
                    .filter(Boolean)
                    .join(' ')
                : remapped
                  ? t('import.columns.saved')
                  : ''}
        </p>
        {progress && (
          <progress max={progress.total || 1} value={progress.done} aria-label={t('import.applyingLabel')} />
        )}
        {isBadCsv(error) ? (
          <p role="alert" className="error">
            {t('errors.bad-csv')} {t(`import.reason.${error.reason}`, { line: error.line ?? 1 })}
          </p>
        ) : (
          <ErrorText error={error} />
        )}
      </section>
      {planned && (
        <section className="panel" aria-labelledby={`${id}-plan`}>
          <h2 id={`${id}-plan`} ref={planHeading} tabIndex={-1}>
            {t('import.planTitle', { file: planned.fileName })}
          </h2>
          <p className="hint">{t('import.planHint')}</p>
          <PlanView
            plan={planned.plan}
            accepted={accepted}
            onAcceptedChange={setAccepted}
            onMapColumn={(header, column) => void mapColumn(header, column)}
            busy={busy}
          />
          <div className="actions">
            <button type="button" onClick={() => void apply()} disabled={busy || !!empty}>
              {planned.plan.skippedRows > 0 ? t('import.applyOthers') : t('import.apply')}
            </button>
            <button type="button" onClick={() => setPlanned(null)} disabled={busy}>
              {t('common.cancel')}
            </button>
          </div>
          {empty && <p className="hint">{t('import.nothingToDo')}</p>}
        </section>
      )}
      <ExportPanel />
    </section>
  );
}
