import { isAppError } from '../../../shared/errors';
import { decodeEntry, openContent } from '../../../shared/log/entry';
import { removeDevice, SpaceAccess } from '../../../shared/space';
import {
  addByBundle,
  makeDevice,
  members,
  newSpace,
  open,
  pipe,
  sameState,
  setField,
  spaceOfEditors,
  until,
} from './peers';

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
  test('an editor wrote with the key of a removal whose author was removed meanwhile: once all meet, every member reads it, the member that removal left out too', async () => {
    const rotation = { rotation: { delayMs: [20, 250] as const } };
    const [h0, h1, h2, hostile] = await Promise.all(['h0', 'h1', 'h2', 'hostile'].map((n) => makeDevice(n, rotation)));
    const space = await newSpace(h0!);
    await addByBundle(h0!, space, h1!, 'admin');
    await addByBundle(h0!, space, h2!, 'editor');
    await addByBundle(h0!, space, hostile!, 'admin');
    const [H0, H1, H2, HX] = await Promise.all([h0!, h1!, h2!, hostile!].map((d) => open(d, space)));
    const inStep = [pipe(h0!, h1!), pipe(h0!, h2!), pipe(h0!, hostile!)];
    const accessOf = (h: typeof H0) => JSON.stringify(h!.heads().access);
    await until(() => [H1, H2, HX].every((h) => accessOf(h) === accessOf(H0)), 10_000);
    for (const s of inStep) {
      s.ab.close();
      await s.ba.ended;
    }

    // Apart: the admin turned hostile removes h1 and meets h2 only; h2 writes with that removal's key.
    await removeFrom(HX!, h1!.card.id);
    const toH2 = pipe(hostile!, h2!);
    await until(() => H2!.access.roleOf(h1!.card.id) === undefined, 10_000);
    toH2.ab.close();
    await toH2.ba.ended;
    setField(H2!, 'rosa', 'name', 'Rosa Parks');
    await H2!.flush();
    // h0, not having seen it, removes the hostile admin.
    await removeFrom(H0!, hostile!.card.id);

    // The honest devices meet. That removal of h1 is void: h1 is still an admin, and reads what h2 wrote
    // (h0, which holds the withdrawn key, rotates and chains it).
    const sessions = [pipe(h0!, h2!), pipe(h0!, h1!)];
    const rosa = (h: typeof H0) => members(h!).get('rosa')?.get('name');
    await until(() => rosa(H0) === 'Rosa Parks' && rosa(H1) === 'Rosa Parks', 15_000);
    expect(H1!.access.roleOf(h1!.card.id)).toBe('admin');
    expect(H0!.access.roleOf(hostile!.card.id)).toBeUndefined();
    // h2 now writes with a key the removed device does not hold, and everyone reads it.
    setField(H2!, 'rosa', 'note', 'after the merge');
    await H2!.flush();
    await until(() => members(H1!).get('rosa')?.get('note') === 'after the merge', 10_000);
    const newest = (await H2!.entriesAfter({ access: [], content: [] }))
      .map((bytes) => decodeEntry(bytes))
      .filter((x) => x.header.log === 'content')
      .pop()!;
    expect(() => H2!.access.openContent(newest, hostile!.vault.deviceIdentity())).toThrow();
    for (const s of sessions) s.ab.close();
  }, 60_000);
});
