/** The renderer's sync service on a browser host, started as the app starts it after unlock (shared by the sync tests). */
import { WebSocket } from 'ws';
import type { BrowserHost } from '../../../electron/browser-host/host';
import type { ConnectionMeta } from '../../../shared/ipc/contract';
import type { Vault } from '../../../shared/vault';
import { connectToHost, type HostClient, type SocketLike } from '../../../renderer/platform/host-client';
import type { IncomingConnection } from '../../../renderer/platform/connections';
import { SyncService, type SyncServiceOptions } from '../../../renderer/sync/service';
import { withAppErrors } from '../../../renderer/platform';

/** Connects a client to `host` (the token-gated WebSocket) and starts a SyncService on it; no periodic discovery unless asked. */
export async function startServiceOnHost(
  host: BrowserHost,
  vault: Vault,
  options: Partial<Omit<SyncServiceOptions, 'vault' | 'api' | 'onConnection'>> = {},
): Promise<{ service: SyncService; client: HostClient }> {
  const listeners = new Set<(c: IncomingConnection) => void>();
  const client = connectToHost({
    origin: host.origin,
    token: host.token,
    openSocket: (url) => new WebSocket(url, { origin: host.origin }) as unknown as SocketLike,
    announce: (meta: ConnectionMeta, port: MessagePort) => listeners.forEach((l) => l({ meta, port })),
  });
  const service = await SyncService.start({
    vault,
    api: withAppErrors(client.api), // as the app gets it (renderer/platform)
    onConnection: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    discoverEveryMs: 0,
    ...options,
  });
  return { service, client };
}
