import { isAppError } from '../../../shared/errors';
import { decodeEntry, openContent } from '../../../shared/log/entry';
import { removeDevice, SpaceAccess } from '../../../shared/space';
import { addByBundle, makeDevice, newSpace, open, pipe, sameState, setField, spaceOfEditors, until } from './peers';

async function removeFrom(handle: Awaited<ReturnType<typeof open>>, device: string) {
  const cutoff = handle.heads().content.find((h) => h.author === device)?.seq ?? 0;
  await handle.changeAccess((access, me) => removeDevice(access, me, device as never, cutoff));
}

describe('revocation', () => {
  test('a removed device cannot read what is written after, its later entries are refused, its sessions end', async () => {
    const {
      space,
      devices: [a, b, c],
      handles: [ha, hb, hc],
    } = await spaceOfEditors(['a', 'b', 'c']);
    setField(hb, 'rosa', 'name', 'Rosa Parks');
    await hb.flush();
    const ab = pipe(a, b);
    const ac = pipe(a, c);
    await until(() => sameState(ha, hb) && sameState(ha, hc));

    // Removing b ends the live session with b (it is in none of a's spaces any more).
    await removeFrom(ha, b.card.id);
    await expect(ab.ba.ended).resolves.toMatchObject({ reason: 'unknown-device', by: 'peer' });
    setField(ha, 'rosa', 'note', 'moved to the new epoch');
    await ha.flush();
    await until(() => hc.doc.getMap('members').toJSON().rosa?.note !== undefined);

    // b, with its own keys and the complete access log, opens nothing written after its removal.
    const later = await ha.entriesAfter({ access: [], content: hb.heads().content });
    const afterRemoval = later.map((bytes) => decodeEntry(bytes)).filter((e) => e.header.log === 'content');
    expect(afterRemoval.length).toBeGreaterThan(0);
    const fullLog = (await ha.entriesAfter({ access: [], content: [] }))
      .map((bytes) => decodeEntry(bytes))
      .filter((e) => e.header.log === 'access');
    const bView = SpaceAccess.restore(space, fullLog);
    const bIdentity = b.vault.deviceIdentity();
    for (const entry of afterRemoval) {
      expect(() => bView.openContent(entry, bIdentity)).toThrow(expect.objectContaining({ code: 'not-allowed' }));
      // Nor with any key b ever held.
      for (let epoch = 1; epoch < entry.header.epoch; epoch++) {
        for (const key of bView.epochKeys(epoch, bIdentity)) expect(() => openContent(entry, key)).toThrow();
      }
    }

    // b keeps writing (it does not know); a and c refuse those entries and store nothing of them.
    setField(hb, 'rosa', 'name', 'Forged name');
    await hb.flush();
    const bLate = await hb.entriesAfter({ access: ha.heads().access, content: ha.heads().content });
    for (const h of [ha, hc]) {
      const before = JSON.stringify(h.heads().content);
      const report = await h.receiveEntries(bLate);
      expect(report.accepted).toBe(0);
      expect(report.rejected.map((r) => r.code)).toContain('not-allowed');
      expect(JSON.stringify(h.heads().content)).toBe(before);
      expect(h.doc.getMap('members').toJSON().rosa.name).toBe('Rosa Parks');
    }

    // And b cannot start a new session with a.
    const again = pipe(b, a);
    const err = await again.ab.ready.catch((e: unknown) => e);
    expect(isAppError(err, 'sync-unknown-device')).toBe(true);
    ac.ab.close();
  });

  test('concurrent access changes by two admins converge everywhere, and the next admin rotates again', async () => {
    // Delays long against a hop here (tens of ms), as the defaults are against a LAN.
    const rotation = { rotation: { delayMs: [20, 250] as const } };
    const a = await makeDevice('a', rotation);
    const d = await makeDevice('d', rotation);
    const e = await makeDevice('e', rotation);
    const g = await makeDevice('g', rotation);
    const space = await newSpace(a);
    await addByBundle(a, space, d, 'admin');
    await addByBundle(a, space, e, 'editor');
    const [ha, hd] = await Promise.all([open(a, space), open(d, space)]);
    const first = pipe(a, d);
    await until(() => JSON.stringify(ha.heads()) === JSON.stringify(hd.heads()));
    first.ab.close();
    await first.ba.ended;

    // Apart: a removes e while d adds g. d's add seals the old key to g; a's removal rotated without g.
    await removeFrom(ha, e.card.id);
    await addByBundle(d, space, g, 'editor');
    const hg = await open(g, space);
    const merged = pipe(a, d);
    const dg = pipe(d, g);
    const ids = (h: typeof ha) => JSON.stringify(h.access.members().map((m) => [m.card.id, m.role]));
    await until(() => ids(ha) === ids(hd) && ids(hd) === ids(hg), 10_000);
    expect(ha.access.roleOf(e.card.id)).toBeUndefined();
    expect(ha.access.roleOf(g.card.id)).toBe('editor');
    // Someone rotated; afterwards nobody needs to, and all agree on the access log.
    await until(() => !ha.access.needsRotation() && !hd.access.needsRotation() && !hg.access.needsRotation(), 10_000);
    await until(() => JSON.stringify(ha.heads().access) === JSON.stringify(hg.heads().access), 10_000);
    // Epochs: 1 create, 2 a's removal, 3 the rotation after the merge (more only if two admins raced).
    expect(ha.access.currentEpoch()).toBeGreaterThanOrEqual(3);
    expect(hg.access.currentEpoch()).toBe(ha.access.currentEpoch());

    // New content: g reads it, e (removed) cannot.
    setField(ha, 'ella', 'name', 'Ella Baker');
    await ha.flush();
    await until(() => hg.doc.getMap('members').has('ella'), 10_000);
    const newest = (await ha.entriesAfter({ access: [], content: [] }))
      .map((bytes) => decodeEntry(bytes))
      .filter((x) => x.header.log === 'content')
      .pop()!;
    expect(() => ha.access.openContent(newest, e.vault.deviceIdentity())).toThrow();
    merged.ab.close();
    dg.ab.close();
  });
});
