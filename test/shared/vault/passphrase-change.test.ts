/**
 * Changing the passphrase, the recovery key and the master key (shared/vault/rotation.ts), and
 * what a crash at any moment of it leaves: the old or the new passphrase opens the vault, never
 * neither, with every record readable, in the store and in a store restored from its second copy.
 * A crash is the k-th store request failing (the process dies there; what committed stays), for
 * every k the change makes, and the copy failing at its write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDBFactory, IDBKeyRange, IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { MirrorStore } from '../../../electron/backup/mirror-store';
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import type { IdbEnvironment, IdbFactory, IdbKeyRangeFactory } from '../../../shared/store/indexeddb-types';
import { Database } from '../../../shared/store/database';
import { pagedSource, restoreStore } from '../../../shared/store/mirror-copy';
import { ENTRIES, type EntryKey } from '../../../shared/store/records';
import { APPEND_LIMITS } from '../../../renderer/vault/backups';
import { MirrorWriter } from '../../../shared/store/mirror-writer';
import { createVault, newRecoveryKey, unlockVault, unlockWithRecoveryKey, type Vault } from '../../../shared/vault';
import { errorCode, fast, membersJson, writeMembers } from './helpers';

beforeAll(() => initCrypto());

const OLD = 'old passphrase of the chapter';
const NEW = 'new passphrase, longer and better';

let dir: string;
let folders: MirrorStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'passphrase-'));
  folders = [];
});
afterEach(async () => {
  jest.restoreAllMocks();
  for (const f of folders) await f.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(mirror?: MirrorWriter): IdbEnvironment {
  return {
    indexedDB: new IDBFactory() as unknown as IdbFactory,
    IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
    ...(mirror && { mirror }),
  };
}

/** A vault with a space (members, a snapshot), private records and a second copy in `sub`. */
async function chapter(sub: string) {
  const folder = await MirrorStore.open(path.join(dir, sub));
  folders.push(folder);
  let copyBroken = false;
  const writer = new MirrorWriter(
    {
      append: async (frames) => {
        if (copyBroken) throw new Error('main died');
        return folder.append(frames);
      },
    },
    APPEND_LIMITS,
  );
  const store = env(writer);
  const { vault, recoveryKey } = await createVault(store, OLD, fast);
  const space = await vault.createSpace('Eastside');
  const handle = await vault.openSpace(space);
  writeMembers(handle.doc, 4, 'Member');
  await handle.flush();
  await handle.snapshot();
  await vault.putPrivate('invite/abc', new Uint8Array([1, 2, 3]));
  const shown = membersJson(handle.doc);
  return { folder, store, vault, space, shown, recoveryKey, breakCopy: () => (copyBroken = true) };
}

/** Which passphrases open the store, and whether what opens holds everything. */
async function whoOpens(store: IdbEnvironment, space: SpaceId, shown: unknown): Promise<string[]> {
  const opened: string[] = [];
  for (const passphrase of [OLD, NEW]) {
    let vault: Vault;
    try {
      vault = await unlockVault({ ...store, mirror: undefined }, passphrase, fast);
    } catch {
      continue;
    }
    expect(membersJson((await vault.openSpace(space)).doc)).toEqual(shown);
    expect(await vault.getPrivate('invite/abc')).toEqual(new Uint8Array([1, 2, 3]));
    expect(vault.problems).toEqual([]);
    await vault.lock();
    opened.push(passphrase === OLD ? 'old' : 'new');
  }
  return opened;
}

async function restoredFrom(folder: MirrorStore): Promise<IdbEnvironment> {
  const copy = (await folder.latestCopy())!;
  const restored = env();
  await restoreStore(
    restored,
    pagedSource(async () => ({ frames: copy.frames, next: null })),
    copy.seq,
  );
  return restored;
}

test('a new passphrase with the same master key: the old one stops, the new one opens everything', async () => {
  const { store, vault, space, shown, recoveryKey } = await chapter('a');
  await vault.changePassphrase(OLD, NEW);
  await vault.lock();
  expect(await whoOpens(store, space, shown)).toEqual(['new']);
  await (await unlockWithRecoveryKey(store, recoveryKey, fast)).lock(); // the recovery key still works
});

test('a new recovery key: the old recovery key stops working', async () => {
  const { store, vault, recoveryKey } = await chapter('b');
  const fresh = newRecoveryKey();
  await vault.changePassphrase(OLD, NEW, { recoveryKey: fresh });
  await vault.lock();
  expect(await errorCode(unlockWithRecoveryKey(store, recoveryKey, fast))).toBe('wrong-recovery-key');
  await (await unlockWithRecoveryKey(store, fresh, fast)).lock();
});

