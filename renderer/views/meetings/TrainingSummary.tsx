/** A training's skills and trainers, and what it did: its trainees moved up to "learning" in each skill. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChapterEvent } from '../../../shared/model/attendance';
import { displayName } from '../../../shared/model/member';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf } from '../../app/useRecords';
import { MemberLink } from '../../components/MemberLink';

export function TrainingSummary({ event }: { event: ChapterEvent }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  useChangesOf(['skills', 'members']); // names read as it renders
  const id = useId();
  const skills = event.skillIds.map((s) => data.skills.get(s)?.name).filter(Boolean);
  const trainers = new Set(event.trainerIds);
  const trainees = event.memberIds.filter((m) => !trainers.has(m) && data.members.has(m)).length;
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('trainings.title')}</h2>
      <p>
        {t('trainings.skills')}: {skills.length ? skills.join(', ') : t('trainings.noSkills')}
      </p>
      <p>
        {t('trainings.trainers')}:{' '}
        {event.trainerIds.length === 0
          ? t('trainings.noTrainers')
          : event.trainerIds.map((mid, i) => {
              const m = data.members.get(mid);
              return (
                <span key={mid}>
                  {i > 0 && ', '}
                  <MemberLink memberId={m ? mid : undefined}>{m ? displayName(m) : ''}</MemberLink>
                </span>
              );
            })}
      </p>
      <p className="hint">{t('trainings.effect', { count: trainees })}</p>
    </section>
  );
}
