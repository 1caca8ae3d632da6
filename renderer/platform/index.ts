/**
 * Where the renderer gets the preload API: `window.sealedRoster` under Electron, or a WebSocket
 * client of the browser host (tests, development) when the page was opened with the host's token
 * in its URL fragment. Null in a plain browser tab (no networking, no file dialogs).
 */
import type { SealedRosterApi } from '../../shared/ipc/api';
import { API_GLOBAL, connectionAnnouncement } from '../../shared/ipc/contract';
import { HOST_TOKEN_PARAM } from '../../shared/ipc/host-wire';
import { appErrorFromIpc } from '../../shared/ipc/result';
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

/**
 * The API with every call's failure as an AppError with its stable code (converted here, once, for
 * every caller): a call that returns a promise has its rejection converted; event subscriptions,
 * which return their unsubscribe function, pass through as they are.
 */
export function withAppErrors(api: SealedRosterApi): SealedRosterApi {
  const wrapped: Record<string, unknown> = {};
  for (const [name, group] of Object.entries(api as unknown as Record<string, unknown>)) {
    if (typeof group !== 'object' || group === null) {
      wrapped[name] = group;
      continue;
    }
    const calls: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(group as Record<string, unknown>)) {
      calls[key] =
        typeof value !== 'function'
          ? value
          : (...args: unknown[]) => {
              const result: unknown = (value as (...a: unknown[]) => unknown)(...args);
              const thenable = typeof (result as { then?: unknown } | null)?.then === 'function';
              return thenable
                ? Promise.resolve(result).catch((e: unknown) => Promise.reject(appErrorFromIpc(e)))
                : result;
            };
    }
    wrapped[name] = calls;
  }
  return wrapped as unknown as SealedRosterApi;
}

function detect(): Platform | null {
  const preload = (window as unknown as Record<string, SealedRosterApi | undefined>)[API_GLOBAL];
  if (preload) return { kind: 'electron', api: withAppErrors(preload) };
  const token = hostTokenOf(window.location);
  if (!token || window.location.protocol !== 'http:') return null;
  const client = connectToHost({
    origin: window.location.origin,
    token,
    // Exactly what the preload does with Electron's ports.
    announce: (meta, port) => window.postMessage(connectionAnnouncement(meta), window.location.origin, [port]),
  });
  return { kind: 'browser-host', api: withAppErrors(client.api) };
}

export function getPlatform(): Platform | null {
  const holder = globalThis as Holder;
  if (!(SHARED in holder)) holder[SHARED] = detect();
  return holder[SHARED] ?? null;
}
