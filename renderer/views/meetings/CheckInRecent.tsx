/**
 * The latest check-ins at this event, from every laptop at the door (newest
 * first): a second organizer sees the first one's check-ins arrive.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInStamp } from '../../../shared/model/attendance';
import { displayName } from '../../../shared/model/member';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { useTimeFormat } from '../../components/dates';

const SHOWN = 12;

export function CheckInRecent({ present }: { present: ReadonlyMap<string, CheckInStamp | undefined> }) {
  const { t } = useTranslation();
  const { deviceId } = useSpace();
  const id = useId();
  const time = useTimeFormat();
  const recent = useRecords(
    (data) =>
      [...present]
        .sort(([a, x], [b, y]) => (y?.at ?? 0) - (x?.at ?? 0) || (a < b ? -1 : 1))
        .slice(0, SHOWN)
        .map(([memberId, stamp]) => ({ memberId, stamp, member: data.members.get(memberId) })),
    [present],
    'members',
  );
  return (
    <aside className="checkin-recent panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('checkin.recent')}</h2>
      {recent.length === 0 ? (
        <p className="hint">{t('checkin.nobodyYet')}</p>
      ) : (
        <ol className="plain" data-testid="checkin-recent">
          {recent.map(({ memberId, stamp, member }) => (
            <li key={memberId}>
              <strong>{member ? displayName(member) : ''}</strong>{' '}
              <span className="hint">
                {[
                  stamp && time(stamp.at),
                  stamp?.walkIn && t('checkin.walkInTag'),
                  stamp && stamp.by !== deviceId && t('checkin.otherLaptop'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
