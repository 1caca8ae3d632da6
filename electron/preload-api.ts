/**
 * Builds `window.sealedRoster` from the contract: one async function per invoke channel and one
 * `onX` subscription per event channel, nothing else. The renderer never gets ipcRenderer, and an
 * event listener never sees the IPC event object (it holds `sender`, i.e. ipcRenderer).
 */
import type { SealedRosterApi } from '../shared/ipc/api';
import { apiPathOf, subscriptionNameOf } from '../shared/ipc/api';
import {
  connectionAnnouncement,
  eventChannelNames,
  invokeChannelNames,
  NET_CONNECTION_CHANNEL,
  type ConnectionMeta,
} from '../shared/ipc/contract';
import { unwrapIpcResult, type IpcResult } from '../shared/ipc/result';

type Listener = (event: { readonly ports?: readonly unknown[] }, payload: unknown) => void;

/** The parts of ipcRenderer the preload uses (tests pass a small fake). */
export interface PreloadIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

export function createPreloadApi(ipc: PreloadIpc): SealedRosterApi {
  const groups: Record<string, Record<string, unknown>> = {};
  const put = ({ group, member }: { group: string; member: string }, fn: unknown): void => {
    groups[group] ??= {};
    groups[group][member] = fn;
  };
  for (const channel of invokeChannelNames) {
    put(apiPathOf(channel), async (request: unknown = {}) =>
      unwrapIpcResult((await ipc.invoke(channel, request)) as IpcResult<unknown>),
    );
  }
  for (const channel of eventChannelNames) {
    put(subscriptionNameOf(channel), (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${channel}: listener must be a function`);
      const forward: Listener = (_event, payload) => listener(payload);
      ipc.on(channel, forward);
      return () => void ipc.removeListener(channel, forward);
    });
  }
  for (const group of Object.values(groups)) Object.freeze(group);
  return Object.freeze(groups) as unknown as SealedRosterApi;
}

/**
 * Connection ports cannot cross contextBridge, so the preload re-posts each one to the page itself
 * (same window, our own origin only); the renderer accepts it with `isConnectionAnnouncement`.
 */
export function forwardConnectionPorts(
  ipc: Pick<PreloadIpc, 'on'>,
  postToPage: (message: unknown, ports: readonly unknown[]) => void,
): void {
  ipc.on(NET_CONNECTION_CHANNEL, (event, meta) => {
    if (event.ports?.length === 1) postToPage(connectionAnnouncement(meta as ConnectionMeta), event.ports);
  });
}
