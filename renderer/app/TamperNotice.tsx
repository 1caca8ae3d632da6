/**
 * Stored records changed while the app was locked (SECURITY.md "At rest").
 *
 * TamperNotice stands in place of a space that did not open because its
 * store differs from what the vault wrote: it says, in plain words, what was
 * found and what that may mean, that none of it was used, and offers to go
 * on with what checks out (the organizer's choice: nothing is written on top
 * of a tampered space until then). TamperBanner tells of changed records that
 * do not block a space (pending invites, sync settings).
 */
import { useTranslation } from 'react-i18next';
import type { TamperFinding } from '../../shared/vault';
import { ErrorText } from '../components/ErrorText';
import { useBusyAction } from '../components/useBusyAction';

/** Findings merged into one line per kind of record and change, with the number of records. */
export function tamperLines(findings: readonly TamperFinding[]): { key: string; count: number }[] {
  const lines = new Map<string, number>();
  for (const f of findings) {
    const key = `tamper.found.${f.record}.${f.change}`;
    lines.set(key, (lines.get(key) ?? 0) + f.count);
  }
  return [...lines].map(([key, count]) => ({ key, count }));
}

function Lines({ findings }: { findings: readonly TamperFinding[] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {tamperLines(findings).map(({ key, count }) => (
        <li key={key}>{t(key, { count })}</li>
      ))}
    </ul>
  );
}

export function TamperNotice({
  findings,
  onOpen,
}: {
  findings: readonly TamperFinding[];
  /** Go on with what checks out; rejects if that fails (shown here). */
  onOpen: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useBusyAction();
  return (
    <section aria-labelledby="tamper-title" className="tamper">
      <h1 id="tamper-title" tabIndex={-1}>
        {t('tamper.title')}
      </h1>
      <p role="alert">{t('tamper.intro')}</p>
      <Lines findings={findings} />
      <p>{t('tamper.notUsed')}</p>
      <p>{t('tamper.advice')}</p>
      <p>{t('tamper.goOn')}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void run(onOpen)}>
          {busy ? t('tamper.opening') : t('tamper.open')}
        </button>
      </div>
      <ErrorText error={error} />
    </section>
  );
}

/** Records changed outside the app that block no space: said above the current view. */
export function TamperBanner({ findings }: { findings: readonly TamperFinding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <div role="alert" className="banner banner-warning">
      <p>{t('tamper.banner')}</p>
      <Lines findings={findings} />
    </div>
  );
}
