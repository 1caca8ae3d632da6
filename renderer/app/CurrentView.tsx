import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpace } from './SpaceContext';
import type { BackupSettings, SpaceSummary, UnlockedVault } from '../vault';
import type { Route } from './routes';
import { Today } from '../views/today/Today';
import { GetStarted } from '../views/start/GetStarted';
import { Roster } from '../views/roster/Roster';
import { MemberProfile } from '../views/member/MemberProfile';
import { Notes } from '../views/notes/Notes';
import { Skills } from '../views/skills/Skills';
import { History } from '../views/history/History';
import { Spaces } from '../views/spaces/Spaces';
import { Settings } from '../views/settings/Settings';
import { Sharing } from '../views/sharing/Sharing';
import { Meetings } from '../views/meetings/Meetings';
import { EventPage } from '../views/meetings/EventPage';
import { CheckIn } from '../views/meetings/CheckIn';
import { Leadership } from '../views/leadership/Leadership';
import { Groups } from '../views/groups/Groups';
import { GroupPage } from '../views/groups/GroupPage';
import { Partners } from '../views/groups/Partners';
import { PartnerPage } from '../views/groups/PartnerPage';
import { Lists } from '../views/lists/Lists';
import { Reports } from '../views/reports/Reports';

// Screens most sessions never open load on first use: the map and its regions (with their
// geography), the national list's import and export (with the CSV code), the dashboard's charts.
const Places = lazy(() => import('../views/places/Places').then((m) => ({ default: m.Places })));
const Import = lazy(() => import('../views/import/Import').then((m) => ({ default: m.Import })));
const Dashboard = lazy(() => import('../views/dashboard/Dashboard').then((m) => ({ default: m.Dashboard })));
const loading = <p aria-busy="true" />;
/** Views that read the space's id and the sync service only, never its document (SpaceState.opening). */
const OPEN_WHILE_ARRIVING: ReadonlySet<Route['view']> = new Set(['sharing', 'spaces']);

interface Props {
  readonly route: Route;
  readonly vault: UnlockedVault;
  readonly spaces: readonly SpaceSummary[];
  readonly onSpaceCreated: (space: SpaceSummary) => Promise<void>;
  /** A space's name changed: the shell reads the list again. */
  readonly onSpacesChanged: () => Promise<void>;
  readonly idleMinutes: number;
  readonly onIdleMinutes: (minutes: number) => void;
  readonly onOpenSpace?: (spaceId: string) => void;
  readonly backups: BackupSettings | null;
  readonly onMasterKeyChange: (apply: () => Promise<void>) => void;
  readonly onErase: () => void;
}

export function CurrentView(props: Props) {
  const { route, vault, spaces, onSpaceCreated, idleMinutes, onIdleMinutes, onOpenSpace } = props;
  const { t } = useTranslation();
  // Opening: only the roster has something to show (its read index: roster-preview.ts), and while a
  // newcomer's space arrives, the views that read no document.
  const { opening } = useSpace();
  if (opening && route.view !== 'roster' && !(opening === 'arriving' && OPEN_WHILE_ARRIVING.has(route.view)))
    return <p aria-busy="true">{t('shell.opening')}</p>;
  switch (route.view) {
    case 'today':
      return <Today />;
    case 'start':
      return (
        <GetStarted vault={vault} spaces={spaces} onSpacesChanged={props.onSpacesChanged} onOpenSpace={onOpenSpace} />
      );
    case 'roster':
      return <Roster key={JSON.stringify(route.filters ?? {})} initialFilters={route.filters} />;
    case 'places':
      return (
        <Suspense fallback={loading}>
          <Places tab={route.tab ?? 'map'} />
        </Suspense>
      );
    case 'member':
      return <MemberProfile memberId={route.memberId} />;
    case 'notes':
      return <Notes />;
    case 'skills':
      return <Skills />;
    case 'history':
      return <History vault={vault} memberId={route.memberId} />;
    case 'spaces':
      return <Spaces vault={vault} spaces={spaces} onCreated={onSpaceCreated} onOpenSpace={onOpenSpace} />;
    case 'sharing':
      return <Sharing />;
    case 'import':
      return (
        <Suspense fallback={loading}>
          <Import />
        </Suspense>
      );
    case 'settings':
      return (
        <Settings
          idleMinutes={idleMinutes}
          onIdleMinutes={onIdleMinutes}
          vault={vault}
          backups={props.backups}
          onMasterKeyChange={props.onMasterKeyChange}
          onErase={props.onErase}
        />
      );
    // Meetings, leadership, groups and partners (issue 12).
    case 'meetings':
      return <Meetings key={route.newKind ?? ''} newKind={route.newKind} />;
    case 'event':
      return <EventPage key={route.eventId} eventId={route.eventId} />;
    case 'checkin':
      return <CheckIn key={route.eventId} eventId={route.eventId} />;
    case 'leadership':
      return <Leadership />;
    case 'groups':
      return <Groups />;
    case 'group':
      return <GroupPage key={route.groupId} groupId={route.groupId} />;
    case 'partners':
      return <Partners />;
    case 'partner':
      return <PartnerPage key={route.partnerId} partnerId={route.partnerId} />;
    case 'dashboard':
      return (
        <Suspense fallback={loading}>
          <Dashboard />
        </Suspense>
      );
    case 'lists':
      return <Lists listId={route.listId} work={route.work} />;
    case 'reports':
      return <Reports />;
  }
}
