/**
 * Working through a list one member at a time: who they are, how to reach
 * them (only as their consent allows today), their last notes, and what
 * happened, saved as a note on the member. Then the next member still open.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_OUTCOMES, type ContactOutcome } from '../../../shared/model/codes';
import { nextOpen } from '../../../shared/model/list';
import { displayName } from '../../../shared/model/member';
import { ErrorText } from '../../components/ErrorText';
import { StatusLine, message, useStatusLine } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { today } from '../../app/today';
import { useLabels } from '../../app/useLabels';
import { ProgressSummary } from './ProgressSummary';
import { useList } from './useLists';
import { Form, Input, TextArea } from '../../components/fields';
import { DateField } from '../../components/DateField';
import { useDayFormat } from '../../components/dates';

export function WorkList({ listId }: { listId: string }) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  const label = useLabels();
  const day = useDayFormat();
  const id = useId();
  const found = useList(listId);
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const [index, setIndex] = useState<number | undefined>(() => (found ? nextOpen(found.progress) : undefined));
  const [outcome, setOutcome] = useState<ContactOutcome | ''>('');
  const [body, setBody] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<unknown>(null);
  const saved = useStatusLine();
  const nameRef = useRef<HTMLHeadingElement>(null);

  const progress = found?.progress;
  // The member shown stays until the organizer moves on, unless they are no longer open (another organizer
  // recorded them, or they withdrew consent): then the next open member.
  const entry = index === undefined ? undefined : progress?.entries[index];
  useEffect(() => {
    if (!progress) return;
    if (entry?.state !== 'open') setIndex(nextOpen(progress, index ?? -1, skipped));
  }, [progress, entry?.state, index, skipped]);
  const shownId = entry?.member ? entry.memberId : undefined;
  const notes = useRecords((data) => (shownId ? data.notes.forMember(shownId).slice(0, 3) : []), [shownId], 'notes');

  if (!found || !progress) {
    return (
      <section className="view" aria-labelledby={`${id}-h`}>
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('lists.title')}
        </h1>
        <p>{t('lists.missing')}</p>
      </section>
    );
  }
  const { list } = found;
  const m = entry?.state === 'open' ? entry.member : undefined;

  function moveOn(nextSkipped: ReadonlySet<string>) {
    setOutcome('');
    setBody('');
    setDueDate('');
    setIndex(nextOpen(progress!, index ?? -1, nextSkipped));
    requestAnimationFrame(() => nameRef.current?.focus());
  }

  function save(e: FormEvent) {
    e.preventDefault();
    if (!m || !outcome) return;
    setError(null);
    try {
      data.notes.create({
        kind: list.channel === 'call' ? 'call' : 'note',
        memberId: m.id,
        date: today(),
        body: body.trim(),
        listId: list.id,
        outcome,
        ...(outcome === 'follow_up'
          ? {
              nextStep: t('lists.followUpStep', { list: list.name }),
              dueDate: dueDate || undefined,
              assignedOrganizer: list.assignedOrganizer,
            }
          : {}),
      });
      saved.say('lists.savedOutcome', { name: displayName(m), outcome: message(`lists.outcome.${outcome}`) });
      moveOn(skipped);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="view work-list" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {list.name}
        </h1>
        <button type="button" onClick={() => navigate({ view: 'lists', listId: list.id })}>
          {t('lists.backToList')}
        </button>
      </div>
      <ProgressSummary progress={progress} name={list.name} />
      <StatusLine said={saved.said} />
      {!m ? (
        <div className="empty">
          <p>{progress.open === 0 ? t('lists.allDone') : t('lists.onlySkipped', { count: skipped.size })}</p>
          {skipped.size > 0 && (
            <button
              type="button"
              onClick={() => {
                setSkipped(new Set());
                setIndex(nextOpen(progress, -1));
              }}
            >
              {t('lists.backToSkipped')}
            </button>
          )}
        </div>
      ) : (
        <div className="work-member panel" data-member-id={m.id}>
          <h2 ref={nameRef} tabIndex={-1}>
            {t('lists.position', { position: index! + 1, count: progress.total })}: {displayName(m)}
            {m.pronouns && <span className="pronouns"> ({m.pronouns})</span>}
          </h2>
          <dl className="facts">
            {list.channel === 'mail' ? (
              <>
                <dt>{t('lists.sheet.address')}</dt>
                <dd>{[...(m.address?.lines ?? []), m.address?.city, m.zip].filter(Boolean).join(', ')}</dd>
              </>
            ) : (
              <>
                <dt>{t('lists.sheet.phone')}</dt>
                <dd data-testid="work-phone">{m.phones.join(' · ')}</dd>
              </>
            )}
            {m.languages.length > 0 && (
              <>
                <dt>{t('lists.sheet.languages')}</dt>
                <dd>{m.languages.map((l) => label('language', l)).join(', ')}</dd>
              </>
            )}
            {m.ladderStage && (
              <>
                <dt>{t('roster.column.ladder')}</dt>
                <dd>{label('ladderStage', m.ladderStage)}</dd>
              </>
            )}
          </dl>
          {notes.length > 0 && (
            <>
              <h3>{t('lists.lastNotes')}</h3>
              <ul className="plain last-notes">
                {notes.map((n) => (
                  <li key={n.id}>
                    <strong>{day(n.date)}</strong> · {label('noteKind', n.kind)}
                    {n.outcome ? ` · ${t(`lists.outcome.${n.outcome}`)}` : ''}
                    {n.body ? `: ${n.body.slice(0, 200)}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Form onSubmit={save} className="outcome-form">
            <fieldset>
              <legend>{t('lists.whatHappened')}</legend>
              <div className="outcomes">
                {CONTACT_OUTCOMES.map((o) => (
                  <label key={o} className="check">
                    <Input
                      type="radio"
                      name={`${id}-outcome`}
                      value={o}
                      checked={outcome === o}
                      onChange={() => setOutcome(o)}
                    />
                    {t(`lists.outcome.${o}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            {outcome === 'follow_up' && (
              <DateField label={t('lists.followUpBy')} value={dueDate} onChange={setDueDate} />
            )}
            <div className="field">
              <label htmlFor={`${id}-body`}>{t('lists.note')}</label>
              <TextArea
                id={`${id}-body`}
                rows={3}
                value={body}
                maxLength={100_000}
                onChange={(e) => setBody(e.target.value)}
              />
            </div>
            <ErrorText error={error} />
            <div className="actions">
              <button type="submit" className="primary" disabled={!outcome}>
                {t('lists.saveAndNext')}
              </button>
              <button
                type="button"
                onClick={() => {
                  const next = new Set(skipped).add(m.id);
                  setSkipped(next);
                  saved.clear();
                  moveOn(next);
                }}
              >
                {t('lists.skip')}
              </button>
              <button type="button" className="link" onClick={() => navigate({ view: 'member', memberId: m.id })}>
                {t('lists.openProfile')}
              </button>
            </div>
          </Form>
        </div>
      )}
    </section>
  );
}
