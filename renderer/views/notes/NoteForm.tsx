/**
 * A new note about a member: kind, date, body with the AEIOU prompts for a
 * one-on-one, the next step with its due date and who owns it.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_KINDS, SENSITIVITY_TIERS, type NoteKind, type SensitivityTier } from '../../../shared/model/codes';
import { NOTE_BODY_MAX } from '../../../shared/model/note';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { today } from '../../app/today';
import { Form, Input, Select, TextArea, CodeOptions } from '../../components/fields';
import { DateField } from '../../components/DateField';

const AEIOU = ['a', 'e', 'i', 'o', 'u'] as const;

/** What the note is about: a member (the default), or a group's or partner's page. */
interface Props {
  readonly memberId?: string;
  readonly groupId?: string;
  readonly partnerId?: string;
}

export function NoteForm({ memberId, groupId, partnerId }: Props) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const [kind, setKind] = useState<NoteKind>(memberId ? 'one_on_one' : 'note');
  const [date, setDate] = useState(today());
  const [body, setBody] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [assignee, setAssignee] = useState('');
  const [sensitivity, setSensitivity] = useState<SensitivityTier>('standard');
  const status = useStatusLine();

  const tooLong = body.length > NOTE_BODY_MAX;

  function submit(e: FormEvent) {
    e.preventDefault();
    status.clear();
    if (tooLong) return; // the message under the text says why; nothing is cut off silently
    try {
      data.notes.create({
        kind,
        memberId,
        groupId,
        partnerId,
        date,
        body,
        nextStep: nextStep.trim() || undefined,
        dueDate: dueDate || undefined,
        assignedOrganizer: assignee.trim() || undefined,
        sensitivity,
      });
      setBody('');
      setNextStep('');
      setDueDate('');
      setAssignee('');
      status.say('notes.saved');
    } catch (err) {
      status.fail(err);
    }
  }

  const prompts = () => AEIOU.map((k) => `${t(`notes.aeiou.${k}.title`)}: `).join('\n');

  return (
    <Form className="note-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('notes.new')}</h3>
      <div className="inline-row">
        <label htmlFor={`${id}-kind`}>{t('notes.kind')}</label>
        <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as NoteKind)}>
          <CodeOptions kind="noteKind" codes={NOTE_KINDS} />
        </Select>
        <DateField layout="inline" label={t('notes.date')} value={date} onChange={setDate} required />
        <label htmlFor={`${id}-tier`}>{t('notes.sensitivity')}</label>
        <Select
          id={`${id}-tier`}
          value={sensitivity}
          onChange={(e) => setSensitivity(e.target.value as SensitivityTier)}
        >
          <CodeOptions kind="sensitivity" codes={SENSITIVITY_TIERS} />
        </Select>
      </div>
      {kind === 'one_on_one' && (
        <details className="aeiou">
          <summary>{t('notes.aeiou.summary')}</summary>
          <dl>
            {AEIOU.map((k) => (
              <div key={k}>
                <dt>{t(`notes.aeiou.${k}.title`)}</dt>
                <dd>{t(`notes.aeiou.${k}.prompt`)}</dd>
              </div>
            ))}
          </dl>
          <button type="button" onClick={() => setBody((b) => (b ? `${b}\n${prompts()}` : prompts()))}>
            {t('notes.aeiou.insert')}
          </button>
        </details>
      )}
      <label htmlFor={`${id}-body`}>{t('notes.body')}</label>
      <TextArea
        id={`${id}-body`}
        rows={5}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? `${id}-body-long` : undefined}
      />
      {tooLong && (
        <p id={`${id}-body-long`} role="alert" className="error">
          {t('notes.tooLong', { count: body.length, max: NOTE_BODY_MAX })}
        </p>
      )}
      <div className="inline-row">
        <label htmlFor={`${id}-next`}>{t('notes.nextStep')}</label>
        <Input id={`${id}-next`} value={nextStep} onChange={(e) => setNextStep(e.target.value)} />
        <DateField layout="inline" label={t('notes.dueDate')} value={dueDate} onChange={setDueDate} />
        <label htmlFor={`${id}-who`}>{t('notes.assignee')}</label>
        <Input
          id={`${id}-who`}
          value={assignee}
          placeholder={t('notes.assigneeMe')}
          onChange={(e) => setAssignee(e.target.value)}
        />
      </div>
      <StatusLine said={status.said} className="hint" />
      <button type="submit" className="primary">
        {t('notes.save')}
      </button>
    </Form>
  );
}
