/** The next term of a seat: someone new (chosen by name) or the same person again, from a day the organizer picks. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { handOver } from '../../../shared/model/hand-over';
import { displayName, type Member } from '../../../shared/model/member';
import { addDays, type TermView } from '../../../shared/model/role';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf } from '../../app/useRecords';
import { today } from '../../app/today';
import { MemberPicker } from '../../components/MemberPicker';
import { useSeatName } from './useRoles';
import { useModal } from '../../components/useModal';
import { Form } from '../../components/fields';
import { DateField } from '../../components/DateField';

interface Props {
  readonly term: TermView;
  readonly sameHolder: boolean;
  readonly onClose: () => void;
}

export function HandOverDialog({ term, sameHolder, onClose }: Props) {
  const { t } = useTranslation();
  const { data } = useSpace();
  useChangesOf('members'); // names of members, read as it renders
  const id = useId();
  const ref = useModal(true); // shown as a modal while mounted; the owner unmounts it to close
  const seatName = useSeatName();
  const role = term.role;
  const holder = data.members.get(role.holderId);
  const [next, setNext] = useState<Member | undefined>(sameHolder ? holder : undefined);
  // The day after the term ends; today for a term already over (the seat was held past its end).
  const dayAfter = role.termEnd && role.termEnd >= today() ? addDays(role.termEnd, 1) : today();
  const [start, setStart] = useState(dayAfter > role.termStart ? dayAfter : addDays(role.termStart, 1));
  const [error, setError] = useState<unknown>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!next) return;
    setError(null);
    try {
      handOver(data, role.id, { holderId: next.id, termStart: start });
      onClose();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-h`} onCancel={onClose}>
      <Form onSubmit={submit} className="form-grid">
        <h2 id={`${id}-h`}>
          {sameHolder
            ? t('leadership.renewTitle', { role: seatName(role) })
            : t('leadership.handOverTitle', { role: seatName(role) })}
        </h2>
        <p>{t('leadership.nowHeldBy', { name: holder ? displayName(holder) : t('leadership.formerMember') })}</p>
        {!sameHolder && (
          <>
            <MemberPicker label={t('leadership.nextHolder')} exclude={new Set([role.holderId])} onPick={setNext} />
            <p role="status">
              {next ? t('leadership.chosen', { name: displayName(next) }) : t('leadership.chooseSomeone')}
            </p>
          </>
        )}
        <DateField label={t('leadership.nextStart')} value={start} onChange={setStart} required />
        <p className="hint">{t('leadership.handOverHint')}</p>
        <ErrorText error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!next}>
            {sameHolder ? t('leadership.renew') : t('leadership.handOver')}
          </button>
        </div>
      </Form>
    </dialog>
  );
}
