/** Where the user is in the app. No URL router: the app is one window and keeps no history of member ids. */
export type Route =
  | { readonly view: 'roster' }
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
  'member',
  'notes',
  'skills',
  'history',
  'spaces',
  'sharing',
  'import',
  'settings',
];
