/** Progress while a space arrives from peers: entries stored of those announced. */
import { useTranslation } from 'react-i18next';
import { useSyncState } from '../../sync/context';
import type { Arrival } from '../../sync/state';

/**
 * One space's arrival: "changes received of expected", as words and as a progress bar. Not a live region
 * itself: its count moves with every group received, and a screen reader would read each one out.
 */
export function ArrivalProgress({ arrival }: { readonly arrival: Arrival }) {
  const { t } = useTranslation();
  const text = t('sharing.arriving', { received: arrival.received, count: arrival.expected });
  return (
    <p>
      <label>
        {text} <progress value={arrival.received} max={arrival.expected} aria-label={text} />
      </label>
    </p>
  );
}

export function Arrivals() {
  const { t } = useTranslation();
  const { arrivals } = useSyncState();
  const list = Object.values(arrivals);
  if (list.length === 0) return null;
  return (
    <div className="panel arrivals">
      {/* Said once; the counts below move with every group received and are read on demand. */}
      <p role="status">{t('sharing.arrivingSpaces', { count: list.length })}</p>
      {list.map((a) => (
        <ArrivalProgress key={a.space} arrival={a} />
      ))}
    </div>
  );
}
