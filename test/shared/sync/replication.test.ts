import { addByBundle, contentSeqs, makeDevice, newSpace, open, pipe, sameState, setField, until } from './peers';

describe('replication over a session', () => {
  test('initial sync sends what the other lacks, both ways, access first; then live edits arrive without echo', async () => {
    const a = await makeDevice('a');
    const b = await makeDevice('b');
    const space = await newSpace(a);
    await addByBundle(a, space, b, 'editor');
    const ha = await open(a, space);
    const hb = await open(b, space);
    for (let i = 0; i < 30; i++) {
      setField(ha, `m${i}`, 'name', `Member ${i}`);
      await ha.flush();
    }
    for (let i = 0; i < 10; i++) {
      setField(hb, `n${i}`, 'name', `Other ${i}`);
      await hb.flush();
    }
    const { ab, ba } = pipe(a, b);
    const [ra, rb] = await Promise.all([ab.ready, ba.ready]);
    await until(() => sameState(ha, hb) && contentSeqs(ha) === contentSeqs(hb));
    expect(ha.doc.getMap('members').size).toBe(40);
    // Each side sent exactly what the other lacked (a's 30, b's 10), nothing echoed back.
    expect(ra.replication.stats.entriesSent).toBe(30);
    expect(rb.replication.stats.entriesSent).toBe(10);

    // Live: an edit after the initial sync is pushed on commit.
    setField(hb, 'm3', 'phone', '555-0100');
    await until(() => ha.doc.getMap('members').toJSON().m3?.phone === '555-0100');
    await until(() => sameState(ha, hb));
    expect(rb.replication.stats.entriesSent).toBe(11);
    expect(ra.replication.stats.entriesSent).toBe(30);
    ab.close();
    await ba.ended;
  });

  test('a sync cut mid-way resumes without re-sending what arrived', async () => {
    const a = await makeDevice('a', { replication: { maxBatchEntries: 10, window: 1 } });
    const b = await makeDevice('b');
    const space = await newSpace(a);
    await addByBundle(a, space, b, 'viewer');
    const ha = await open(a, space);
    const hb = await open(b, space);
    for (let i = 0; i < 100; i++) {
      setField(ha, `m${i}`, 'name', `Member ${i}`);
      await ha.flush();
    }
    const first = pipe(a, b);
    const r1 = await first.ab.ready;
    await until(() => hb.heads().content.length > 0 && hb.heads().content[0]!.seq >= 30);
    first.channels[0]!.close('cut');
    await first.ba.ended;
    const arrived = hb.heads().content[0]!.seq;
    expect(arrived).toBeLessThan(100);
    const sentBefore = r1.replication.stats.entriesSent;

    const second = pipe(a, b);
    const r2 = await second.ab.ready;
    await until(() => sameState(ha, hb));
    // Only what had not arrived travels again (batches in flight at the cut were lost, not duplicated).
    expect(r2.replication.stats.entriesSent).toBe(100 - arrived);
    expect(sentBefore + r2.replication.stats.entriesSent).toBeGreaterThanOrEqual(100);
    expect(hb.doc.getMap('members').size).toBe(100);
    second.ab.close();
  });

  test('what the peer holds is told from its heads, then advanced by each of our batches it acknowledged', async () => {
    const told: { peer: string; content: number; access: number }[] = [];
    const a = await makeDevice('a', {
      replication: {
        maxBatchEntries: 4,
        window: 1,
        onPeerHolds: (_space, peer, holds) =>
          told.push({ peer, access: holds.access.get(a.card.id) ?? 0, content: holds.content.get(a.card.id) ?? 0 }),
      },
    });
    const b = await makeDevice('b');
    const space = await newSpace(a);
    await addByBundle(a, space, b, 'editor');
    const ha = await open(a, space);
    for (let i = 0; i < 10; i++) {
      setField(ha, `m${i}`, 'name', `Member ${i}`);
      await ha.flush();
    }
    const mine = (log: 'access' | 'content') => ha.heads()[log].find((h) => h.author === a.card.id)!.seq;
    const { ab, ba } = pipe(a, b);
    await until(() => told.at(-1)?.content === mine('content'));
    // b's heads first: it holds a's access log from the bundle, and none of a's edits.
    expect(told[0]).toEqual({ peer: b.card.id, access: mine('access'), content: 0 });
    // Then one step per acknowledged batch of at most 4 entries: 4, 8, 10.
    expect(told.slice(1).map((t) => t.content)).toEqual([4, 8, 10]);
    ab.close();
    await ba.ended;
  });
});

describe('bytes being stored', () => {
  test('each received batch counts as being stored from its arrival until it is stored, and its receiver is told both times', async () => {
    const storing: number[] = [];
    let stats = (): { bytesStoring: number; entriesReceived: number } => ({ bytesStoring: 0, entriesReceived: 0 });
    const b = await makeDevice('b', { replication: { onStoring: () => storing.push(stats().bytesStoring) } });
    const a = await makeDevice('a', { replication: { maxBatchEntries: 5, window: 1 } });
    const space = await newSpace(a);
    await addByBundle(a, space, b, 'viewer');
    const ha = await open(a, space);
    const hb = await open(b, space);
    for (let i = 0; i < 12; i++) {
      setField(ha, `m${i}`, 'name', `Member ${i}`);
      await ha.flush();
    }
    const { ab, ba } = pipe(a, b);
    const [, rb] = await Promise.all([ab.ready, ba.ready]);
    stats = () => rb.replication.stats;
    await until(() => sameState(ha, hb) && stats().entriesReceived === 12 && stats().bytesStoring === 0);
    // Three batches of content (5, 5, 2): each told when it arrived (bytes up) and when stored (back to 0).
    expect(storing.length).toBe(6);
    for (let i = 0; i < storing.length; i += 2) {
      expect(storing[i]).toBeGreaterThan(0);
      expect(storing[i + 1]).toBe(0);
    }
    ab.close();
    await ba.ended;
  });
});
