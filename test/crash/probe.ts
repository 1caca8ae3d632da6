/**
 * Runs INSIDE the app's page (bundled by test/e2e/host/probe-bundle.ts): reads what the app's
 * store holds, with the real engine and the organizer's passphrase, writing nothing (no lock, no
 * migration, no snapshot). The crash harness compares it with what the screen showed as saved.
 */
import '../../renderer/zod-config';
import { initCrypto } from '../../shared/crypto';
import { SpaceData } from '../../shared/model/space-data';
import type { IdbFactory, IdbKeyRangeFactory } from '../../shared/store/indexeddb-types';
import { unlockVault } from '../../shared/vault';

export interface StoredSpace {
  readonly name: string;
  /** "First Last" of every member, and the national list's id where there is one. */
  readonly members: { readonly name: string; readonly actionkitId: string | null }[];
  readonly problems: number;
}

const crashProbe = {
  async read(passphrase: string): Promise<StoredSpace[]> {
    await initCrypto();
    const vault = await unlockVault(
      {
        indexedDB: indexedDB as unknown as IdbFactory,
        IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
        name: 'sealed-roster',
      },
      passphrase,
    );
    const out: StoredSpace[] = [];
    for (const space of await vault.listSpaces()) {
      const handle = await vault.openSpace(space.id);
      const data = new SpaceData(handle.doc, vault.device.id, { migrate: false });
      out.push({
        name: space.name,
        members: data.members.all().map((m) => ({
          name: [m.firstName, m.lastName].filter(Boolean).join(' '),
          actionkitId: m.actionkitId ?? null,
        })),
        problems: vault.problems.length,
      });
    }
    // Never locked: locking writes snapshots, and this reader must leave the store as it found it.
    return out;
  },
};

export type CrashProbe = typeof crashProbe;
(globalThis as unknown as { crashProbe: CrashProbe }).crashProbe = crashProbe;
