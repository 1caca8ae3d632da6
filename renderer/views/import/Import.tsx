/**
 * Import the national membership list: choose the weekly CSV, see what it
 * would do (new members, changed records, newly lapsed, rows with problems),
 * then apply it in one step. Nothing is written before "Apply".
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyImport, isBadCsv, parseNationalList, planImport } from '../../../shared/csv';
import type { ImportPlan, ImportResult } from '../../../shared/csv';
import { ErrorText } from '../../app/ErrorText';
import { nextPaint } from '../../app/nextPaint';
import { useSpace } from '../../app/SpaceContext';
import { ExportPanel } from './ExportPanel';
import { hasCsvDialog, openCsvWithDialog, readChosenFile } from './files';
import { PlanView } from './PlanView';

interface Planned {
  readonly fileName: string;
  readonly plan: ImportPlan;
}

export function Import() {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const planHeading = useRef<HTMLHeadingElement>(null);

  async function run(step: () => Promise<void>) {
    setBusy(true);
    setError(null);
    await nextPaint();
    try {
      await step();
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  }

  function plan(fileName: string, bytes: Uint8Array) {
    return run(async () => {
      setPlanned(null);
      setResult(null);
      setPlanned({ fileName, plan: planImport(data, parseNationalList(bytes)) });
      requestAnimationFrame(() => planHeading.current?.focus());
    });
  }

  const chooseWithDialog = () =>
    run(async () => {
      const file = await openCsvWithDialog();
      if (file) await plan(file.name, file.bytes);
    });

  const apply = () =>
    run(async () => {
      if (!planned) return;
      setResult(applyImport(data, planned.plan));
      setPlanned(null);
    });

  const empty = planned && planned.plan.created.length === 0 && planned.plan.changed.length === 0;

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('import.title')}
      </h1>
      <section className="panel" aria-labelledby={`${id}-in`}>
        <h2 id={`${id}-in`}>{t('import.importTitle')}</h2>
        <p>{t('import.intro')}</p>
        {hasCsvDialog() ? (
          <button type="button" onClick={() => void chooseWithDialog()} disabled={busy}>
            {t('import.choose')}
          </button>
        ) : (
          <>
            <label htmlFor={`${id}-file`}>{t('import.chooseFile')}</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".csv,text/csv"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void run(async () => plan(file.name, await readChosenFile(file)));
              }}
            />
          </>
        )}
        <p role="status" aria-busy={busy}>
          {busy
            ? t('import.working')
            : result
              ? t('import.done', { created: result.created, updated: result.updated, lapsed: result.newlyLapsed })
              : ''}
        </p>
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
          <PlanView plan={planned.plan} />
          <div className="actions">
            <button type="button" onClick={() => void apply()} disabled={busy || !!empty}>
              {t('import.apply')}
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
