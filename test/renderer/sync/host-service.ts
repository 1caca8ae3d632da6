/**
 * The sync tests' set-up: browser hosts for a test file, the renderer's sync service on one (started as the
 * app starts it after unlock), and the waits and reads those tests share.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from '../../../electron/browser-host/host';
import { initCrypto, type SpaceId } from '../../../shared/crypto';
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

export type ServiceOptions = Partial<Omit<SyncServiceOptions, 'vault' | 'api' | 'onConnection'>>;

/**
 * `count` browser hosts serving an empty renderer folder, started before the file's tests (with
 * `options(i)` for host i) and closed after them. `start` runs a sync service on one; the services a test
 * started are closed after it.
 */
export function useBrowserHosts(
  count: number,
  options: (i: number) => Omit<BrowserHostOptions, 'rendererRoot'>,
  defaults: ServiceOptions = {},
): {
  readonly hosts: BrowserHost[];
  start(host: BrowserHost, vault: Vault, more?: ServiceOptions): Promise<SyncService>;
  /** The platform API under a service `start` ran, as the app gets it (renderer/platform). */
  apiOf(service: SyncService): ReturnType<typeof withAppErrors>;
} {
  const hosts: BrowserHost[] = [];
  const running: { service: SyncService; client: HostClient }[] = [];
  let root = '';
  beforeAll(async () => {
    await initCrypto();
    root = mkdtempSync(path.join(os.tmpdir(), 'sync-hosts-'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
    for (let i = 0; i < count; i++) hosts.push(await startBrowserHost({ rendererRoot: root, ...options(i) }));
  });
  afterEach(() => {
    for (const r of running.splice(0)) {
      r.service.close();
      r.client.close();
    }
  });
  afterAll(async () => {
    for (const h of hosts) await h.close();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    hosts,
    async start(host, vault, more = {}) {
      const { service, client } = await startServiceOnHost(host, vault, { ...defaults, ...more });
      running.push({ service, client });
      return service;
    },
    apiOf: (service) => withAppErrors(running.find((r) => r.service === service)!.client.api),
  };
}

/** Polls `check` until it holds; past `ms`, fails naming `what`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The names of a space's members as the vault holds them, sorted (the sync tests' members are bare Y.Maps). */
export async function memberNames(vault: Vault, space: SpaceId): Promise<string[]> {
  const doc = (await vault.openSpace(space)).doc;
  return [...doc.getMap<Y.Map<unknown>>('members').values()].map((m) => String(m.get('name'))).sort();
}
