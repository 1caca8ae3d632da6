import type { EventKind } from '../../shared/model/codes';
import type { MemberFilters } from '../../shared/model/filter';

/** The parts of "Map and regions" (renderer/views/places). */
export type PlacesTab = 'map' | 'regions' | 'needs';

/** Where the user is in the app. No URL router: the app is one window and keeps no history of member ids. */
export type Route =
  | { readonly view: 'today' }
  /** The guided first run (renderer/views/start): after the vault is made, and from Today's empty roster. */
  | { readonly view: 'start' }
  | { readonly view: 'roster'; readonly filters?: MemberFilters }
  | { readonly view: 'places'; readonly tab?: PlacesTab }
  | { readonly view: 'member'; readonly memberId?: string }
  | { readonly view: 'notes' }
  | { readonly view: 'skills' }
  | { readonly view: 'history'; readonly memberId?: string }
  | { readonly view: 'spaces' }
  | { readonly view: 'sharing' }
  | { readonly view: 'import' }
  | { readonly view: 'settings' }
  // Meetings, leadership, groups and partners (issue 12).
  | { readonly view: 'meetings'; readonly newKind?: EventKind }
  | { readonly view: 'event'; readonly eventId: string }
  | { readonly view: 'checkin'; readonly eventId: string }
  | { readonly view: 'leadership' }
  | { readonly view: 'groups' }
  | { readonly view: 'group'; readonly groupId: string }
  | { readonly view: 'partners' }
  | { readonly view: 'partner'; readonly partnerId: string }
  // Engagement: the dashboard, call/text/mail lists, de-identified reports.
  | { readonly view: 'dashboard' }
  | { readonly view: 'lists'; readonly listId?: string; readonly work?: boolean }
  | { readonly view: 'reports' };

export type ViewName = Route['view'];
/** Views the navigation opens as they are (no record to name). */
type Plain<R> = R extends { readonly view: infer V } ? ({ readonly view: V } extends R ? V : never) : never;
export type NavView = Plain<Route>;
export const NAV_VIEWS: readonly NavView[] = [
  'today',
  'roster',
  'places',
  // Engagement
  'dashboard',
  'lists',
  'reports',
  'member',
  'notes',
  // Meetings, leadership, groups and partners (issue 12).
  'meetings',
  'leadership',
  'groups',
  'partners',
  'skills',
  'history',
  'spaces',
  'sharing',
  'import',
  'settings',
];

/** Pages reached from a list, and the navigation entry that stays marked while they are open. */
const NAV_PARENT: Partial<Record<ViewName, ViewName>> = {
  event: 'meetings',
  checkin: 'meetings',
  group: 'groups',
  partner: 'partners',
};

/** The navigation entry marked as current for `route`. */
export function navOf(route: Route): ViewName {
  return NAV_PARENT[route.view] ?? route.view;
}
