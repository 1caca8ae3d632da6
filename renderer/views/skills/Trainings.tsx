/**
 * Who trained whom, in what, and when: the trainings recorded as events
 * (shared/model/trainings.ts), newest first, for one skill or all; and the
 * way to record a new one.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type Member } from '../../../shared/model/member';
import type { Skill } from '../../../shared/model/skill';
import { trainingSummaries } from '../../../shared/model/trainings';
import { useSpace } from '../../app/SpaceContext';
import { useDayFormat } from '../../components/dates';
import { MemberLink } from '../../components/MemberLink';
import { useEvents } from '../meetings/useEvents';
import { Select } from '../../components/fields';

const NAMES_SHOWN = 6;

export function Trainings({ skills, members }: { skills: readonly Skill[]; members: readonly Member[] }) {
  const { t } = useTranslation();
  const { navigate } = useSpace();
  const id = useId();
  const day = useDayFormat();
  const events = useEvents();
  const [skillId, setSkillId] = useState('');
  const byId = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const skillsById = useMemo(() => new Map(skills.map((s) => [s.id, s])), [skills]);
  const trainings = useMemo(
    () => trainingSummaries(events, byId, skillsById, skillId ? { skillId } : {}),
    [events, byId, skillsById, skillId],
  );
  const names = (list: readonly Member[]) => (
    <>
      {list.slice(0, NAMES_SHOWN).map((m, i) => (
        <span key={m.id}>
          {i > 0 && ', '}
          <MemberLink memberId={m.id}>{displayName(m)}</MemberLink>
        </span>
      ))}
      {list.length > NAMES_SHOWN && ` ${t('trainings.andMore', { count: list.length - NAMES_SHOWN })}`}
    </>
  );

  return (
    <section aria-labelledby={`${id}-h`} className="panel">
      <h2 id={`${id}-h`}>{t('trainings.inventoryTitle')}</h2>
      <div className="inline-row">
        <label htmlFor={`${id}-s`}>{t('trainings.filterSkill')}</label>
        <Select id={`${id}-s`} value={skillId} onChange={(e) => setSkillId(e.target.value)}>
          <option value="">{t('trainings.allSkills')}</option>
          {skills.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
        <button type="button" onClick={() => navigate({ view: 'meetings', newKind: 'training' })}>
          {t('trainings.record')}
        </button>
      </div>
      {trainings.length === 0 ? (
        <p className="hint">{t('trainings.none')}</p>
      ) : (
        <table className="table" data-testid="trainings">
          <thead>
            <tr>
              <th scope="col">{t('meetings.column.date')}</th>
              <th scope="col">{t('trainings.training')}</th>
              <th scope="col">{t('trainings.skills')}</th>
              <th scope="col">{t('trainings.trainedBy')}</th>
              <th scope="col">{t('trainings.trained')}</th>
            </tr>
          </thead>
          <tbody>
            {trainings.map(({ event, skills: taught, trainers, trainees }) => (
              <tr key={event.id}>
                <td>{day(event.date)}</td>
                <th scope="row">
                  <button type="button" className="link" onClick={() => navigate({ view: 'event', eventId: event.id })}>
                    {event.eventName}
                  </button>
                </th>
                <td>{taught.map((s) => s.name).join(', ')}</td>
                <td>{trainers.length ? names(trainers) : <span className="hint">{t('trainings.noTrainers')}</span>}</td>
                <td>
                  <strong>{trainees.length}</strong>
                  {trainees.length > 0 && <>: {names(trainees)}</>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
