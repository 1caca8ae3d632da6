/**
 * When the sync service advertises again (renderer/sync/advertising.ts decides, alone): over the
 * real platform path (a browser host: handlers, bridge, TCP, mDNS on a private port; a real vault
 * on fake-indexeddb), counting what main is asked to do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/host';
import { initCrypto } from '../../../shared/crypto';
import { AppError } from '../../../shared/errors';
import type { SealedRosterApi } from '../../../shared/ipc/api';
import type { ConnectionMeta } from '../../../shared/ipc/contract';
import { createVault, type Vault } from '../../../shared/vault';
import type { IncomingConnection } from '../../../renderer/platform/connections';
import { connectToHost, type HostClient, type SocketLike } from '../../../renderer/platform/host-client';
import { SyncService } from '../../../renderer/sync/service';
import { fast, freshEnv } from '../../shared/vault/helpers';
import { withAppErrors } from '../../../renderer/platform';

jest.setTimeout(60_000);

let host: BrowserHost;
let root = '';
const running: { service: SyncService; client: HostClient }[] = [];

beforeAll(async () => {
  await initCrypto();
  root = mkdtempSync(path.join(os.tmpdir(), 'advertising-'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
  host = await startBrowserHost({
    rendererRoot: root,
    network: { lanHost: '127.0.0.1', mdns: { port: 40000 + Math.floor(Math.random() * 20000) } },
    logError: () => undefined,
  });
});
afterEach(() => {
  for (const r of running.splice(0)) {
    r.service.close();
    r.client.close();
  }
});
afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

type NetCall = keyof SealedRosterApi['net'];

/** Starts the service as the app does, on an API that counts the network calls main is asked for. */
async function startCounting(
  vault: Vault,
  failing: Partial<Record<NetCall, Error>> = {},
): Promise<{ service: SyncService; calls: Map<NetCall, number> }> {
  const calls = new Map<NetCall, number>();
  const client = connectToHost({
    origin: host.origin,
    token: host.token,
    openSocket: (url) => new WebSocket(url, { origin: host.origin }) as unknown as SocketLike,
    announce: (meta: ConnectionMeta, port: MessagePort) => listeners.forEach((l) => l({ meta, port })),
  });
  const listeners = new Set<(c: IncomingConnection) => void>();
  const net = Object.fromEntries(
    Object.entries(client.api.net as unknown as Record<string, (...args: unknown[]) => unknown>).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        calls.set(name as NetCall, (calls.get(name as NetCall) ?? 0) + 1);
        const failure = failing[name as NetCall];
        return failure ? Promise.reject(failure) : fn(...args);
      },
    ]),
  ) as unknown as SealedRosterApi['net'];
  const service = await SyncService.start({
    vault,
    api: withAppErrors({ ...client.api, net }), // as the app gets it (renderer/platform)
    onConnection: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    discoverEveryMs: 0,
  });
  running.push({ service, client });
  return { service, calls };
}

const newVault = async (name: string) => (await createVault(freshEnv(), `passphrase of ${name}`, fast)).vault;

test('one invite advertises once: created, and cancelled', async () => {
  const vault = await newVault('admin');
  const space = await vault.createSpace('Eastside branch');
  const { service, calls } = await startCounting(vault);
  await service.refresh();
  const advertised = jest.spyOn(service.network, 'advertise');
  calls.clear();

  const invite = await service.createInvite(space, 'editor', 60_000);
  expect(advertised).toHaveBeenCalledTimes(1);
  expect(calls.get('listen')).toBe(1);
  expect(calls.get('addresses')).toBe(1); // asked once per advertisement with a listener open
  expect(service.store.get().listening).toMatchObject({ port: expect.any(Number) });

  calls.clear();
  await service.cancelInvite(invite.id);
  expect(advertised).toHaveBeenCalledTimes(2);
  expect(calls.get('close')).toBe(1);
  expect(service.store.get().listening).toBeNull();
});

test('asks that come while it advertises are folded into one more advertisement', async () => {
  const vault = await newVault('busy');
  const space = await vault.createSpace('Eastside branch');
  const { service } = await startCounting(vault);
  await service.createInvite(space, 'editor', 60_000);
  const advertised = jest.spyOn(service.network, 'advertise');
  await Promise.all([service.refresh(), service.refresh(), service.refresh(), service.refresh()]);
  expect(advertised).toHaveBeenCalledTimes(2);
});

test('a space created elsewhere in the app is advertised when the app asks, not before', async () => {
  const vault = await newVault('quiet');
  const { service, calls } = await startCounting(vault);
  const advertised = jest.spyOn(service.network, 'advertise');
  await vault.createSpace('Westside branch'); // shared with nobody: nothing to answer to
  await service.refresh();
  expect(advertised).toHaveBeenCalledTimes(1);
  expect(calls.get('listen')).toBeUndefined();
});

test('a failed advertisement reaches the problem stream, and the state says it from there', async () => {
  const vault = await newVault('unlucky');
  const space = await vault.createSpace('Eastside branch');
  const { service } = await startCounting(vault, { listen: new AppError('net-failed', 'main could not listen') });
  expect(service.store.get().problem).toBeNull();
  await service.createInvite(space, 'editor', 60_000);
  const told = service.problems.get().filter((p) => p.kind === 'sync-failed');
  expect(told).toEqual([expect.objectContaining({ kind: 'sync-failed', code: 'net-failed' })]);
  expect(service.store.get().problem).toBe(told[0]);
  await service.refresh(); // the same failure again: still one notice, the newest
  const again = service.problems.get().filter((p) => p.kind === 'sync-failed');
  expect(again).toHaveLength(1);
  expect(service.store.get().problem).toBe(again[0]);
});
