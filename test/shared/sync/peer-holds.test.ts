/**
 * What replication tells of what a peer holds (`onPeerHolds`, counted by the renderer as unsent
 * changes: renderer/sync/unsent.ts), against a member speaking raw protocol: only its heads, its
 * `again` and its acknowledgements of batches really sent count, and an `again` replaces what it held.
 */
import type { DeviceId } from '../../../shared/crypto';
import type { PeerHolds } from '../../../shared/sync/replication';
import { replicationCodec, type ReplicationMessage } from '../../../shared/sync/replication-messages';
import { makeDevice, malloryEditorOf, open, quick, until } from './peers';

async function setup() {
  const told: { peer: DeviceId; content: number }[] = [];
  let me = '' as DeviceId;
  const a = await makeDevice('a', {
    replication: {
      ...quick,
      onPeerHolds: (_space, peer, holds: PeerHolds) => told.push({ peer, content: holds.content.get(me) ?? 0 }),
    },
  });
  me = a.card.id;
  const { m, space, raw, conn, say } = await malloryEditorOf(a);
  const received: ReplicationMessage[] = [];
  raw.onMessage((payload) => received.push(replicationCodec.decode(payload)));
  const batches = () => received.filter((r) => r.type === 'entries');
  // Mallory's true heads of the access log (it has it from the bundle), and none of a's content.
  const access = (await open(m, space)).heads().access.map((h) => ({ author: h.author, seq: h.seq }));
  const heads = (): ReplicationMessage => ({ type: 'heads', v: 1, space, access, content: [] });
  return { a, m, space, say, told, batches, conn, heads };
}

test('a batch sent is not held until acknowledged, and an ack of a batch never sent counts nothing', async () => {
  const { m, space, say, told, batches, conn, heads } = await setup();
  say(heads());
  await until(() => told.length === 1 && batches().length === 1);
  expect(told).toEqual([{ peer: m.card.id, content: 0 }]);

  // The batch a sent (a's one content entry) is not held until acknowledged.
  await new Promise((r) => setTimeout(r, 50));
  expect(told).toHaveLength(1);
  // An ack naming a batch number a never sent frees the window but counts nothing as held.
  say({ type: 'ack', v: 1, space, batch: 99 });
  await new Promise((r) => setTimeout(r, 50));
  expect(told).toHaveLength(1);

  // The real batch's ack is not accepted any more (nothing is in flight): the session ends, nothing counted.
  say({ type: 'ack', v: 1, space, batch: 0 });
  await expect(conn.ended).resolves.toMatchObject({ reason: 'bad-frame' });
  expect(told).toHaveLength(1);
});

test('an acknowledged batch counts as held, and a later again with lower content heads replaces it', async () => {
  const { m, space, say, told, batches, conn, heads } = await setup();
  say(heads());
  await until(() => batches().length === 1);
  say({ type: 'ack', v: 1, space, batch: 0 });
  await until(() => told.at(-1)?.content === 1);
  // It refused the entry after all and asks again: it holds nothing of a's content.
  say({ type: 'again', v: 1, space, content: [] });
  await until(() => told.at(-1)?.content === 0);
  expect(told.map((t) => [t.peer, t.content])).toEqual([
    [m.card.id, 0],
    [m.card.id, 1],
    [m.card.id, 0],
  ]);
  await until(() => batches().length === 2); // and a sends it again
  conn.close();
});
