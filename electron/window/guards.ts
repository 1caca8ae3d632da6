import type { Session, WebContents } from 'electron';
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
 * Session-wide hardening: every permission request and check is denied (the app needs none: no
 * camera, notifications, geolocation, USB...), any request that would leave the machine is
 * cancelled, and every response carries our CSP.
 */
export function hardenSession(session: HardenedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) }),
  );
}
