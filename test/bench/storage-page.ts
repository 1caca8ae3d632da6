/**
 * The page side of the `chromium-storage` bench suite (rows/chromium-storage.ts): bundled on its own
 * (test/e2e/host/probe-bundle.ts) and evaluated in a page over the DevTools protocol. It carries its
 * own copy of the engine (shared/) and of the plaintext design (Yjs + y-indexeddb), and sets
 * `globalThis.storageBench`. Everything it does to the vault goes through shared/vault's public API,
 * so it reads whatever storage format the engine writes.
 *
 * - reading the space's document out of the app's vault, to store the very same chapter as plaintext;
 * - moving that document between pages (another origin keeps its own IndexedDB folder) in pieces;
 * - storing it with y-indexeddb, as the plaintext design does;
 * - the two timed unlocks of `unlock_10k_chromium`: from "key known" to a ready Y.Doc, for the vault
 *   and for y-indexeddb, as rows/vault-storage.ts times them in Node.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { initCrypto, type SpaceId } from '../../shared/crypto';
import type { IdbEnvironment, IdbFactory, IdbKeyRangeFactory } from '../../shared/store/indexeddb-types';
import { passphraseKey, readKdfParams, unlockVault, unlockWithPassphraseKey } from '../../shared/vault';

/** What a document holds, to check both designs opened the same chapter. */
export interface ChapterCounts {
  readonly members: number;
  readonly memberSkills: number;
  readonly notes: number;
  /** Size of the document as one Yjs update (encodeStateAsUpdate). */
  readonly updateBytes: number;
}

export interface TimedOpen {
  readonly ms: number;
  readonly members: number;
}

export interface StorageBench {
  /** Opens the vault's only space and keeps its document as one update; returns what it holds. */
  readVaultDocument(dbName: string, passphrase: string): Promise<ChapterCounts>;
  /** The kept update as base64 pieces of at most `pieceBytes` bytes: how many there are. */
  pieces(pieceBytes: number): number;
  piece(index: number): string;
  /** Receives a piece (another page's `piece`), appended to the update kept here. */
  receivePiece(base64: string): void;
  /** Stores the kept update with y-indexeddb in database `dbName` (one local update, as in Node). */
  writePlaintext(dbName: string): Promise<ChapterCounts>;
  /** Untimed: the vault's key from the passphrase (Argon2id, timed on its own as argon2id_unlock). */
  deriveKey(dbName: string, passphrase: string): Promise<void>;
  /** Timed: the derived key → the space open as a Y.Doc; then locks (untimed). */
  openVault(dbName: string): Promise<TimedOpen>;
  /** Timed: y-indexeddb's load of `dbName` into a new Y.Doc. */
  openPlaintext(dbName: string): Promise<TimedOpen>;
}

function environment(name: string): IdbEnvironment {
  return {
    indexedDB: indexedDB as unknown as IdbFactory,
    IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
    name,
  };
}

function counts(doc: Y.Doc, updateBytes: number): ChapterCounts {
  return {
    members: doc.getMap('members').size,
    memberSkills: doc.getMap('memberSkills').size,
    notes: doc.getMap('notes').size,
    updateBytes,
  };
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** y-indexeddb's load of `dbName` into a new Y.Doc, as the plaintext design unlocks. */
async function loadPlaintext(dbName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(dbName, doc);
  await persistence.whenSynced;
  await persistence.destroy();
  return doc;
}

async function onlySpace(env: IdbEnvironment, passphrase: string): Promise<SpaceId> {
  const vault = await unlockVault(env, passphrase);
  try {
    const spaces = await vault.listSpaces();
    if (spaces.length !== 1) throw new Error(`the vault has ${spaces.length} spaces, the bench expects one`);
    return spaces[0]!.id;
  } finally {
    await vault.lock();
  }
}

function pageSide(): StorageBench {
  let update: Uint8Array | null = null;
  let received: Uint8Array[] = [];
  let pieceBytes = 0;
  let opening: { kek: ReturnType<typeof passphraseKey>; space: SpaceId } | null = null;

  const kept = (): Uint8Array => {
    if (received.length > 0) {
      update = new Uint8Array(received.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of received) {
        update.set(p, at);
        at += p.length;
      }
      received = [];
    }
    if (!update) throw new Error('no document kept in this page');
    return update;
  };

  return {
    async readVaultDocument(dbName, passphrase) {
      await initCrypto();
      const vault = await unlockVault(environment(dbName), passphrase);
      try {
        const [space, ...more] = await vault.listSpaces();
        if (!space || more.length > 0) throw new Error('the bench expects a vault with one space');
        const handle = await vault.openSpace(space.id);
        update = Y.encodeStateAsUpdate(handle.doc);
        return counts(handle.doc, update.length);
      } finally {
        await vault.lock();
      }
    },

    pieces(size) {
      pieceBytes = size;
      return Math.ceil(kept().length / size);
    },

    piece(index) {
      return toBase64(kept().subarray(index * pieceBytes, (index + 1) * pieceBytes));
    },

    receivePiece(base64) {
      received.push(fromBase64(base64));
    },

    async writePlaintext(dbName) {
      const bytes = kept();
      const doc = new Y.Doc();
      const persistence = new IndexeddbPersistence(dbName, doc);
      await persistence.whenSynced;
      Y.applyUpdate(doc, bytes); // a local change: y-indexeddb stores it
      const stored = counts(doc, bytes.length);
      await persistence.destroy();
      doc.destroy();
      // destroy() does not wait for y-indexeddb's write to commit, and a page closed meanwhile
      // loses it: a load in a new connection waits for it (IndexedDB orders the two transactions).
      const back = await loadPlaintext(dbName);
      const reread = counts(back, Y.encodeStateAsUpdate(back).length);
      back.destroy();
      if (JSON.stringify(reread) !== JSON.stringify(stored)) throw new Error('y-indexeddb did not store the document');
      return stored;
    },

    async deriveKey(dbName, passphrase) {
      await initCrypto();
      const env = environment(dbName);
      const space = await onlySpace(env, passphrase);
      opening = { kek: passphraseKey(passphrase, await readKdfParams(env)), space };
    },

    async openVault(dbName) {
      if (!opening) throw new Error('deriveKey first');
      const { kek, space } = opening;
      opening = null;
      const start = performance.now();
      const vault = await unlockWithPassphraseKey(environment(dbName), kek);
      const handle = await vault.openSpace(space);
      const ms = performance.now() - start;
      const members = handle.doc.getMap('members').size;
      if (vault.problems.length > 0) throw new Error('the vault reported problems');
      await vault.lock();
      return { ms, members };
    },

    async openPlaintext(dbName) {
      const start = performance.now();
      const doc = await loadPlaintext(dbName);
      const ms = performance.now() - start;
      const members = doc.getMap('members').size;
      doc.destroy();
      return { ms, members };
    },
  };
}

(globalThis as unknown as { storageBench: StorageBench }).storageBench = pageSide();
