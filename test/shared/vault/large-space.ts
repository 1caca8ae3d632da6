/**
 * A space large enough to arrive in several groups (SEALED_PER_TASK_BYTES), for the tests of
 * receiving a group per task (receive-in-tasks.test.ts, receive-store-failure.test.ts).
 */
import { addDevice } from '../../../shared/space';
import { createVault } from '../../../shared/vault';
import type { IdbEnvironment } from '../../../shared/store/indexeddb-types';
import { dumpDatabase, fast, freshEnv, writeMembers } from './helpers';

const none = { access: [], content: [] };
/** No idle snapshot: what a reopened vault shows comes from the stored entries. */
export const quiet = { ...fast, snapshots: { idleMs: 60 * 60 * 1000 } };
export const ENTRIES = 8;
export const MEMBERS_PER_ENTRY = 1500;

/**
 * Organizer A with ENTRIES content entries of MEMBERS_PER_ENTRY new members each, and a newcomer
 * B (in `bEnv`, fresh unless given) with the space open and nothing of it yet. `entries`: all of
 * A's, access log first. `yieldWith` sets what B's vault runs at each yield between tasks.
 */
export async function largeSpace(bEnv: IdbEnvironment = freshEnv()) {
  const a = await createVault(freshEnv(), 'a', fast);
  let onYield: () => Promise<void> = () => Promise.resolve();
  const b = await createVault(bEnv, 'b', { ...quiet, yieldTask: () => onYield() });
  const space = await a.vault.createSpace('Chapter');
  const ha = await a.vault.openSpace(space);
  for (let i = 0; i < ENTRIES; i++) {
    writeMembers(ha.doc, MEMBERS_PER_ENTRY, `M${i}`);
    await ha.flush();
  }
  await ha.changeAccess((access, me) => addDevice(access, me, b.vault.device, 'editor'));
  await b.vault.joinSpace(space, 'Chapter');
  const hb = await b.vault.openSpace(space);
  const entries = await ha.entriesAfter(none);
  return { ha, hb, bEnv, space, entries, yieldWith: (f: () => Promise<void>) => (onYield = f) };
}

/** Stored content entries of the vault at `env` (rows of the entries store whose key names the content log). */
export async function storedContentEntries(env: IdbEnvironment): Promise<number> {
  const rows = (await dumpDatabase(env)).filter((r) => r.store === 'entries');
  return rows.filter((r) => JSON.stringify(r.key).includes('"content"')).length;
}
