import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { createVault, unlockVault, type Vault } from '../../../shared/vault';
import { dumpDatabase, fast, freshEnv, membersJson, rewrite, writeMembers } from '../vault/helpers';

beforeAll(() => initCrypto());

/** No idle snapshot: a session left open (a "crash") must not write while the test edits the store. */
const quiet = { ...fast, snapshots: { idleMs: 60 * 60 * 1000 } };

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
  const { vault } = await createVault(env, 'pass', quiet);
  const space = await vault.createSpace('Chapter');
  const first = await vault.openSpace(space);
  writeMembers(first.doc, 3, 'Old');
  await vault.lock(); // snapshot covers batch "Old"
  const crashed = await unlockVault(env, 'pass', quiet);
  const handle = await crashed.openSpace(space);
  writeMembers(handle.doc, 3, 'Mid');
  await handle.flush();
  const crashedAgain = await unlockVault(env, 'pass', quiet);
  const later = await crashedAgain.openSpace(space);
  writeMembers(later.doc, 3, 'New');
  await later.flush();
  const author = crashed.device.id;
  return { env, space, author };
}

function names(json: unknown): string[] {
  return Object.keys(json as object).map((k) => k.split('-')[0]!);
}

/** The findings openSpace refused with (it must refuse). */
async function refusal(vault: Vault, space: SpaceId): Promise<unknown> {
  try {
    await vault.openSpace(space);
  } catch (e) {
    if (isAppError(e, 'vault-tampered')) return (e as unknown as { findings: unknown }).findings;
    throw e;
  }
  throw new Error('the space opened');
}

/**
 * A record damaged on disk (a bad sector, or someone's edit) is one the vault
 * did not write: the space does not open on it until the organizer chooses to
 * go on; then the record is removed and the rest opens, as it does next time.
 * The snapshot alone is different: a cache of the entries, it is set aside.
 */
describe('a corrupted record', () => {
  test('a damaged entry: the space is refused and the store unchanged; going on opens the rest', async () => {
    const { env, space, author } = await setup();
    await rewrite(env, 'entries', [space, 'content', author, 2], (v) => flipped(v, 'bytes'));
    const before = await dumpDatabase(env);
    const vault = await unlockVault(env, 'pass', quiet);
    const findings = [{ record: 'content-entry', change: 'altered', space, author, seqs: [2], count: 1 }];
    expect(await refusal(vault, space)).toEqual(findings);
    expect(vault.problems).toEqual(findings.map((finding) => ({ kind: 'tampered', finding })));
    expect(await dumpDatabase(env)).toEqual(before);

    const handle = await vault.openSpace(space, { despiteTampering: true });
    expect(new Set(names(membersJson(handle.doc)))).toEqual(new Set(['Old', 'New']));
    await vault.lock();
    const again = await unlockVault(env, 'pass', quiet);
    expect(new Set(names(membersJson((await again.openSpace(space)).doc)))).toEqual(new Set(['Old', 'New']));
    expect(again.problems).toEqual([]);
    await again.lock();
  });

  test('a damaged snapshot is no refusal: a cache of the entries, it is told and the space opens from every entry', async () => {
    const { env, space } = await setup();
    await rewrite(env, 'snapshots', space, (v) => flipped(v, 'sealed'));
    const vault = await unlockVault(env, 'pass', quiet);
    const handle = await vault.openSpace(space); // more cases: test/shared/vault/snapshot-damage.test.ts
    expect(new Set(names(membersJson(handle.doc)))).toEqual(new Set(['Old', 'Mid', 'New']));
    expect(vault.problems).toEqual([{ kind: 'snapshot', space, code: 'vault-corrupt' }]);
    await vault.lock();
  });

  test('a value that is not a record at all is found, not a crash', async () => {
    const { env, space, author } = await setup();
    await rewrite(env, 'entries', [space, 'content', author, 3], () => 'garbage');
    const vault = await unlockVault(env, 'pass', quiet);
    expect(await refusal(vault, space)).toEqual([
      { record: 'content-entry', change: 'altered', space, author, seqs: [3], count: 1 },
    ]);
    const handle = await vault.openSpace(space as SpaceId, { despiteTampering: true });
    expect(names(membersJson(handle.doc))).toContain('Mid');
    await vault.lock();
  });
});
