/** @jest-environment jsdom */
import { getPlatform, hostTokenOf, withAppErrors } from '../../../renderer/platform';
import { AppError } from '../../../shared/errors';
import type { SealedRosterApi } from '../../../shared/ipc/api';
import { ipcErrorMessage } from '../../../shared/ipc/result';

const SHARED = Symbol.for('sealed-roster/platform');
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[SHARED];
  delete (window as unknown as Record<string, unknown>).sealedRoster;
  window.location.hash = '';
});

test('under Electron the preload API is the platform, its calls answering as before', async () => {
  const preload = { app: { info: async () => ({ version: '1' }) } };
  (window as unknown as Record<string, unknown>).sealedRoster = preload;
  expect(getPlatform()!.kind).toBe('electron');
  await expect((getPlatform()!.api as unknown as typeof preload).app.info()).resolves.toEqual({ version: '1' });
});

test("a call's failure comes back as an AppError with its code, converted once for every caller", async () => {
  const unsubscribe = () => undefined;
  const api = withAppErrors({
    net: {
      listen: () => Promise.reject(new Error(ipcErrorMessage('storage-failed', 'the disk is full'))),
      onConnection: () => unsubscribe,
    },
  } as unknown as SealedRosterApi);
  const net = api.net as unknown as { listen(): Promise<void>; onConnection(): () => void };
  const failure = await net.listen().catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(AppError);
  expect(failure).toMatchObject({ code: 'storage-failed' });
  // A subscription returns its unsubscribe function at once, not a promise.
  expect(net.onConnection()).toBe(unsubscribe);
});

test('a plain tab (no preload, no host token) has no platform', () => {
  expect(getPlatform()).toBeNull();
});

test('the host token is read from the URL fragment only', () => {
  expect(hostTokenOf({ hash: '#token=abc_DEF-1' })).toBe('abc_DEF-1');
  expect(hostTokenOf({ hash: '#other=1' })).toBeNull();
  expect(hostTokenOf({ hash: '' })).toBeNull();
});
