import type { MemberFilters } from '../../shared/model/filter';

/** The parts of "Map and regions" (renderer/views/places). */
export type PlacesTab = 'map' | 'regions' | 'needs';

/** Where the user is in the app. No URL router: the app is one window and keeps no history of member ids. */
export type Route =
  | { readonly view: 'roster'; readonly filters?: MemberFilters }
  | { readonly view: 'places'; readonly tab?: PlacesTab }
  | { readonly view: 'member'; readonly memberId?: string }
  | { readonly view: 'notes' }
  | { readonly view: 'skills' }
  | { readonly view: 'history'; readonly memberId?: string }
  | { readonly view: 'spaces' }
  | { readonly view: 'sharing' }
  | { readonly view: 'import' }
  | { readonly view: 'settings' };

export type ViewName = Route['view'];
export const NAV_VIEWS: readonly ViewName[] = [
  'roster',
  'places',
  'member',
  'notes',
  'skills',
  'history',
  'spaces',
  'sharing',
  'import',
  'settings',
];
