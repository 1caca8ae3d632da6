import type { NoteSubject } from '../../../shared/model/collections';
import { useTranslation } from 'react-i18next';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { useLabels } from '../../app/useLabels';
import { noteOwner } from '../../../shared/model/follow-ups';
import { useOrganizerLabel } from '../sharing/useOrganizerLabel';
import { Input } from '../../components/fields';
import { useDayFormat } from '../../components/dates';

/** The notes about a member (or a group or partner: `subject`), newest first. */
export function NoteTimeline({ memberId, subject }: { memberId?: string; subject?: NoteSubject }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const label = useLabels();
  const organizer = useOrganizerLabel();
  const day = useDayFormat();
  // By value: callers write the subject inline, a new object on each render.
  const key = JSON.stringify(subject ?? (memberId !== undefined ? { memberId } : null));
  const notes = useRecords(
    (data) => {
      const about = JSON.parse(key) as NoteSubject | null;
      return about ? data.notes.about(about) : [];
    },
    [key],
    'notes',
  );
  if (notes.length === 0) return <p className="hint">{t(memberId ? 'notes.noneForMember' : 'notes.none')}</p>;
  return (
    <ol className="timeline" aria-label={t('notes.timeline')}>
      {notes.map((n) => (
        <li key={n.id} className="note">
          <p className="note-meta">
            <strong>{label('noteKind', n.kind)}</strong> · {day(n.date)} · {label('sensitivity', n.sensitivity)}
          </p>
          {n.body && <p className="note-body">{n.body}</p>}
          {n.nextStep && (
            <p>
              {t('notes.nextStep')}: {n.nextStep}
              {n.dueDate && ` · ${t('notes.dueDate')}: ${day(n.dueDate)}`} · {organizer(noteOwner(n))}
              <label className="check">
                <Input
                  type="checkbox"
                  checked={n.done}
                  onChange={(e) => data.notes.update(n.id, { done: e.target.checked })}
                />
                {t('notes.done')}
              </label>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
