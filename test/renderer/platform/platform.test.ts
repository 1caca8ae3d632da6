/** @jest-environment jsdom */
import { getPlatform, hostTokenOf } from '../../../renderer/platform';

const SHARED = Symbol.for('sealed-roster/platform');
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[SHARED];
  delete (window as unknown as Record<string, unknown>).sealedRoster;
  window.location.hash = '';
});

test('under Electron the preload API is the platform, unchanged', () => {
  const preload = { app: {} };
  (window as unknown as Record<string, unknown>).sealedRoster = preload;
  expect(getPlatform()).toEqual({ kind: 'electron', api: preload });
  expect(getPlatform()!.api).toBe(preload);
});

test('a plain tab (no preload, no host token) has no platform', () => {
  expect(getPlatform()).toBeNull();
});

test('the host token is read from the URL fragment only', () => {
  expect(hostTokenOf({ hash: '#token=abc_DEF-1' })).toBe('abc_DEF-1');
  expect(hostTokenOf({ hash: '#other=1' })).toBeNull();
  expect(hostTokenOf({ hash: '' })).toBeNull();
});
