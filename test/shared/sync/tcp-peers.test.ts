/** Replication over real TCP sockets on 127.0.0.1 (electron/net/tcp). */
import { randomBytes, toBase64Url } from '../../../shared/crypto';
import { addByBundle, makeDevice, newSpace, open, sameState, setField, spaceOfEditors, tcp, until } from './peers';

describe('peers over TCP', () => {
  test('three peers: concurrent edits to the same member and to different members converge to identical state', async () => {
    const {
      devices: [a, b, c],
      handles: [ha, hb, hc],
    } = await spaceOfEditors(['a', 'b', 'c']);
    setField(ha, 'rosa', 'name', 'Rosa Parks');
    await ha.flush();
    // b and c learn of each other from a's access log; then they also connect directly.
    const links = [await tcp(a, b), await tcp(c, a)];
    await until(() => hb.access.roleOf(c.card.id) !== undefined && hc.access.roleOf(b.card.id) !== undefined);
    links.push(await tcp(b, c));
    await Promise.all(links.flatMap((l) => [l.ab.ready, l.ba.ready]));
    await until(() => sameState(ha, hb) && sameState(hb, hc));

    // All at once: same member same field, same member other fields, and members of their own.
    setField(ha, 'rosa', 'phone', '555-0101');
    setField(hb, 'rosa', 'phone', '555-0202');
    setField(hc, 'rosa', 'phone', '555-0303');
    setField(hb, 'rosa', 'zip', '60601');
    setField(hc, 'rosa', 'skills', 'translation');
    for (const [h, who] of [
      [ha, 'a'],
      [hb, 'b'],
      [hc, 'c'],
    ] as const) {
      for (let i = 0; i < 10; i++) setField(h, `${who}-${i}`, 'name', `Member ${who}${i}`);
    }
    await until(() => sameState(ha, hb) && sameState(hb, hc), 10_000);
    const rosa = ha.doc.getMap('members').toJSON().rosa as Record<string, string>;
    expect(['555-0101', '555-0202', '555-0303']).toContain(rosa.phone);
    expect(rosa).toMatchObject({ name: 'Rosa Parks', zip: '60601', skills: 'translation' });
    expect(ha.doc.getMap('members').size).toBe(31);
    for (const l of links) l.ab.close();
    await Promise.all(links.map((l) => l.ba.ended));
  });

  test('a sync cut mid-frame at random points and resumed: nothing lost, nothing sent twice', async () => {
    const a = await makeDevice('a', { replication: { maxBatchEntries: 16, window: 2 } });
    const b = await makeDevice('b');
    const space = await newSpace(a);
    await addByBundle(a, space, b, 'viewer');
    const ha = await open(a, space);
    const hb = await open(b, space);
    const total = 120;
    for (let i = 0; i < total; i++) {
      setField(ha, `m${i}`, 'notes', toBase64Url(randomBytes(1500))); // incompressible: real frame sizes
      await ha.flush();
    }
    const received = () => hb.heads().content.find((h) => h.author === a.card.id)?.seq ?? 0;
    const reasons: string[] = [];
    let sentInCutSessions = 0;
    for (let round = 0; round < 4; round++) {
      const cutAt = 3_000 + randomBytes(1)[0]! * 120; // 4 sessions carry at most ~135 kB of ~250 kB
      const link = await tcp(a, b, { cutAfterBytes: cutAt });
      const ready = await link.ab.ready.catch(() => undefined);
      const end = await link.ba.ended;
      await link.ab.ended;
      reasons.push(end.reason);
      sentInCutSessions += ready?.replication.stats.entriesSent ?? 0;
    }
    const arrived = received();
    expect(arrived).toBeLessThan(total);
    expect(reasons).toContain('truncated'); // b saw a frame end half-way

    const last = await tcp(a, b);
    const { replication } = await last.ab.ready;
    await until(() => received() === total, 10_000);
    await until(() => sameState(ha, hb));
    expect(replication.stats.entriesSent).toBe(total - arrived);
    expect(sentInCutSessions).toBeGreaterThanOrEqual(arrived);
    expect(hb.doc.getMap('members').size).toBe(total);
    last.ab.close();
    await last.ba.ended;
  });
});
