/**
 * First run, step 3: where the roster comes from. The national list (the import screen), the sample
 * chapter (Settings' generator, to try the app with made-up people), or a co-organizer's space joined
 * with an invite (the Spaces page's AcceptInvite). Each ends on the screen that shows the result.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceId } from '../../../shared/crypto';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { useSyncState } from '../../sync/context';
import { useSampleChapter } from '../settings/sample';
import { AcceptInvite } from '../sharing/AcceptInvite';

/** Enough made-up members to see every screen at work, made in a moment. */
const SAMPLE_MEMBERS = 100;

interface Props {
  readonly onOpenSpace?: (spaceId: string) => void;
  readonly onSkip: () => void;
}

export function MembersStep({ onOpenSpace, onSkip }: Props) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  const { networking } = useSyncState();
  const id = useId();
  const { busy, error, progress, create } = useSampleChapter();
  const empty = useRecords((d) => d.members.size === 0, [], 'members');

  const sample = async () => {
    const made = await create(data, SAMPLE_MEMBERS);
    if (made?.complete) navigate({ view: 'roster' });
  };

  return (
    <>
      <p>{t('start.members.intro')}</p>
      <div className="start-choices">
        <section aria-labelledby={`${id}-import`}>
          <h3 id={`${id}-import`}>{t('start.members.importTitle')}</h3>
          <p>{t('start.members.importText')}</p>
          <button type="button" className="primary" onClick={() => navigate({ view: 'import' })}>
            {t('start.members.import')}
          </button>
        </section>
        <section aria-labelledby={`${id}-sample`}>
          <h3 id={`${id}-sample`}>{t('start.members.sampleTitle')}</h3>
          <p>{t('start.members.sampleText', { count: SAMPLE_MEMBERS })}</p>
          {empty ? (
            <button type="button" onClick={() => void sample()} disabled={busy}>
              {t('start.members.sample')}
            </button>
          ) : (
            <p className="hint">{t('start.members.sampleOnlyEmpty')}</p>
          )}
          <p role="status">
            {progress
              ? t('settings.sampleProgress', { done: progress.members, count: progress.of })
              : busy
                ? t('start.members.sampleWorking')
                : ''}
          </p>
          <ErrorText error={error} />
        </section>
        <section aria-labelledby={`${id}-join`}>
          <h3 id={`${id}-join`}>{t('start.members.joinTitle')}</h3>
          {networking ? (
            <AcceptInvite onOpenSpace={(space: SpaceId) => onOpenSpace?.(space)} />
          ) : (
            <p className="hint">{t('start.members.joinNeedsApp')}</p>
          )}
        </section>
      </div>
      <div className="actions">
        <button type="button" onClick={onSkip}>
          {t('start.members.skip')}
        </button>
      </div>
    </>
  );
}
