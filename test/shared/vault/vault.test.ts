import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { createVault, unlockVault, unlockWithRecoveryKey } from '../../../shared/vault';
import { dumpDatabase, errorCode, fast, freshEnv, membersJson, storedText, writeMembers } from './helpers';

beforeAll(() => initCrypto());

async function vaultWithMembers(count = 20) {
  const env = freshEnv();
  const { vault, recoveryKey } = await createVault(env, 'correct horse battery staple', fast);
  const space = await vault.createSpace('Chapter');
  const handle = await vault.openSpace(space);
  writeMembers(handle.doc, count, 'Ada');
  const expected = membersJson(handle.doc);
  await vault.lock();
  return { env, space, recoveryKey, expected };
}

describe('vault', () => {
  test('create → write members → lock → unlock → same state', async () => {
    const { env, space, expected } = await vaultWithMembers();
    const vault = await unlockVault(env, 'correct horse battery staple', fast);
    expect(await vault.listSpaces()).toEqual([{ id: space, name: 'Chapter' }]);
    const handle = await vault.openSpace(space);
    expect(membersJson(handle.doc)).toEqual(expected);
    expect(vault.problems).toEqual([]);
    await vault.lock();
  });

  test('a space renamed keeps its name across unlock, sealed like the rest; a space not held is refused', async () => {
    const { env, space } = await vaultWithMembers(1);
    const vault = await unlockVault(env, 'correct horse battery staple', fast);
    await vault.renameSpace(space, 'Eastside Chapter');
    expect(await vault.listSpaces()).toEqual([{ id: space, name: 'Eastside Chapter' }]);
    expect(await errorCode(vault.renameSpace('not-a-space' as SpaceId, 'X'))).toBe('unknown-space');
    await vault.lock();
    // Every stored byte read as Latin-1: the new name is nowhere in plaintext.
    const stored = await storedText(env);
    expect(stored).toContain('\u0000'); // it did read the binary records
    expect(stored).not.toContain('Eastside');
    const again = await unlockVault(env, 'correct horse battery staple', fast);
    expect(await again.listSpaces()).toEqual([{ id: space, name: 'Eastside Chapter' }]);
    expect(again.problems).toEqual([]);
    await again.lock();
  });

  test('lock flushes changes that were still pending', async () => {
    const env = freshEnv();
    const { vault } = await createVault(env, 'pass', { ...fast, batchDelayMs: 60_000 });
    const space = await vault.createSpace('Chapter');
    const handle = await vault.openSpace(space);
    writeMembers(handle.doc, 3, 'Pending');
    await vault.lock();
    const again = await unlockVault(env, 'pass', fast);
    expect(Object.keys(membersJson((await again.openSpace(space)).doc) as object)).toHaveLength(3);
    await again.lock();
  });

  test('every load gets a fresh Yjs clientID', async () => {
    const { env, space } = await vaultWithMembers(2);
    const ids = new Set<number>();
    for (let i = 0; i < 3; i++) {
      const vault = await unlockVault(env, 'correct horse battery staple', fast);
      ids.add((await vault.openSpace(space)).doc.clientID);
      await vault.lock();
    }
    expect(ids.size).toBe(3);
  });

  test('a locked vault refuses to work and holds no keys', async () => {
    const { env } = await vaultWithMembers(1);
    const vault = await unlockVault(env, 'correct horse battery staple', fast);
    await vault.lock();
    expect(vault.locked).toBe(true);
    expect(await errorCode(vault.listSpaces())).toBe('vault-locked');
    expect(await errorCode(vault.openSpace('x' as SpaceId))).toBe('vault-locked');
  });

  test('a wrong passphrase is a clear error and changes nothing', async () => {
    const { env } = await vaultWithMembers(5);
    const before = await dumpDatabase(env);
    expect(await errorCode(unlockVault(env, 'wrong horse', fast))).toBe('wrong-passphrase');
    expect(await dumpDatabase(env)).toEqual(before);
  });

  test('unlocking an empty profile says there is no vault', async () => {
    expect(await errorCode(unlockVault(freshEnv(), 'x', fast))).toBe('vault-missing');
  });

  test('creating a second vault in the same profile is refused', async () => {
    const { env } = await vaultWithMembers(1);
    expect(await errorCode(createVault(env, 'other', fast))).toBe('vault-exists');
  });

  test('the recovery key unlocks the same vault; a wrong one changes nothing', async () => {
    const { env, space, recoveryKey, expected } = await vaultWithMembers();
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){11}[0-9A-HJKMNP-TV-Z]{4}$/);
    const before = await dumpDatabase(env);
    const wrong = recoveryKey.startsWith('0') ? '1' + recoveryKey.slice(1) : '0' + recoveryKey.slice(1);
    expect(await errorCode(unlockWithRecoveryKey(env, wrong, fast))).toBe('wrong-recovery-key');
    expect(await errorCode(unlockWithRecoveryKey(env, 'not a key', fast))).toBe('wrong-recovery-key');
    expect(await dumpDatabase(env)).toEqual(before);
    const vault = await unlockWithRecoveryKey(env, recoveryKey.toLowerCase().replace(/-/g, ' '), fast);
    expect(membersJson((await vault.openSpace(space)).doc)).toEqual(expected);
    await vault.lock();
  });

  test('changing the passphrase re-wraps the master key only: entries are unchanged', async () => {
    const { env, space, expected } = await vaultWithMembers();
    const entriesBefore = (await dumpDatabase(env)).filter((r) => r.store === 'entries');
    const vault = await unlockVault(env, 'correct horse battery staple', fast);
    await vault.changePassphrase('correct horse battery staple', 'new passphrase');
    await vault.lock();
    expect((await dumpDatabase(env)).filter((r) => r.store === 'entries')).toEqual(entriesBefore);
    expect(entriesBefore.length).toBeGreaterThan(0);
    expect(await errorCode(unlockVault(env, 'correct horse battery staple', fast))).toBe('wrong-passphrase');
    const again = await unlockVault(env, 'new passphrase', fast);
    expect(membersJson((await again.openSpace(space)).doc)).toEqual(expected);
    await again.lock();
  });

  test('changing the passphrase with a wrong current one changes nothing', async () => {
    const { env } = await vaultWithMembers(2);
    const vault = await unlockVault(env, 'correct horse battery staple', fast);
    const before = await dumpDatabase(env);
    expect(await errorCode(vault.changePassphrase('nope', 'next'))).toBe('wrong-passphrase');
    expect(await dumpDatabase(env)).toEqual(before);
    await vault.lock();
    expect(await errorCode(unlockVault(env, 'next', fast))).toBe('wrong-passphrase');
  });
});
