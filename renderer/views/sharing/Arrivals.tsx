/** Progress while a space arrives from peers: entries stored of those announced. */
import { useTranslation } from 'react-i18next';
import type { SpaceId } from '../../../shared/crypto';
import { useSyncState } from '../../sync/context';
import type { Arrival, SessionView } from '../../sync/state';

/** A message this large (a checkpoint, a batch of entries) is shown arriving and being stored, in MB. */
export const LARGE_BYTES = 1_000_000;

/** The bytes of a space's sessions on their way and being stored; undefined below LARGE_BYTES. */
export function arrivingBytes(
  sessions: readonly SessionView[],
  space: SpaceId,
): { readonly received: number; readonly total: number } | { readonly storing: number } | undefined {
  const live = sessions.filter((s) => s.status === 'syncing' && s.spaces.includes(space));
  const incoming = live.flatMap((s) => (s.incoming && s.incoming.total >= LARGE_BYTES ? [s.incoming] : []));
  if (incoming.length > 0) {
    return {
      received: incoming.reduce((n, i) => n + i.received, 0),
      total: incoming.reduce((n, i) => n + i.total, 0),
    };
  }
  const storing = live.reduce((n, s) => n + (s.storing ?? 0), 0);
  return storing >= LARGE_BYTES ? { storing } : undefined;
}

const MB = 1_000_000;

/**
 * One space's arrival: "changes received of expected", as words and as a progress bar, and while a
 * large message arrives or is stored, its bytes: one message (a checkpoint: the whole chapter) moves
 * no count until it is stored, and a screen that sits at 0 looks stuck. Not a live region itself: its
 * count moves with every group received, and a screen reader would read each one out.
 */
export function ArrivalProgress({ arrival }: { readonly arrival: Arrival }) {
  const { t } = useTranslation();
  const { sessions } = useSyncState();
  const text = t('sharing.arriving', { received: arrival.received, count: arrival.expected });
  const bytes = arrivingBytes(sessions, arrival.space);
  return (
    <>
      <p>
        <label>
          {text} <progress value={arrival.received} max={arrival.expected} aria-label={text} />
        </label>
      </p>
      {bytes && (
        <p className="arriving-bytes" data-testid="arriving-bytes">
          {'storing' in bytes
            ? t('sharing.storingBytes', { size: bytes.storing / MB })
            : t('sharing.arrivingBytes', { received: bytes.received / MB, total: bytes.total / MB })}
        </p>
      )}
    </>
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
