/**
 * Creating the sample chapter in a real vault (fake-indexeddb, real libsodium and Yjs), as the screens
 * do (here on the page: Node has no Worker; the browser test covers the worker): each step goes through
 * the space's save path and is sealed at rest; progress comes in order; a second start is refused while
 * one runs; stopped half way, the space keeps the first members made, each whole, and nothing else.
 */
import * as Y from 'yjs';
import { initCrypto } from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { SpaceData } from '../../../shared/model';
import type { SampleProgress } from '../../../shared/sample/generate';
import { generateChapter } from '../../../shared/sample/generate';
import { createVault, unlockVault } from '../../../shared/vault';
import { createSample, isSampleRunning } from '../../../renderer/sample/create-sample';
import { sampleSteps, type SampleRequest, type SampleSize } from '../../../renderer/sample/sample-protocol';
import { fast, freshEnv, storedText } from '../../shared/vault/helpers';

beforeAll(() => initCrypto());

const PASS = 'correct horse battery staple';
const size: SampleSize = { members: 700, memberSkills: 140, notes: 140, seed: 1 };

async function openSpace() {
  const env = freshEnv();
  const { vault } = await createVault(env, PASS, fast);
  const space = await vault.createSpace('Chapter');
  const handle = await vault.openSpace(space);
  return { env, vault, space, data: new SpaceData(handle.doc, 'dev-organizer') };
}

async function reopen(env: ReturnType<typeof freshEnv>, space: Awaited<ReturnType<typeof openSpace>>['space']) {
  const vault = await unlockVault(env, PASS, fast);
  const handle = await vault.openSpace(space);
  return { vault, data: new SpaceData(handle.doc, 'dev-organizer') };
}

const memberRecords = (data: SpaceData) =>
  data.members
    .all()
    .map((m) => JSON.stringify(m))
    .sort();

test('the chapter goes through the save path: the same members after unlock, none of them in plaintext at rest', async () => {
  const { env, vault, space, data } = await openSpace();
  const progress: SampleProgress[] = [];
  const result = await createSample(data, size, { onProgress: (p) => progress.push(p) });
  expect(result).toEqual({ members: 700, complete: true });
  expect(progress.map((p) => p.members).slice(0, 8)).toEqual([100, 200, 300, 400, 500, 600, 700, 700]);
  expect(progress.every((p, i) => p.of === 700 && (i === 0 || p.members >= progress[i - 1]!.members))).toBe(true);
  await vault.lock();

  const again = await reopen(env, space);
  expect(again.vault.problems).toEqual([]);
  const direct = new SpaceData(generateChapter(size).doc, 'dev-organizer');
  expect(memberRecords(again.data)).toEqual(memberRecords(direct));
  expect(again.data.notes.size).toBe(140);
  await again.vault.lock();

  const stored = await storedText(env);
  expect(stored).toContain('\u0000'); // it did read the binary records
  for (const m of direct.members.all().slice(0, 50)) {
    expect(stored).not.toContain(m.emails[0]!);
    expect(stored).not.toContain(m.phones[0]!);
  }
}, 120_000);

test('a second start is refused while one runs; once it ends, the next one starts', async () => {
  const { vault, data } = await openSpace();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  async function* slow(request: SampleRequest) {
    for (const step of sampleSteps(request)) {
      yield step;
      await gate;
    }
  }
  const first = createSample(data, { ...size, members: 300 }, { steps: slow });
  expect(isSampleRunning()).toBe(true);
  const second = createSample(data, size).catch((e: unknown) => e);
  expect(isAppError(await second, 'sample-busy')).toBe(true);
  release();
  expect(await first).toEqual({ members: 300, complete: true });
  expect(isSampleRunning()).toBe(false);
  expect(data.members.size).toBe(300);
  await vault.lock();
}, 60_000);

test('stopped half way, the space keeps the first members made, each whole, and the rest is not written', async () => {
  const { env, vault, space, data } = await openSpace();
  const stop = new AbortController();
  const result = await createSample(data, size, {
    signal: stop.signal,
    onProgress: (p) => {
      if (p.members >= 500) stop.abort();
    },
  });
  expect(result).toEqual({ members: 500, complete: false });
  expect(isSampleRunning()).toBe(false);
  await vault.lock();

  const again = await reopen(env, space);
  expect(again.vault.problems).toEqual([]);
  expect(again.data.members.size).toBe(500);
  expect(again.data.members.list().problems).toEqual([]);
  // The first 500 of the full chapter, each as the full chapter has it; no notes yet.
  const full = new Map(new SpaceData(generateChapter(size).doc, 'dev-organizer').members.all().map((m) => [m.id, m]));
  for (const m of again.data.members.all()) expect(m).toEqual(full.get(m.id));
  expect(again.data.notes.size).toBe(0);
  await again.vault.lock();
}, 120_000);

test('a document of a newer schema is refused before anything is written', async () => {
  const doc = new Y.Doc();
  doc.getMap('meta').set('schemaVersion', 10_000);
  const data = new SpaceData(doc, 'dev-organizer', { migrate: false });
  const outcome = await createSample(data, size).catch((e: unknown) => e);
  expect(isAppError(outcome, 'schema-too-new')).toBe(true);
  expect(doc.getMap('members').size).toBe(0);
  expect(isSampleRunning()).toBe(false);
});
