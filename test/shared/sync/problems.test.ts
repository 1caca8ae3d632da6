/**
 * Problems are seen (ARCHITECTURE.md): a removed device is told of its
 * removal in the session where it happens, and what goes wrong in a session
 * reaches the typed problem stream with codes and ids only.
 */
import { createEntry, decodeEntry, openContent, ZERO_HASH } from '../../../shared/log/entry';
import { removeDevice } from '../../../shared/space';
import type { Rejection } from '../../../shared/sync/replication';
import { ProblemLog, removalOf, MAX_PROBLEMS, PROBLEM_VERSION } from '../../../shared/sync/problems';
import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import { AppError } from '../../../shared/errors';
import { makeDevice, open, pipe, sameState, setField, spaceOfEditors, until, malloryEditorOf } from './peers';

describe('a removed device is told', () => {
  test('in the live session where an admin removes it: it holds its removal, naming the admin', async () => {
    const {
      devices: [a, b],
      handles: [ha, hb],
    } = await spaceOfEditors(['a', 'b']);
    const ab = pipe(a, b);
    await Promise.all([ab.ab.ready, ab.ba.ready]);
    setField(ha, 'rosa', 'name', 'Rosa Parks');
    await ha.flush();
    await until(() => sameState(ha, hb));
    expect(removalOf(hb.access, b.card.id)).toBeUndefined();
    const cutoff = ha.heads().content.find((h) => h.author === b.card.id)?.seq ?? 0;
    await ha.changeAccess((access, me) => removeDevice(access, me, b.card.id, cutoff));
    await expect(ab.ba.ended).resolves.toMatchObject({ reason: 'unknown-device', by: 'peer' });
    await until(() => removalOf(hb.access, b.card.id) !== undefined);
    expect(removalOf(hb.access, b.card.id)?.by).toBe(a.card.id);
    expect(hb.access.roleOf(b.card.id)).toBeUndefined();
    // Nothing after the removal reaches it: a's later access changes stay with a.
    expect(hb.access.heads()).toEqual(ha.access.heads());
  });
});

describe('a removed device is told by a bundle', () => {
  test('a bundle from the admin after the removal carries it, and the removed device holds it', async () => {
    const {
      devices: [a, b],
      handles: [ha, hb],
    } = await spaceOfEditors(['a', 'b']);
    await ha.changeAccess((access, me) => removeDevice(access, me, b.card.id, 0));
    expect(removalOf(hb.access, b.card.id)).toBeUndefined();
    await importBundle(b.vault, await exportBundle(a.vault, ha, { to: b.card }));
    expect(removalOf(hb.access, b.card.id)?.by).toBe(a.card.id);
  });
});

async function hostileSetup() {
  const log = new ProblemLog();
  const a = await makeDevice('a', {
    onRejected: (r: Rejection) => {
      r.report.rejected.forEach((x, i) =>
        log.add({
          kind: 'rejected',
          space: r.space,
          from: r.from,
          code: x.code,
          ...(r.authors[i] && { author: r.authors[i] }),
        }),
      );
      log.forks(r.space, r.from, r.report.forks);
    },
  });
  const { m, space, ha, raw, conn, say } = await malloryEditorOf(a);
  conn.ended.then(
    (end) => log.sessionEnded(end, m.card.id),
    () => undefined,
  );
  return { a, m, ha, space, raw, conn, say, log };
}

