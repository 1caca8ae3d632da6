/**
 * Where the renderer gets the preload API: `window.sealedRoster` under Electron, or a WebSocket
 * client of the browser host (tests, development) when the page was opened with the host's token
 * in its URL fragment. Null in a plain browser tab (no networking, no file dialogs).
 */
import type { SealedRosterApi } from '../../shared/ipc/api';
import { API_GLOBAL, connectionAnnouncement } from '../../shared/ipc/contract';
import { HOST_TOKEN_PARAM } from '../../shared/ipc/host-wire';
import { connectToHost } from './host-client';

export { onConnection, portChannel, type IncomingConnection } from './connections';

export type PlatformKind = 'electron' | 'browser-host';

export interface Platform {
  readonly kind: PlatformKind;
  readonly api: SealedRosterApi;
}

// One per page, even when a second bundle (a test probe) asks: the host serves one client at a time.
const SHARED = Symbol.for('sealed-roster/platform');
type Holder = { [SHARED]?: Platform | null };

/** The host's token from `#token=...`, if the page was opened by the browser host. */
export function hostTokenOf(location: Pick<Location, 'hash'>): string | null {
  return new URLSearchParams(location.hash.replace(/^#/, '')).get(HOST_TOKEN_PARAM);
}

function detect(): Platform | null {
  const preload = (window as unknown as Record<string, SealedRosterApi | undefined>)[API_GLOBAL];
  if (preload) return { kind: 'electron', api: preload };
  const token = hostTokenOf(window.location);
  if (!token || window.location.protocol !== 'http:') return null;
  const client = connectToHost({
    origin: window.location.origin,
    token,
    // Exactly what the preload does with Electron's ports.
    announce: (meta, port) => window.postMessage(connectionAnnouncement(meta), window.location.origin, [port]),
  });
  return { kind: 'browser-host', api: client.api };
}

export function getPlatform(): Platform | null {
  const holder = globalThis as Holder;
  if (!(SHARED in holder)) holder[SHARED] = detect();
  return holder[SHARED] ?? null;
}
