/**
 * The guided first run, shown once after the vault is created and again from Today while the roster is
 * empty: name the chapter, take the suggested lists (regions, working groups, a starter skills
 * catalogue), then start the roster from the national list, the sample chapter or a co-organizer's
 * invite. Three steps with a visible "Step n of 3"; each can be skipped; every step reuses the screen
 * that does the work elsewhere (the vault's space names, the import, Settings' sample, AcceptInvite).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceSummary, UnlockedVault } from '../../vault';
import { useSpace } from '../../app/SpaceContext';
import { ListsStep } from './ListsStep';
import { MembersStep } from './MembersStep';
import { NameStep } from './NameStep';

const STEPS = ['name', 'lists', 'members'] as const;

interface Props {
  readonly vault: UnlockedVault;
  readonly spaces: readonly SpaceSummary[];
  /** The space list changed (a new name): the shell reads it again. */
  readonly onSpacesChanged: () => Promise<void>;
  readonly onOpenSpace?: (spaceId: string) => void;
}

export function GetStarted({ vault, spaces, onSpacesChanged, onOpenSpace }: Props) {
  const { t } = useTranslation();
  const { navigate } = useSpace();
  const id = useId();
  const [step, setStep] = useState(0);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // The keyboard follows the guide: each new step's heading takes the focus (not the first, the view's h1 has it).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    stepHeading.current?.focus();
  }, [step]);

  const next = () => (step + 1 < STEPS.length ? setStep(step + 1) : navigate({ view: 'today' }));
  const name = STEPS[step]!;
  const heading = (
    <h2 id={`${id}-step`} ref={stepHeading} tabIndex={-1}>
      {t(`start.${name}.title`)}
    </h2>
  );

  return (
    <section className="view get-started" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('start.title')}
        </h1>
        <button type="button" onClick={() => navigate({ view: 'today' })}>
          {t('start.later')}
        </button>
      </div>
      <p>{t('start.intro')}</p>
      <ol className="steps" aria-label={t('start.progress')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined} data-done={i < step || undefined}>
            {t(`start.${s}.short`)}
          </li>
        ))}
      </ol>
      <section className="panel" aria-labelledby={`${id}-step`}>
        <p className="step-count" data-testid="step-count">
          {t('start.stepOf', { position: step + 1, total: STEPS.length })}
        </p>
        {heading}
        {name === 'name' && <NameStep vault={vault} spaces={spaces} onSaved={onSpacesChanged} onNext={next} />}
        {name === 'lists' && <ListsStep onNext={next} />}
        {name === 'members' && <MembersStep onOpenSpace={onOpenSpace} onSkip={next} />}
        {step > 0 && (
          <button type="button" className="link" onClick={() => setStep(step - 1)}>
            {t('start.back')}
          </button>
        )}
      </section>
    </section>
  );
}
