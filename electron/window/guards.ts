import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { withSecurityHeaders } from './csp';

/** The parts of WebContents the guards touch (tests pass a small fake). */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Locks down one WebContents: the app is a single page, so it never navigates, never opens windows
 * and never attaches <webview>. Installed for every WebContents through app 'web-contents-created'.
 */
export function guardWebContents(contents: GuardedContents): void {
  const block = (event: { preventDefault: () => void }): void => event.preventDefault();
  contents.on('will-navigate', block);
  contents.on('will-frame-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', block);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The parts of Session the hardening touches. */
export type HardenedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setSpellCheckerEnabled'
> & { readonly webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'> };

/** Schemes a page of ours may load from: our protocol and in-memory objects. Nothing remote, no file://. */
const ALLOWED_SCHEMES = new Set(['app:', 'blob:', 'data:', 'devtools:']);

export function isAllowedRequestUrl(url: string): boolean {
  try {
    return ALLOWED_SCHEMES.has(new URL(url).protocol);
  } catch {
    // Not a URL: refused.
    return false;
  }
}

/**
 * The one permission the app uses: writing text to the clipboard (`navigator.clipboard.writeText`,
 * to copy the recovery key). Reading the clipboard is not among them: a page that could read it
 * would see whatever the person copies elsewhere (renderer/app/secret-clipboard.ts clears its
 * secret without reading, where it may not read).
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Whether a page at `url` (our renderer's main frame, nothing else) may have `permission`. */
export function isAllowedPermission(permission: string, url: string | undefined, isMainFrame: boolean): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isMainFrame && url !== undefined && isAppUrl(url);
}

/**
 * Session-wide hardening: every permission request and check is denied but writing to the
 * clipboard from our own page (the app needs no camera, notifications, geolocation, USB, clipboard
 * reads...), any request that would leave the machine is cancelled, and every response carries
 * our CSP.
 */
export function hardenSession(session: HardenedSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isAllowedPermission(permission, details.requestingUrl, details.isMainFrame)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin, details) =>
    isAllowedPermission(permission, details.requestingUrl ?? origin, details.isMainFrame),
  );
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) }),
  );
}
