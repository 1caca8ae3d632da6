/**
 * The page side of the `unlock` bench suite (rows/unlock.ts): bundled on its
 * own (rolldown, IIFE) and evaluated in the app's page over the DevTools
 * protocol, so it shares the page's main thread, IndexedDB and heap with the
 * app, but no state: it carries its own copy of the engine (shared/, to fill
 * the space while the app is locked). It sets `globalThis.unlockBench`.
 *
 * - filling the space with the sample chapter through the app's engine;
 * - the unlock watch: from the click on Unlock to the frame that shows the
 *   roster's rows with the expected count, and the long tasks in between;
 * - the floor: what any design must do to unlock, i.e. Argon2id with the
 *   stored vault's parameters, reading every stored record unlock reads from
 *   IndexedDB (all but the checkpoint and the read index: NOT_IN_FLOOR) and
 *   decrypting as many bytes, in as many pieces, with XChaCha20-Poly1305;
 * - a plaintext Yjs document held in memory, to weigh it on the same heap;
 * - the space writing its snapshot, as the app does, and the long tasks meanwhile.
 */
import sodium from 'libsodium-wrappers-sumo';
import * as Y from 'yjs';
import { nextTaskFirst } from '../../renderer/components/nextPaint';
import { initCrypto } from '../../shared/crypto';
import { OPENED_LATER } from '../../shared/model/layout';
import { generateChapter, type ChapterSize } from '../../shared/sample/generate';
import type { IdbFactory, IdbKeyRangeFactory } from '../../shared/store/indexeddb-types';
import { unlockVault, type SpaceHandle, type Vault } from '../../shared/vault';
import { SpaceData } from '../../shared/model/space-data';
import { rosterIndexPieces } from '../../shared/model/roster-index';

export interface UnlockTiming {
  /** Click on Unlock to the frame with the roster's rows, ms. */
  readonly ms: number;
  /** Durations of the main thread's long tasks (≥ 50 ms) in that window, ms. */
  readonly longTasks: number[];
}

export interface FloorTiming {
  readonly argon2idMs: number;
  readonly readMs: number;
  readonly decryptMs: number;
  readonly totalMs: number;
  /** Records read and ciphertext bytes decrypted. */
  readonly records: number;
  readonly bytes: number;
}

export interface StoredBytes {
  readonly store: string;
  readonly records: number;
  readonly bytes: number;
}

export interface UnlockBench {
  fillChapter(dbName: string, passphrase: string, size: ChapterSize): Promise<number>;
  armUnlockWatch(expectedCount: number, timeoutMs: number): void;
  /** Resolves once the roster reads the live space (its Add member button is enabled): the whole space is loaded. */
  spaceLoaded(timeoutMs: number): Promise<number>;
  unlockResult(): Promise<UnlockTiming>;
  /** Returns, per object store, how many records it holds and the bytes the floor decrypts for them. */
  prepareFloor(dbName: string): Promise<StoredBytes[]>;
  floor(dbName: string, passphrase: string): Promise<FloorTiming>;
  stageDoc(base64: string): number;
  holdStagedDoc(): number;
  /** The engine opens the space as the app does (the app locked), ready for snapshotWrite. */
  openForSnapshot(dbName: string, passphrase: string): Promise<void>;
  /** The space writes its snapshot, then the engine locks: the write's time and long tasks. */
  snapshotWrite(): Promise<UnlockTiming>;
}

function openDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
}

/**
 * Records unlock never reads when a snapshot is usable, and so the floor does not either: the
 * checkpoint (its presence is counted, not read: shared/vault/space-load.ts) and the roster's read
 * index (an extra read of ours, shared/vault/read-index.ts, not part of what any design must do).
 */
const NOT_IN_FLOOR = ['checkpoint:', 'readindex:'];

/** Every stored value of every store, read in one transaction with getAll (`floorOnly`: as the floor reads). */
async function readAll(name: string, floorOnly = false): Promise<{ store: string; values: unknown[] }[]> {
  const db = await openDb(name);
  try {
    const stores = [...db.objectStoreNames];
    const tx = db.transaction(stores, 'readonly');
    const out = stores.map((store) => ({ store, values: [] as unknown[] }));
    stores.forEach((store, i) => {
      const keys = tx.objectStore(store).getAllKeys();
      const req = tx.objectStore(store).getAll();
      req.onsuccess = () => {
        const skip = (k: IDBValidKey) =>
          floorOnly && typeof k === 'string' && NOT_IN_FLOOR.some((p) => k.startsWith(p));
        out[i]!.values = req.result.filter((_, j) => !skip(keys.result[j]!));
      };
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('read failed'));
    });
    return out;
  } finally {
    db.close();
  }
}

