/** Progress while a space arrives from peers: entries stored of those announced. */
import { useTranslation } from 'react-i18next';
import { useSyncState } from '../../sync/context';

export function Arrivals() {
  const { t } = useTranslation();
  const { arrivals } = useSyncState();
  const list = Object.values(arrivals);
  if (list.length === 0) return null;
  return (
    <div className="panel arrivals" role="status" aria-live="polite">
      {list.map((a) => {
        const text = t('sharing.arriving', { received: a.received, expected: a.expected });
        return (
          <p key={a.space}>
            <label>
              {text} <progress value={a.received} max={a.expected} aria-label={text} />
            </label>
          </p>
        );
      })}
    </div>
  );
}
