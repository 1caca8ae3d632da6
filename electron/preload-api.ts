/**
 * Builds `window.sealedRoster` from the contract: one async function per invoke channel and one
 * `onX` subscription per event channel, nothing else. The renderer never gets ipcRenderer, and an
 * event listener never sees the IPC event object (it holds `sender`, i.e. ipcRenderer).
 */
import type { SealedRosterApi } from '../shared/ipc/api';
import { buildApi } from '../shared/ipc/build-api';
import { connectionAnnouncement, NET_CONNECTION_CHANNEL, type ConnectionMeta } from '../shared/ipc/contract';
import type { IpcResult } from '../shared/ipc/result';

type Listener = (event: { readonly ports?: readonly unknown[] }, payload: unknown) => void;

/** The parts of ipcRenderer the preload uses (tests pass a small fake). */
export interface PreloadIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

export function createPreloadApi(ipc: PreloadIpc): SealedRosterApi {
  return buildApi({
    invoke: async (channel, request) => (await ipc.invoke(channel, request)) as IpcResult<unknown>,
    subscribe(channel, listener) {
      // The listener never sees the IPC event object: it holds `sender`, i.e. ipcRenderer.
      const forward: Listener = (_event, payload) => listener(payload);
      ipc.on(channel, forward);
      return () => void ipc.removeListener(channel, forward);
    },
  });
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