/** The byte arrays inside a stored value (entry bytes, sealed ciphertexts), whatever its record type. */
function byteArrays(value: unknown, out: Uint8Array[]): void {
  if (value instanceof Uint8Array) {
    // Nonces and salts are not decrypted on their own.
    if (value.length > 24) out.push(value);
    return;
  }
  if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) byteArrays(v, out);
}

interface VaultKdf {
  readonly salt: Uint8Array;
  readonly opsLimit: number;
  readonly memLimit: number;
}

function vaultKdf(stores: { store: string; values: unknown[] }[]): VaultKdf {
  for (const { values } of stores)
    for (const v of values) {
      const kdf = (v as { kdf?: VaultKdf } | null)?.kdf;
      if (kdf && kdf.salt instanceof Uint8Array) return kdf;
    }
  throw new Error('no vault record in this profile');
}

/** The profile's IndexedDB as the engine reaches it. */
function engineEnv(name: string) {
  return {
    indexedDB: indexedDB as unknown as IdbFactory,
    IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
    name,
  };
}

/** The long tasks (ms) that overlap the window from `start` to `end` (performance.now()), once delivered. */
async function longTasksIn(observed: PerformanceEntry[], observer: PerformanceObserver, start: number, end: number) {
  // Long-task entries are delivered after the task: give them a moment, then take them all.
  await new Promise((resolve) => setTimeout(resolve, 200));
  observed.push(...observer.takeRecords());
  observer.disconnect();
  return observed.filter((t) => t.startTime + t.duration > start && t.startTime < end).map((t) => t.duration);
}

