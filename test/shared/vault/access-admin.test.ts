/**
 * Access administration (shared/vault/access-admin.ts) on spaces held in memory
 * (test/shared/sync/memory-replica.ts): real entries and access rules, no vault. The same actions
 * through the app's screens and real vaults are in test/renderer/sharing and test/shared/sync.
 */
import * as c from '../../../shared/crypto';
import { memberOf, MemoryReplica, type Member } from '../sync/memory-replica';

beforeAll(() => c.initCrypto());

const newMember = (): Member => memberOf(c.generateDeviceIdentity());

/** An admin's space with `b` added as `role`, and b's copy of it. */
async function spaceWith(role: 'admin' | 'editor') {
  const a = MemoryReplica.create(newMember());
  const bMember = newMember();
  await a.admin().add(bMember.card, role);
  return { a, b: MemoryReplica.joining(a, bMember) };
}

/** Everything `from` holds that `to` lacks (access first), as a peer would send it. */
async function deliver(from: MemoryReplica, to: MemoryReplica) {
  const access = from.access.entries().map((e) => e.bytes);
  const content: Uint8Array[] = [];
  for (const h of from.heads().content) content.push(...(await from.entriesInRange('content', h.author, 0, h.seq)));
  return to.receiveEntries([...access, ...content]);
}

function lastRecord(r: MemoryReplica) {
  return r.access.view().order.at(-1)!.record;
}

describe('access administration', () => {
  test("a removal's cutoff is the device's last content entry this device holds; its later entries are refused", async () => {
    const { a, b } = await spaceWith('editor');
    for (let i = 0; i < 3; i++) b.write(`b${i}`);
    await deliver(b, a);
    expect(a.admin().removalCutoff(b.me.id)).toBe(3);

    await a.admin().remove(b.me.id);
    expect(lastRecord(a)).toMatchObject({ type: 'remove', device: b.me.id, cutoff: 3 });
    expect(a.access.roleOf(b.me.id)).toBeUndefined();

    const late = b.write('after the removal');
    const report = await a.receiveEntries([late.bytes]);
    expect(report.rejected.map((r) => r.code)).toEqual(['not-allowed']);
    expect(a.documentTexts()).toEqual(['b0', 'b1', 'b2']);
  });

  test('a device never heard from is removed with cutoff 0: nothing it wrote is taken', async () => {
    const { a, b } = await spaceWith('editor');
    await a.admin().remove(b.me.id);
    expect(lastRecord(a)).toMatchObject({ type: 'remove', cutoff: 0 });
    const report = await a.receiveEntries([b.write('unseen').bytes]);
    expect(report.rejected.map((r) => r.code)).toEqual(['not-allowed']);
  });

  test('a demotion to viewer takes the same cutoff: what was written before stays, later writes are refused', async () => {
    const { a, b } = await spaceWith('editor');
    b.write('before');
    await deliver(b, a);
    await a.admin().setRole(b.me.id, 'viewer');
    expect(lastRecord(a)).toMatchObject({ type: 'set-role', device: b.me.id, role: 'viewer', cutoff: 1 });
    const report = await a.receiveEntries([b.write('after').bytes]);
    expect(report.rejected.map((r) => r.code)).toEqual(['not-allowed']);
    expect(a.documentTexts()).toEqual(['before']);
  });

  test('an invitee is admitted once: the same invite answered again adds nothing', async () => {
    const a = MemoryReplica.create(newMember());
    const invitee = newMember();
    expect(await a.admin().admit(invitee.card, 'viewer')).toBe(true);
    const entries = a.access.entries().length;
    expect(await a.admin().admit(invitee.card, 'viewer')).toBe(false);
    expect(a.access.entries().length).toBe(entries);
    expect(a.access.roleOf(invitee.id)).toBe('viewer');
  });

  test('only an admin administers: an editor cannot add, remove or rotate, and is never due to rotate', async () => {
    const { a, b } = await spaceWith('editor');
    await expect(b.admin().add(newMember().card, 'viewer')).rejects.toMatchObject({ code: 'not-allowed' });
    await expect(b.admin().remove(a.me.id)).rejects.toMatchObject({ code: 'not-allowed' });
    await expect(b.admin().rotate()).rejects.toMatchObject({ code: 'not-allowed' });
    expect(b.admin().rotationDue()).toBe(false);
    expect(b.access.entries().length).toBe(a.access.entries().length);
  });

  test('after concurrent changes leave the newest key sealed to others than the members, an admin is due to rotate, once', async () => {
    const { a, b: c2 } = await spaceWith('admin');
    const d = newMember();
    await a.admin().add(d.card, 'editor');
    await deliver(a, c2);
    // Concurrently: c removes d (a new key for a and c), a adds e (with the key d held).
    await c2.admin().remove(d.id);
    await a.admin().add(newMember().card, 'editor');
    expect(a.admin().rotationDue()).toBe(false);
    await deliver(c2, a);
    expect(a.access.roleOf(d.id)).toBeUndefined();
    expect(a.admin().rotationDue()).toBe(true);
    await a.admin().rotate();
    expect(lastRecord(a).type).toBe('rotate');
    expect(a.admin().rotationDue()).toBe(false);
  });

  test('admins wait by rank: the lowest device id first', async () => {
    const { a, b } = await spaceWith('admin');
    const ranks = [a.admin().adminRank(), b.admin().adminRank()];
    expect(ranks.sort()).toEqual([0, 1]);
    expect(a.admin().adminRank()).toBe(a.me.id < b.me.id ? 0 : 1);
  });
});