describe('the problem stream', () => {
  test('a forged entry from a peer: code and author id, no member data', async () => {
    const { m, space, say, conn, log } = await hostileSetup();
    const hm = await open(m, space);
    setField(hm, 'ella', 'name', 'Ella Baker');
    await hm.flush();
    const [genuine] = await hm.entriesInRange('content', m.card.id, 0, 1);
    const forged = genuine!.slice();
    forged[forged.length - 1]! ^= 0x01;
    say({ type: 'heads', v: 1, space, access: [], content: [] });
    say({ type: 'entries', v: 1, space, batch: 0, entries: [forged] });
    await conn.ended;
    await until(() => log.get().some((p) => p.kind === 'session-ended'));
    const problems = log.get();
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'rejected',
        code: 'bad-signature',
        author: m.card.id,
        from: m.card.id,
        v: PROBLEM_VERSION,
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ kind: 'session-ended', reason: 'bad-entry', by: 'local', peer: m.card.id }),
    );
    expect(JSON.stringify(problems)).not.toMatch(/Ella|Baker|Rosa|Parks/);
  });

  test('a session ended by a bad frame says why, naming the peer', async () => {
    const { m, raw, conn, log } = await hostileSetup();
    raw.send(new Uint8Array([0xff, 0x00, 0x13, 0x37]));
    await conn.ended;
    await until(() => log.get().length > 0);
    expect(log.get()).toEqual([
      expect.objectContaining({ kind: 'session-ended', reason: 'bad-frame', by: 'local', peer: m.card.id }),
    ]);
  });

  test('a fork: the device that signed two histories is named', async () => {
    const { m, space, say, log, ha } = await hostileSetup();
    const hm = await open(m, space);
    setField(hm, 'x', 'name', 'One');
    await hm.flush();
    const [first] = await hm.entriesInRange('content', m.card.id, 0, 1);
    say({ type: 'heads', v: 1, space, access: [], content: [] });
    say({ type: 'entries', v: 1, space, batch: 0, entries: [first!] });
    await until(() => ha.heads().content.some((h) => h.author === m.card.id));
    // The same device signs a second, different entry at seq 1 (a copy of its keys on another laptop would).
    const second = createEntry(m.vault.deviceIdentity(), {
      log: 'content',
      space,
      seq: 1,
      prev: ZERO_HASH,
      epoch: hm.access.writingKey(m.vault.deviceIdentity()) && {
        number: hm.access.writingKey(m.vault.deviceIdentity()).epoch,
        key: hm.access.writingKey(m.vault.deviceIdentity()).key,
      },
      payload: openContent(decodeEntry(first!), hm.access.writingKey(m.vault.deviceIdentity()).key),
    });
    say({ type: 'entries', v: 1, space, batch: 1, entries: [second.bytes] });
    await until(() => log.get().some((p) => p.kind === 'fork'));
    expect(log.get()).toContainEqual(
      expect.objectContaining({ kind: 'fork', author: m.card.id, from: m.card.id, log: 'content', seq: 1 }),
    );
  });

  test("sync's background failures: a code when the app has words for it, and one notice per failure however often", () => {
    let t = 0;
    const log = new ProblemLog(() => ++t);
    log.add({ kind: 'rotated', space: 's1' as never });
    for (let i = 0; i < MAX_PROBLEMS * 2; i++) log.syncFailed(new AppError('net-failed', `attempt ${i}`));
    log.syncFailed(new Error('no words for this'));
    expect(log.get().map((p) => [p.kind, 'code' in p ? p.code : undefined])).toEqual([
      ['rotated', undefined],
      ['sync-failed', 'net-failed'],
      ['sync-failed', undefined],
    ]);
    expect(JSON.stringify(log.get())).not.toContain('attempt'); // codes only: no message travels
  });

  test('the log is bounded and counts what was not yet seen', () => {
    let t = 0;
    const log = new ProblemLog(() => ++t);
    for (let i = 0; i < MAX_PROBLEMS + 5; i++) log.add({ kind: 'rotated', space: 's' as never });
    expect(log.get()).toHaveLength(MAX_PROBLEMS);
    expect(log.get()[0]!.id).toBe(6);
    expect(log.unseen()).toBe(MAX_PROBLEMS);
    log.markSeen();
    expect(log.unseen()).toBe(0);
    log.sessionEnded({ reason: 'done', by: 'peer' }, undefined);
    expect(log.unseen()).toBe(0);
    log.sessionEnded({ reason: 'bad-frame', by: 'local' }, undefined);
    expect(log.unseen()).toBe(1);
  });
});
