/**
 * A new event, or the details of one: name, kind, day and time, place, and
 * whose it is (a working group or committee, a region). A training also names
 * the skills it teaches and its trainers.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChapterEvent } from '../../../shared/model/attendance';
import { EVENT_KINDS, type EventKind } from '../../../shared/model/codes';
import { displayName } from '../../../shared/model/member';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf, useRecords } from '../../app/useRecords';
import { today } from '../../app/today';
import { useLabels } from '../../app/useLabels';
import { MemberPicker } from '../../components/MemberPicker';
import { Field, Form, Input, Select, RecordSelect, CodeOptions } from '../../components/fields';
import { DateField } from '../../components/DateField';
import { TimeField } from '../../components/TimeField';

interface Props {
  /** The event to edit; none: a new one. */
  readonly event?: ChapterEvent;
  readonly initialKind?: EventKind;
  readonly onSaved: (eventId: string) => void;
  readonly onCancel: () => void;
}

export function EventForm({ event, initialKind, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const { data } = useSpace();
  useChangesOf('members'); // names of members, read as it renders
  const label = useLabels();
  const id = useId();
  const [kind, setKind] = useState<EventKind>(event?.kind ?? initialKind ?? 'general_meeting');
  const [name, setName] = useState(event?.eventName ?? '');
  const [date, setDate] = useState(event?.date ?? today());
  const [time, setTime] = useState(event?.startTime ?? '');
  const [place, setPlace] = useState(event?.place ?? '');
  const [groupId, setGroupId] = useState(event?.groupId ?? '');
  const [regionId, setRegionId] = useState(event?.regionId ?? '');
  const [skillIds, setSkillIds] = useState<string[]>(event ? [...event.skillIds] : []);
  const [trainerIds, setTrainerIds] = useState<string[]>(event ? [...event.trainerIds] : []);
  const [skillToAdd, setSkillToAdd] = useState('');
  const [error, setError] = useState<unknown>(null);
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  const groups = useRecords((data) => data.groups.all().sort(byName), [], 'groups');
  const regions = useRecords((data) => data.regions.all().sort(byName), [], 'regions');
  const skills = useRecords((data) => data.skills.all().sort(byName), [], 'skills');
  const skillName = (sid: string) => skills.find((s) => s.id === sid)?.name ?? '';

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const fields = {
      eventName: name.trim() || label('eventKind', kind),
      kind,
      date,
      startTime: time || undefined,
      place: place.trim() || undefined,
      groupId: groupId || undefined,
      regionId: regionId || undefined,
      skillIds: kind === 'training' ? skillIds : [],
      trainerIds: kind === 'training' ? trainerIds : [],
    };
    try {
      if (event) {
        data.attendance.update(event.id, fields);
        onSaved(event.id);
      } else onSaved(data.attendance.create(fields));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Form className="panel event-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{event ? t('meetings.editTitle') : t('meetings.newTitle')}</h2>
      <div className="form-columns">
        <Field label={t('meetings.field.kind')}>
          {(c) => (
            <Select {...c} value={kind} onChange={(e) => setKind(e.target.value as EventKind)}>
              <CodeOptions kind="eventKind" codes={EVENT_KINDS} />
            </Select>
          )}
        </Field>
        <Field label={t('meetings.field.name')}>
          {(c) => (
            <Input
              {...c}
              value={name}
              placeholder={label('eventKind', kind)}
              onChange={(e) => setName(e.target.value)}
              maxLength={200}
            />
          )}
        </Field>
        <DateField label={t('meetings.field.date')} value={date} onChange={setDate} required />
        <TimeField label={t('meetings.field.time')} value={time} onChange={setTime} />
        <Field label={t('meetings.field.place')} layout="wide">
          {(c) => <Input {...c} value={place} onChange={(e) => setPlace(e.target.value)} maxLength={300} />}
        </Field>
        <RecordSelect
          label={t('meetings.field.group')}
          value={groupId}
          onChange={setGroupId}
          records={groups}
          none={t('meetings.wholeChapter')}
        />
        <RecordSelect
          label={t('meetings.field.region')}
          value={regionId}
          onChange={setRegionId}
          records={regions}
          none={t('meetings.allRegions')}
        />
      </div>
      {kind === 'training' && (
        <fieldset className="training-fields">
          <legend>{t('trainings.legend')}</legend>
          <p className="hint">{t('trainings.hint')}</p>
          <ul className="plain chips" aria-label={t('trainings.skills')}>
            {skillIds.map((sid) => (
              <li key={sid}>
                {skillName(sid)}{' '}
                <button
                  type="button"
                  aria-label={t('trainings.removeSkill', { name: skillName(sid) })}
                  onClick={() => setSkillIds((s) => s.filter((x) => x !== sid))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="inline-row">
            <label htmlFor={`${id}-skill`}>{t('trainings.addSkill')}</label>
            <Select id={`${id}-skill`} value={skillToAdd} onChange={(e) => setSkillToAdd(e.target.value)}>
              <option value="">{t('skills.choose')}</option>
              {skills
                .filter((s) => !skillIds.includes(s.id))
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </Select>
            <button
              type="button"
              disabled={!skillToAdd}
              onClick={() => {
                setSkillIds((s) => [...s, skillToAdd]);
                setSkillToAdd('');
              }}
            >
              {t('trainings.add')}
            </button>
          </div>
          <ul className="plain chips" aria-label={t('trainings.trainers')}>
            {trainerIds.map((mid) => {
              const m = data.members.get(mid);
              const who = m ? displayName(m) : '';
              return (
                <li key={mid}>
                  {who}{' '}
                  <button
                    type="button"
                    aria-label={t('trainings.removeTrainer', { name: who })}
                    onClick={() => setTrainerIds((s) => s.filter((x) => x !== mid))}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
          <MemberPicker
            label={t('trainings.addTrainer')}
            exclude={new Set(trainerIds)}
            onPick={(m) => setTrainerIds((s) => [...s, m.id])}
          />
        </fieldset>
      )}
      <ErrorText error={error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary">
          {event ? t('common.save') : t('meetings.create')}
        </button>
      </div>
    </Form>
  );
}
