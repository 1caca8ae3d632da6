/** What the event page and the door show when their event is gone (deleted, or merged away on another laptop). */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpace } from '../../app/SpaceContext';

export function EventMissing({ title }: { readonly title: string }) {
  const { t } = useTranslation();
  const { navigate } = useSpace();
  const id = useId();
  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {title}
      </h1>
      <p className="empty">{t('meetings.missing')}</p>
      <button type="button" onClick={() => navigate({ view: 'meetings' })}>
        {t('meetings.backToList')}
      </button>
    </section>
  );
}
