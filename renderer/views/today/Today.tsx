/**
 * Today: what an organizer opens the app for, shown after unlock. Every line
 * is a button to the place to act on it; every empty list says what to do.
 * The lists come from today-items.ts; sync and "needs you" from the sync
 * service's state (renderer/sync, read only).
 */
import { useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { termLimits } from '../../../shared/model/chapter-rules';
import { displayName } from '../../../shared/model/member';
import type { Note } from '../../../shared/model/note';
import type { Route } from '../../app/routes';
import { useSpace } from '../../app/SpaceContext';
import { today } from '../../app/today';
import { useLabels } from '../../app/useLabels';
import { useLoaded } from '../../app/space-loading';
import { useRecords, type Source } from '../../app/useRecords';
import { useDayFormat } from '../../components/dates';
import { useSyncState } from '../../sync/context';
import { ArrivalProgress } from '../sharing/Arrivals';
import { useNotices } from '../../app/Notices';
import { problemText, useProblems } from '../../app/problems';
import { shortDevice, sinceText } from '../sharing/words';
import { useSeatName } from '../leadership/useRoles';
import { lookToday } from './last-looked';
import { todayItems } from './today-items';
import type { DeviceId } from '../../../shared/crypto';

/** Where a note's next step is acted on: its member, group or partner page, else the notes screen. */
export function noteRoute(note: Pick<Note, 'memberId' | 'groupId' | 'partnerId'>): Route {
  if (note.memberId) return { view: 'member', memberId: note.memberId };
  if (note.groupId) return { view: 'group', groupId: note.groupId };
  if (note.partnerId) return { view: 'partner', partnerId: note.partnerId };
  return { view: 'notes' };
}

/**
 * What Today reads: the collections todayItems looks at, and the settings for the term limits. 'members' is
 * among them, so the names looked up as the rows render, and whether the roster is empty, follow too.
 */
const TODAY_READS: readonly Source[] = ['notes', 'members', 'attendance', 'roles', 'meta'];

/** Lines shown per list; the rest are one click away on the list's own screen. */
const SHOWN = 5;

interface Line {
  readonly key: string;
  readonly text: string;
  readonly detail?: string;
  /** Where the line opens: a place in the app, or the notices dialog. */
  readonly to: Route | 'notices';
}

export function Today() {
  const { t, i18n } = useTranslation();
  const { data, spaceId, deviceId, navigate } = useSpace();
  const id = useId();
  const day = today();
  const formatDay = useDayFormat();
  const label = useLabels();
  const seatName = useSeatName();
  const sync = useSyncState();
  const arriving = sync.arrivals[spaceId];
  const { problems } = useProblems();
  const notices = useNotices();
  // Read and move "last looked" once per space and day (idempotent within a day: last-looked.ts).
  const since = useMemo(() => lookToday(spaceId, day), [spaceId, day]);
  // A large chapter is read in slices first, the lists saying so meanwhile (space-loading.ts).
  const loaded = useLoaded(TODAY_READS);
  const items = useRecords(
    (d) => (loaded ? todayItems(d, { me: deviceId, onDay: day, lastLooked: since, limits: termLimits(d) }) : null),
    [deviceId, day, since, loaded],
    TODAY_READS,
  );
  const nameOf = (memberId: string | undefined) => {
    const m = memberId ? data.members.get(memberId) : undefined;
    return m ? displayName(m) : t('today.nobody');
  };

  const followUps: Line[] = (items?.followUps ?? []).map((n) => ({
    key: n.id,
    text: t('today.followUps.item', { step: n.nextStep || t('today.followUps.noStep'), who: nameOf(n.memberId) }),
    detail: n.dueDate === day ? t('today.dueToday') : t('today.overdue', { day: formatDay(n.dueDate) }),
    to: noteRoute(n),
  }));
  const meetings: Line[] = (items?.meetings ?? []).map((e) => ({
    key: e.id,
    text: e.eventName,
    detail: [formatDay(e.date), e.startTime, e.place].filter(Boolean).join(' · '),
    to: { view: 'event', eventId: e.id },
  }));
  const joined: Line[] = (items?.joined ?? []).map((m) => ({
    key: m.id,
    text: displayName(m),
    detail: t('today.joinedOn', { day: formatDay(m.joinDate) }),
    to: { view: 'member', memberId: m.id },
  }));
  const lapsed: Line[] = (items?.lapsed ?? []).map((m) => ({
    key: m.id,
    text: displayName(m),
    detail: t('today.lapsedOn', { day: formatDay(m.xdate), status: label('membershipStatus', m.membershipStatus!) }),
    to: { view: 'member', memberId: m.id },
  }));
  const oneOnOnes: Line[] = (items?.oneOnOnes ?? []).map((n) => ({
    key: n.id,
    text: nameOf(n.memberId),
    detail: formatDay(n.date),
    to: noteRoute(n),
  }));
  const now = Date.now();
  const synced: Line[] = Object.entries(sync.lastSynced)
    .sort(([, a], [, b]) => b - a)
    .map(([device, at]) => ({
      key: device,
      text: t('sharing.organizers.device', { id: shortDevice(device as DeviceId) }),
      detail: sinceText(t, i18n.language, at, now),
      to: { view: 'sharing' },
    }));
  // Anything the app needs the organizer to know: the problem stream (newest first, each opening the notices), then rotations and waiting work.
  const attention: Line[] = [
    ...[...problems].reverse().map((p) => ({
      key: `problem-${p.id}`,
      text: problemText(t, p, (space) => notices?.spaceName(space)),
      detail: sinceText(t, i18n.language, p.at, now),
      to: notices ? ('notices' as const) : ({ view: 'sharing' } as Route),
    })),
    ...(items?.rotation ?? []).map((v) => ({
      key: `rotation-${v.role.id}`,
      text: t('today.rotation', { seat: seatName(v.role), who: nameOf(v.role.holderId) }),
      detail: v.role.termEnd ? t('today.termEnds', { day: formatDay(v.role.termEnd) }) : undefined,
      to: { view: 'leadership' } as Route,
    })),
    ...(sync.pendingBundle
      ? [
          {
            key: 'bundle',
            text: t('today.importWaiting', { space: sync.pendingBundle.spaceName }),
            to: { view: 'sharing' } as Route,
          },
        ]
      : []),
    ...sync.confirmations.map((c) => ({
      key: `confirm-${c.id}`,
      text: t('today.confirmWaiting', { space: c.spaceName }),
      to: { view: 'sharing' } as Route,
    })),
    // Sync's background failures are in the problem stream above (the sync state's `problem` is read from it).
  ];

  // `counted`: false while the lines are not all known yet (the chapter is being read): no count in the heading.
  const section = (name: string, lines: readonly Line[], empty: ReactNode, all?: Route, counted = true) => (
    <section className="panel today-section" aria-labelledby={`${id}-${name}`}>
      <h2 id={`${id}-${name}`}>
        {t(counted ? `today.${name}.title` : `today.${name}.titleUncounted`, { count: lines.length })}
      </h2>
      {lines.length === 0 ? (
        <div className="today-empty">{empty}</div>
      ) : (
        <ul className="today-list" data-testid={`today-${name}`}>
          {(all ? lines.slice(0, SHOWN) : lines).map((line) => (
            <li key={line.key}>
              <button
                type="button"
                className="link"
                aria-haspopup={line.to === 'notices' ? 'dialog' : undefined}
                onClick={() => (line.to === 'notices' ? notices?.open() : navigate(line.to))}
              >
                {line.text}
              </button>
              {line.detail && <span className="hint"> · {line.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      {all && lines.length > SHOWN && (
        <button type="button" onClick={() => navigate(all)}>
          {t('today.more', { count: lines.length - SHOWN })}
        </button>
      )}
    </section>
  );
  const go = (text: string, to: Route) => (
    <>
      <p className="hint">{text}</p>
      <button type="button" onClick={() => navigate(to)}>
        {t(`today.go.${to.view}`)}
      </button>
    </>
  );

  return (
    <section className="view today" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('today.title')}
      </h1>
      <p>{t('today.intro', { day: formatDay(day) })}</p>
      {arriving ? (
        // A space still arriving from a peer (a newcomer opened it at once): not an empty roster to set up.
        <section className="panel today-arriving" aria-labelledby={`${id}-arriving`}>
          <h2 id={`${id}-arriving`}>{t('today.arriving.title')}</h2>
          {/* Said once; the count moving below is read on demand, not at every change. */}
          <p role="status">{t('today.arriving.text')}</p>
          <ArrivalProgress arrival={arriving} />
        </section>
      ) : (
        data.members.size === 0 && (
          <section className="panel today-start" aria-labelledby={`${id}-start`}>
            <h2 id={`${id}-start`}>{t('today.start.title')}</h2>
            <p>{t('today.start.text')}</p>
            <button type="button" className="primary" onClick={() => navigate({ view: 'start' })}>
              {t('today.start.open')}
            </button>
          </section>
        )
      )}
      {section(
        'attention',
        attention,
        // Until the chapter is read, rotations due are not known: "nothing needs you" would be said too soon.
        <p className="hint">{t(loaded ? 'today.attention.empty' : 'today.attention.checking')}</p>,
        { view: 'leadership' },
        loaded,
      )}
      {loaded ? (
        <>
          {section('followUps', followUps, go(t('today.followUps.empty'), { view: 'notes' }), {
            view: 'notes',
          })}
          {section('meetings', meetings, go(t('today.meetings.empty'), { view: 'meetings' }), {
            view: 'meetings',
          })}
          {section(
            'joined',
            joined,
            <p className="hint">
              {since ? t('today.joined.emptySince', { day: formatDay(since) }) : t('today.joined.empty')}
            </p>,
            { view: 'roster' },
          )}
          {section('lapsed', lapsed, <p className="hint">{t('today.lapsed.empty')}</p>, {
            view: 'roster',
            filters: { membershipStatuses: ['lapsed', 'expired'] },
          })}
          {section('oneOnOnes', oneOnOnes, go(t('today.oneOnOnes.empty'), { view: 'notes' }), {
            view: 'notes',
          })}
        </>
      ) : (
        // The lists from the chapter's records, while they are read in slices (space-loading.ts): one panel says so.
        <section className="panel today-section" aria-busy="true">
          <p role="status" data-testid="today-loading">
            {t('today.loading')}
          </p>
        </section>
      )}
      {section(
        'synced',
        synced,
        go(sync.networking ? t('today.synced.empty') : t('today.synced.emptyOffline'), { view: 'sharing' }),
      )}
    </section>
  );
}