function pageSide(): UnlockBench {
  let watch: Promise<UnlockTiming> | null = null;
  /** Ciphertexts of the stored sizes under a random key: the floor decrypts these (it has no vault key). */
  let prepared: { key: Uint8Array; nonce: Uint8Array; ciphertexts: Uint8Array[] } | null = null;
  let staged: Uint8Array | null = null;
  let opened: { vault: Vault; handle: SpaceHandle } | null = null;
  const held: Y.Doc[] = [];

  return {
    /**
     * What Settings' sample button does (generateChapter into the space's document), with a
     * chosen number of notes: the app's engine unlocks the stored vault, opens its space, the
     * generator fills it, and locking stores every change and a snapshot, as the app would.
     */
    async fillChapter(dbName, passphrase, size) {
      await initCrypto();
      // The app's read index beside the snapshot lock writes (renderer/vault/roster-index.ts), made here
      // from a model of the document, so that the unlock shows the roster from it as the app's own would.
      const readIndex = (doc: Y.Doc) => rosterIndexPieces(new SpaceData(doc, 'bench', { migrate: false }));
      const vault = await unlockVault(engineEnv(dbName), passphrase, { readIndex });
      const [space] = await vault.listSpaces();
      if (!space) throw new Error('the vault has no space');
      const handle = await vault.openSpace(space.id);
      generateChapter(size, handle.doc);
      const members = handle.doc.getMap('members').size;
      await vault.lock();
      return members;
    },

    armUnlockWatch(expectedCount, timeoutMs) {
      const tasks: PerformanceEntry[] = [];
      const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
      observer.observe({ type: 'longtask' });
      watch = new Promise<UnlockTiming>((resolve, reject) => {
        let start = -1;
        const giveUp = setTimeout(() => {
          mutations.disconnect();
          observer.disconnect();
          const count = document.querySelector('[data-testid="roster-count"]')?.getAttribute('data-count');
          reject(new Error(`no roster of ${expectedCount} within ${timeoutMs} ms (count shown: ${count ?? 'none'})`));
        }, timeoutMs);
        const shown = () =>
          document.querySelector(`[data-testid="roster-count"][data-count="${expectedCount}"]`) !== null &&
          document.querySelector('[data-member-id]') !== null;
        const finish = () => {
          clearTimeout(giveUp);
          mutations.disconnect();
          // The frame that paints the rows.
          requestAnimationFrame(() => {
            const end = performance.now();
            // Long-task entries are delivered after the task: give them a moment, then take them all.
            setTimeout(() => {
              tasks.push(...observer.takeRecords());
              observer.disconnect();
              const inWindow = tasks.filter((t) => t.startTime + t.duration > start && t.startTime < end);
              resolve({ ms: end - start, longTasks: inWindow.map((t) => t.duration) });
            }, 200);
          });
        };
        // The app opens on Today after unlock: go to the roster as soon as the navigation is there,
        // as an organizer heading for it would, so the figure stays "unlock to the roster".
        let toRoster = false;
        const mutations = new MutationObserver(() => {
          if (start >= 0 && !toRoster) {
            const roster = [...document.querySelectorAll<HTMLButtonElement>('nav button')].find(
              (b) => b.textContent === 'Roster',
            );
            if (roster) {
              toRoster = true;
              roster.click();
            }
          }
          if (start >= 0 && shown()) finish();
        });
        document.addEventListener(
          'click',
          (e) => {
            start = e.timeStamp;
            mutations.observe(document.body, { subtree: true, childList: true, attributes: true });
          },
          { capture: true, once: true },
        );
      });
    },

    spaceLoaded(timeoutMs) {
      const start = performance.now();
      return new Promise<number>((resolve, reject) => {
        const live = () => {
          const add = [...document.querySelectorAll<HTMLButtonElement>('.roster button.primary')][0];
          return add !== undefined && !add.disabled;
        };
        const poll = () => {
          if (live()) return resolve(performance.now() - start);
          if (performance.now() - start > timeoutMs) return reject(new Error('the space did not load'));
          setTimeout(poll, 20);
        };
        poll();
      });
    },

    unlockResult() {
      if (!watch) throw new Error('armUnlockWatch first');
      return watch;
    },

    async prepareFloor(dbName) {
      await sodium.ready;
      const arrays: Uint8Array[] = [];
      const stored: StoredBytes[] = [];
      for (const { store, values } of await readAll(dbName, true)) {
        const first = arrays.length;
        for (const v of values) byteArrays(v, arrays);
        const bytes = arrays.slice(first).reduce((n, a) => n + a.length, 0);
        stored.push({ store, records: values.length, bytes });
      }
      const key = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
      const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
      const ciphertexts = arrays.map((a) =>
        sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
          new Uint8Array(a.length - sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES),
          null,
          null,
          nonce,
          key,
        ),
      );
      prepared = { key, nonce, ciphertexts };
      return stored;
    },

    async floor(dbName, passphrase) {
      if (!prepared) throw new Error('prepareFloor first');
      const { key, nonce, ciphertexts } = prepared;
      const t0 = performance.now();
      const stores = await readAll(dbName, true);
      const t1 = performance.now();
      const kdf = vaultKdf(stores);
      sodium.crypto_pwhash(32, passphrase, kdf.salt, kdf.opsLimit, kdf.memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
      const t2 = performance.now();
      let bytes = 0;
      for (const c of ciphertexts) {
        sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, c, null, nonce, key);
        bytes += c.length;
      }
      const t3 = performance.now();
      return {
        argon2idMs: t2 - t1,
        readMs: t1 - t0,
        decryptMs: t3 - t2,
        totalMs: t3 - t0,
        records: ciphertexts.length,
        bytes,
      };
    },

    stageDoc(base64) {
      const text = atob(base64);
      staged = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) staged[i] = text.charCodeAt(i);
      return staged.length;
    },

    async openForSnapshot(dbName, passphrase) {
      await initCrypto();
      // The app's options for a space's snapshot (renderer/vault/engine.ts): the notes last, its yield, the read
      // index, made as the app's writer makes it (renderer/vault/roster-index.ts): from the one model the views read.
      const models = new WeakMap<Y.Doc, SpaceData>();
      const modelOf = (doc: Y.Doc) => {
        let data = models.get(doc);
        if (!data) models.set(doc, (data = new SpaceData(doc, 'bench', { migrate: false })));
        return data;
      };
      const readIndex = (doc: Y.Doc) => rosterIndexPieces(modelOf(doc));
      const options = { snapshotLater: OPENED_LATER, yieldTask: nextTaskFirst, readIndex };
      const vault = await unlockVault(engineEnv(dbName), passphrase, options);
      const [space] = await vault.listSpaces();
      if (!space) throw new Error('the vault has no space');
      const handle = await vault.openSpace(space.id);
      // As after the roster was shown: what it reads is in the model's cache (renderer/app/useRoster.ts ROSTER_READS);
      // the index's other collections are read in the write, as in the app when no view read them.
      const data = modelOf(handle.doc);
      for (const warmed of [data.members, data.attendance, data.regions]) warmed.all();
      opened = { vault, handle };
      await new Promise((resolve) => setTimeout(resolve, 1000)); // what opening left to collect
    },

    async snapshotWrite() {
      if (!opened) throw new Error('openForSnapshot first');
      const { vault, handle } = opened;
      opened = null;
      try {
        const observed: PerformanceEntry[] = [];
        const observer = new PerformanceObserver((list) => observed.push(...list.getEntries()));
        observer.observe({ type: 'longtask' });
        // From a task of the page's own: what runs in the DevTools call that got here is no `longtask`.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const start = performance.now();
        await handle.snapshot();
        const end = performance.now();
        return { ms: end - start, longTasks: await longTasksIn(observed, observer, start, end) };
      } finally {
        await vault.lock();
      }
    },

    holdStagedDoc() {
      if (!staged) throw new Error('stageDoc first');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, staged);
      staged = null;
      held.push(doc);
      return doc.getMap('members').size;
    },
  };
}

(globalThis as unknown as { unlockBench: UnlockBench }).unlockBench = pageSide();
