import * as encoding from 'lib0/encoding';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import * as Y from 'yjs';
import type { IdbEnvironment } from '../../../shared/store/indexeddb-types';
import { openManifest } from '../../../shared/store/manifest';
import { ALL_STORES, readManifestRecord, readVaultRecord } from '../../../shared/store/records';
import { isAppError, type ErrorCode } from '../../../shared/errors';
import { passphraseKey, readKdfParams } from '../../../shared/vault';
import { unwrapMaster } from '../../../shared/vault/keys';

/** A fresh, empty IndexedDB (fake-indexeddb, a real implementation in memory) per test. */
export function freshEnv(): IdbEnvironment {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

/** A vault's disk that can fill up (`disk.full`), in an environment of its own. */
export interface FillableEnv {
  readonly env: IdbEnvironment;
  readonly disk: { full: boolean };
}

/**
 * A fresh IndexedDB whose readwrite transactions throw QuotaExceededError while `disk.full` is
 * set, as a full disk makes a browser's do: only this environment's databases, so a peer beside it
 * writes as usual.
 */
export function fillableEnv(): FillableEnv {
  const disk = { full: false };
  const factory = new IDBFactory();
  const open = factory.open.bind(factory);
  factory.open = (...args: Parameters<IDBFactory['open']>) => {
    const req = open(...args);
    // Registered before the vault's own onsuccess, so every database it opens fails while the disk is full.
    req.addEventListener('success', () => {
      const db = req.result;
      const transaction = db.transaction.bind(db);
      db.transaction = (...t: Parameters<IDBDatabase['transaction']>) => {
        if (disk.full && t[1] === 'readwrite') throw new DOMException('The disk is full', 'QuotaExceededError');
        return transaction(...t);
      };
    });
    return req;
  };
  return { env: { indexedDB: factory, IDBKeyRange }, disk };
}

export const fast = { kdfCost: 'test' as const, batchDelayMs: 5 };

/** Every (store, key, value) in the vault database, walked with cursors. */
export async function dumpDatabase(env: IdbEnvironment): Promise<{ store: string; key: unknown; value: unknown }[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = (env.indexedDB as unknown as IDBFactory).open(env.name ?? 'sealed-roster');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const rows: { store: string; key: unknown; value: unknown }[] = [];
  for (const store of ALL_STORES) {
    await new Promise<void>((resolve, reject) => {
      const req = db.transaction(store).objectStore(store).openCursor();
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return resolve();
        rows.push({ store, key: cursor.key, value: cursor.value });
        cursor.continue();
      };
      req.onerror = () => reject(req.error);
    });
  }
  db.close();
  return rows;
}

/** Every stored key and value, strings and byte arrays alike, read as Latin-1: to look for plaintext at rest. */
export async function storedText(env: IdbEnvironment): Promise<string> {
  const bytes = (v: unknown): string =>
    v instanceof Uint8Array
      ? Buffer.from(v).toString('latin1')
      : v && typeof v === 'object'
        ? Object.values(v).map(bytes).join('|')
        : String(v);
  return (await dumpDatabase(env)).map((r) => bytes(r.key) + bytes(r.value)).join('|');
}

/** Runs `work` on one store of the (locked) profile's database, as someone editing it on disk would. */
async function onDisk(env: IdbEnvironment, store: string, work: (s: IDBObjectStore) => void): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = (env.indexedDB as unknown as IDBFactory).open(env.name ?? 'sealed-roster');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    work(tx.objectStore(store));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** Replaces one stored value (to simulate a damaged disk). */
export function rewrite(env: IdbEnvironment, store: string, key: IDBValidKey, change: (value: unknown) => unknown) {
  return onDisk(env, store, (s) => {
    const req = s.get(key);
    req.onsuccess = () => s.put(change(req.result), key);
  });
}

export function putRow(env: IdbEnvironment, store: string, key: IDBValidKey, value: unknown): Promise<void> {
  return onDisk(env, store, (s) => s.put(value, key));
}

export function deleteRow(env: IdbEnvironment, store: string, key: IDBValidKey): Promise<void> {
  return onDisk(env, store, (s) => s.delete(key));
}

/** The vault's own keys, and the generation its manifest names for a record (to open or seal one as the vault does). */
export async function storedKeys(env: IdbEnvironment, passphrase: string) {
  const kek = passphraseKey(passphrase, await readKdfParams(env));
  const keys = unwrapMaster(kek, readVaultRecord(await getRow(env, 'meta', 'vault')).master);
  const manifest = openManifest(keys.meta, readManifestRecord(await getRow(env, 'meta', 'manifest')));
  return { keys, generation: (name: string) => manifest.records.get(name) };
}

export async function getRow(env: IdbEnvironment, store: string, key: unknown): Promise<unknown> {
  const row = (await dumpDatabase(env)).find((r) => r.store === store && JSON.stringify(r.key) === JSON.stringify(key));
  return row?.value;
}

export async function errorCode(p: Promise<unknown>): Promise<ErrorCode | 'no-error' | 'not-app-error'> {
  try {
    await p;
    return 'no-error';
  } catch (e) {
    return isAppError(e) ? e.code : 'not-app-error';
  }
}

/** Writes `count` members (15 fields each) as nested Y.Maps, one transaction per call. */
export function writeMembers(doc: Y.Doc, count: number, prefix: string): void {
  const members = doc.getMap<Y.Map<unknown>>('members');
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const m = new Y.Map<unknown>();
      members.set(`${prefix}-${i}`, m);
      m.set('firstName', `${prefix}First${i}`);
      m.set('lastName', `${prefix}Last${i}`);
      m.set('email', `${prefix.toLowerCase()}${i}@example.org`);
      m.set('zip', String(10000 + i));
      m.set('assessment', (i % 5) + 1);
    }
  });
}

export function membersJson(doc: Y.Doc): unknown {
  return doc.getMap('members').toJSON();
}

/**
 * Reads whole, then throws halfway through applying: its first struct (members.planted = 'x') is in
 * the document before the second, whose origin is a later clock of its own client, throws.
 */
export function halfApplying(): Uint8Array {
  const e = encoding.createEncoder();
  [1, 2, 7, 0].forEach((n) => encoding.writeVarUint(e, n)); // one client (7) with two structs from clock 0
  encoding.writeUint8(e, 8 | 32); // values, under a key of a root type
  encoding.writeVarUint(e, 1);
  encoding.writeVarString(e, 'members');
  encoding.writeVarString(e, 'planted');
  encoding.writeVarUint(e, 1);
  encoding.writeAny(e, 'x');
  encoding.writeUint8(e, 8 | 128); // values after an origin ...
  [7, 9].forEach((n) => encoding.writeVarUint(e, n)); // ... that does not exist yet
  encoding.writeVarUint(e, 1);
  encoding.writeAny(e, 1);
  encoding.writeVarUint(e, 0); // no deletions
  return encoding.toUint8Array(e);
}
