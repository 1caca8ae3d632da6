/** The event's agenda, then its minutes: one text that two organizers can write into (a Y.Text in the document). */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChapterEvent } from '../../../shared/model/attendance';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { TextArea } from '../../components/fields';

export function Agenda({ event }: { event: ChapterEvent }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const [draft, setDraft] = useState(event.agenda);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('event.agenda')}</h2>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t('event.agenda')}
      </label>
      <TextArea
        id={`${id}-text`}
        rows={8}
        className="agenda"
        value={draft}
        placeholder={t('event.agendaPlaceholder')}
        onChange={(e) => {
          setSaved(false);
          setDraft(e.target.value);
        }}
      />
      <div className="actions">
        <button
          type="button"
          disabled={draft === event.agenda}
          onClick={() => {
            setError(null);
            try {
              // Only the changed middle is written (replaceText), so someone else's edit elsewhere in it stays.
              data.attendance.update(event.id, { agenda: draft });
              setSaved(true);
            } catch (e) {
              setError(e);
            }
          }}
        >
          {t('event.saveAgenda')}
        </button>
        {draft !== event.agenda && event.agenda !== '' && (
          <button type="button" onClick={() => setDraft(event.agenda)}>
            {t('event.reloadAgenda')}
          </button>
        )}
        <span role="status" className="hint">
          {saved ? t('event.agendaSaved') : ''}
        </span>
      </div>
      <ErrorText error={error} />
    </section>
  );
}
