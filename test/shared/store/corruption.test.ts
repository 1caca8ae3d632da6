import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { createVault, unlockVault } from '../../../shared/vault';
import { dumpDatabase, fast, freshEnv, membersJson, rewrite, writeMembers } from '../vault/helpers';

beforeAll(() => initCrypto());

function flipped(value: unknown, field: 'bytes' | 'sealed'): unknown {
  const v = value as Record<string, unknown>;
  if (field === 'bytes') {
    const bytes = (v.bytes as Uint8Array).slice();
    bytes[bytes.length - 80]! ^= 0xff; // inside the ciphertext
    return { ...v, bytes };
  }
  const sealed = v.sealed as { nonce: Uint8Array; ciphertext: Uint8Array };
  const ciphertext = sealed.ciphertext.slice();
  ciphertext[10]! ^= 0xff;
  return { ...v, sealed: { ...sealed, ciphertext } };
}

/**
 * Three batches of members from three sessions (so three Yjs clientIDs, no
 * causal links between batches); the last two are newer than the snapshot
 * because the app "crashed" twice without locking.
 */
async function setup() {
  const env = freshEnv();
  const { vault } = await createVault(env, 'pass', fast);
  const space = await vault.createSpace('Chapter');
  const first = await vault.openSpace(space);
  writeMembers(first.doc, 3, 'Old');
  await vault.lock(); // snapshot covers batch "Old"
  const crashed = await unlockVault(env, 'pass', fast);
  const handle = await crashed.openSpace(space);
  writeMembers(handle.doc, 3, 'Mid');
  await handle.flush();
  const crashedAgain = await unlockVault(env, 'pass', fast);
  const later = await crashedAgain.openSpace(space);
  writeMembers(later.doc, 3, 'New');
  await later.flush();
  const author = crashed.device.id;
  return { env, space, author };
}

function names(json: unknown): string[] {
  return Object.keys(json as object).map((k) => k.split('-')[0]!);
}

describe('a corrupted record', () => {
  test('a damaged entry is reported and skipped; the rest opens; the record stays', async () => {
    const { env, space, author } = await setup();
    const key = [space, 'content', author, 2];
    await rewrite(env, 'entries', key, (v) => flipped(v, 'bytes'));
    const damaged = (await dumpDatabase(env)).find((r) => JSON.stringify(r.key) === JSON.stringify(key));
    const vault = await unlockVault(env, 'pass', fast);
    const handle = await vault.openSpace(space);
    expect(new Set(names(membersJson(handle.doc)))).toEqual(new Set(['Old', 'New']));
    expect(vault.problems).toEqual([{ kind: 'entry', space, log: 'content', author, seq: 2, code: 'decrypt-failed' }]);
    await vault.lock();
    const after = (await dumpDatabase(env)).find((r) => JSON.stringify(r.key) === JSON.stringify(key));
    expect(after).toEqual(damaged);
  });

  test('a damaged snapshot is reported; every entry is replayed instead; the record stays', async () => {
    const { env, space } = await setup();
    await rewrite(env, 'snapshots', space, (v) => flipped(v, 'sealed'));
    const damaged = (await dumpDatabase(env)).find((r) => r.store === 'snapshots');
    const vault = await unlockVault(env, 'pass', fast);
    const handle = await vault.openSpace(space);
    expect(new Set(names(membersJson(handle.doc)))).toEqual(new Set(['Old', 'Mid', 'New']));
    expect(vault.problems).toEqual([{ kind: 'snapshot', space, code: 'decrypt-failed' }]);
    expect((await dumpDatabase(env)).find((r) => r.store === 'snapshots')).toEqual(damaged);
    await vault.lock();
  });

  test('a value that is not a record at all is reported, not a crash', async () => {
    const { env, space, author } = await setup();
    await rewrite(env, 'entries', [space, 'content', author, 3], () => 'garbage');
    const vault = await unlockVault(env, 'pass', fast);
    const handle = await vault.openSpace(space as SpaceId);
    expect(names(membersJson(handle.doc))).toContain('Mid');
    expect(vault.problems).toEqual([{ kind: 'entry', space, log: 'content', author, seq: 3, code: 'vault-corrupt' }]);
    await vault.lock();
  });
});
