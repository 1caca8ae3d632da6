/** Handshake and replication messages (shared/sync/messages.ts, replication-messages.ts). */
import { generateDeviceIdentity, randomBytes } from '../../../shared/crypto';
import { sessionCodec } from '../../../shared/sync/messages';
import { replicationCodec } from '../../../shared/sync/replication-messages';
import type { FuzzTarget } from '../harness';
import { mutatedBytes } from '../mutate';
import type { World } from '../world';

export function messagesTarget(world: World): FuzzTarget<Uint8Array> {
  const me = generateDeviceIdentity();
  const author = world.admin.card.id;
  const seeds = [
    sessionCodec.encode({ type: 'hello', v: 1, versions: [1], ephemeral: randomBytes(32) }),
    sessionCodec.encode({ type: 'proof', v: 1, proofs: [randomBytes(16), randomBytes(16)] }),
    sessionCodec.encode({
      type: 'auth',
      v: 2,
      device: me.signPublic,
      box: me.boxPublic,
      boxSignature: randomBytes(64),
      signature: randomBytes(64),
    }),
    sessionCodec.encode({ type: 'invite', v: 1, proof: randomBytes(32) }),
    sessionCodec.encode({
      type: 'invite-proof',
      v: 1,
      space: world.space,
      name: 'Fuzz chapter',
      role: 'editor',
      proof: randomBytes(32),
    }),
    sessionCodec.encode({ type: 'spaces', v: 1, spaces: [world.space, 'other-space'] }),
    sessionCodec.encode({ type: 'data', v: 1, payload: randomBytes(40) }),
    sessionCodec.encode({ type: 'close', v: 1, reason: 'done' }),
    replicationCodec.encode({
      type: 'heads',
      v: 1,
      space: world.space,
      access: [{ author, seq: 3 }],
      content: [{ author, seq: 2 }],
    }),
    replicationCodec.encode({
      type: 'entries',
      v: 1,
      space: world.space,
      batch: 7,
      entries: world.entries.slice(0, 3),
    }),
    replicationCodec.encode({ type: 'ack', v: 1, space: world.space, batch: 7 }),
    replicationCodec.encode({ type: 'join', v: 2, space: world.space }),
    replicationCodec.encode({ type: 'welcome', v: 1, space: world.space, name: 'Fuzz chapter' }),
  ];
  return {
    name: 'handshake+replication messages',
    input: mutatedBytes(seeds),
    run(bytes, attempt) {
      attempt(() => sessionCodec.decode(bytes));
      attempt(() => replicationCodec.decode(bytes));
    },
  };
}
