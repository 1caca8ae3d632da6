import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followUpsDue, noteOwner } from '../../../shared/model/follow-ups';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { today } from '../../app/today';
import { NoteRows } from './NoteRows';
import { Select } from '../../components/fields';

const HORIZONS = [0, 7, 30] as const;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Follow-ups due across all members, mine first, oldest due first. */
export function Notes() {
  const { t } = useTranslation();
  const { deviceId } = useSpace();
  const id = useId();
  const [horizon, setHorizon] = useState<number>(0);
  const due = useRecords(
    (data) => followUpsDue(data.notes.all(), { onDay: addDays(today(), horizon), me: deviceId }),
    [deviceId, horizon],
    'notes',
  );
  const mine = due.filter((n) => noteOwner(n) === deviceId).length;

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('notes.title')}
      </h1>
      <div className="inline-row">
        <label htmlFor={`${id}-hz`}>{t('notes.dueBy')}</label>
        <Select id={`${id}-hz`} value={horizon} onChange={(e) => setHorizon(Number(e.target.value))}>
          {HORIZONS.map((h) => (
            <option key={h} value={h}>
              {t(`notes.horizon.${h}`)}
            </option>
          ))}
        </Select>
      </div>
      <p role="status" data-testid="notes-count" data-count={due.length}>
        {t('notes.dueCount', { count: due.length, mine })}
      </p>
      {due.length === 0 ? (
        <div className="empty">
          <p>{t('notes.noneDue')}</p>
        </div>
      ) : (
        <NoteRows notes={due} />
      )}
    </section>
  );
}