test('a new master key: every record is sealed again, the device stays the same, open spaces reopen', async () => {
  const { store, vault, space, shown } = await chapter('c');
  const device = vault.device.id;
  const fresh = newRecoveryKey();
  await vault.changePassphrase(OLD, NEW, { recoveryKey: fresh, newMasterKey: true });
  // Still unlocked, under the new keys: the space reopens and takes edits.
  const handle = await vault.openSpace(space);
  expect(membersJson(handle.doc)).toEqual(shown);
  writeMembers(handle.doc, 1, 'AfterRotation');
  await handle.flush();
  const after = membersJson(handle.doc);
  await vault.lock();
  expect(await whoOpens(store, space, after)).toEqual(['new']);
  const again = await unlockWithRecoveryKey(store, fresh, fast);
  expect(again.device.id).toBe(device);
  await again.lock();
});

test('a new master key needs a new recovery key', async () => {
  const { vault } = await chapter('d');
  expect(await errorCode(vault.changePassphrase(OLD, NEW, { newMasterKey: true }))).toBe('invalid-data');
  await vault.lock();
});

describe('a crash at any moment of the change', () => {
  const variants = [
    ['passphrase only', {}],
    ['passphrase and master key', { newMasterKey: true }],
  ] as const;

  test.each(variants)(
    '%s: the old or the new passphrase opens the store and its copy, never neither',
    async (name, options) => {
      // Count the store requests the change makes.
      const probe = await chapter(`probe-${name}`);
      const calls = { n: 0 };
      const spies = (['get', 'getAll', 'getAllKeys', 'put', 'delete', 'openCursor'] as const).map((method) => {
        const real = FDBObjectStore.prototype[method] as (...a: unknown[]) => unknown;
        const failing = function (this: unknown, ...args: unknown[]) {
          if (calls.n-- === 0) throw new DOMException('the process was killed here', 'AbortError');
          return real.apply(this, args);
        };
        return jest.spyOn(FDBObjectStore.prototype, method).mockImplementation(failing as never);
      });
      calls.n = Number.POSITIVE_INFINITY;
      spies.forEach((s) => s.mockClear());
      await probe.vault.changePassphrase(OLD, NEW, { recoveryKey: newRecoveryKey(), ...options });
      const counted = spies.reduce((n, s) => n + s.mock.calls.length, 0);
      await probe.vault.lock();
      expect(counted).toBeGreaterThan(2);

      const seen = new Set<string>();
      for (let k = 0; k <= counted; k++) {
        calls.n = Number.POSITIVE_INFINITY;
        const { store, folder, vault, space, shown } = await chapter(`${name}-${k}`);
        calls.n = k; // the k-th request of the change fails, and the process is gone
        const outcome = await vault.changePassphrase(OLD, NEW, { recoveryKey: newRecoveryKey(), ...options }).then(
          () => 'done',
          () => 'killed',
        );
        calls.n = Number.POSITIVE_INFINITY;
        const inStore = await whoOpens(store, space, shown);
        expect({ k, outcome, inStore }).toEqual({ k, outcome, inStore: outcome === 'done' ? ['new'] : inStore });
        expect(inStore).toHaveLength(1);
        const inCopy = await whoOpens(await restoredFrom(folder), space, shown);
        expect(inCopy).toHaveLength(1);
        seen.add(`${outcome}:${inStore[0]}`);
      }
      // The crash points covered both outcomes.
      expect(seen).toEqual(new Set(['killed:old', 'done:new']));
    },
  );

  test('the copy failing after the store committed: the store opens with the new one, the copy with the old one', async () => {
    const { store, folder, vault, space, shown, breakCopy } = await chapter('copy');
    breakCopy();
    expect(await errorCode(vault.changePassphrase(OLD, NEW))).toBe('storage-failed');
    expect(await whoOpens(store, space, shown)).toEqual(['new']);
    expect(await whoOpens(await restoredFrom(folder), space, shown)).toEqual(['old']);
  });
});

test('a new master key does not carry over an entry changed on disk while locked (it would pass for the vault’s own)', async () => {
  const { store, vault, space } = await chapter('e');
  await vault.lock();
  // The evil maid flips a byte of a stored entry: its MAC no longer holds under the current key.
  const db = await Database.open({ ...store, mirror: undefined });
  const [row] = (await db.rows(ENTRIES)).filter((r) => (r.key as unknown[])[1] === 'content');
  const record = row!.value as { bytes: Uint8Array };
  const bytes = record.bytes.slice();
  bytes[bytes.length - 1]! ^= 1;
  await db.put(ENTRIES, row!.key as EntryKey, { ...record, bytes });
  db.close();
  const unlocked = await unlockVault(store, OLD, fast);
  const change = unlocked.changePassphrase(OLD, NEW, { recoveryKey: newRecoveryKey(), newMasterKey: true });
  expect(await errorCode(change)).toBe('vault-tampered');
  await unlocked.lock();
  // Nothing was written: the old passphrase still opens the vault and its space.
  const again = await unlockVault({ ...store, mirror: undefined }, OLD, fast);
  expect((await again.listSpaces()).map((s) => s.id)).toEqual([space]);
  await again.lock();
});
