/**
 * Attack 1 over a real session (SECURITY.md "The access log against its own members"): a member
 * who never was an admin floods a real vault with self-signed access entries naming missing
 * parents. Nothing of it is stored or relayed, the session is not closed for it, and admin
 * changes go on taking effect.
 */
import * as c from '../../../shared/crypto';
import { createEntry, entryHash, ZERO_HASH } from '../../../shared/log/entry';
import { ACCESS_RECORD_VERSION, addDevice, encodeAccessRecord, removeDevice, rotateKey } from '../../../shared/space';
import { replicationCodec } from '../../../shared/sync/replication-messages';
import { dumpDatabase } from '../vault/helpers';
import { collect } from './helpers';
import { addByBundle, makeDevice, newSpace, open, pipe, rawSessionTo, until, type TestDevice } from './peers';

/** Access entries stored in a vault, by author. */
async function storedAccessAuthors(d: TestDevice): Promise<Set<string>> {
  const rows = await dumpDatabase(d.env);
  return new Set(
    rows.filter((r) => Array.isArray(r.key) && r.key[1] === 'access').map((r) => String((r.key as unknown[])[2])),
  );
}

function junk(identity: c.DeviceIdentity, space: c.SpaceId, count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let prev: c.Hash = ZERO_HASH;
  const me = c.deviceIdOf(identity.signPublic);
  for (let seq = 1; seq <= count; seq++) {
    const missing = c.toBase64Url(c.hash(c.utf8Encode(`nowhere ${seq}`)));
    const e = createEntry(identity, {
      log: 'access',
      space,
      seq,
      prev,
      payload: encodeAccessRecord({
        v: ACCESS_RECORD_VERSION,
        type: 'rotate',
        parents: [missing],
        rotation: { epoch: 2, seals: [{ to: me, sealed: c.toBase64Url(c.randomBytes(80)) }], chain: [] },
      }),
    });
    prev = entryHash(e);
    out.push(e.bytes);
  }
  return out;
}

describe('an access-log flood by a member who is no admin', () => {
  test.each(['viewer', 'editor'] as const)(
    'a %s sends 2,048 access entries naming missing parents: kept nowhere, relayed to no one, no session closed',
    async (role) => {
      const a = await makeDevice('a');
      const m = await makeDevice('mallory');
      const b = await makeDevice('b');
      const space = await newSpace(a);
      await addByBundle(a, space, m, role);
      await addByBundle(a, space, b, 'editor');
      const ha = await open(a, space);
      const { raw, conn, say } = await rawSessionTo(a, m, space);
      const heard = collect(raw);
      const acks = () => heard.filter((p) => replicationCodec.decode(p).type === 'ack').length;

      const flood = junk(m.vault.deviceIdentity(), space, 2048);
      await until(() => heard.some((p) => replicationCodec.decode(p).type === 'heads')); // a has the space open
      say({ type: 'heads', v: 1, space, access: [], content: [] });
      say({ type: 'entries', v: 1, space, batch: 0, entries: flood.slice(0, 1024) });
      say({ type: 'entries', v: 1, space, batch: 1, entries: flood.slice(1024) });
      await until(() => acks() === 2, 20_000);
      let ended = false;
      void conn.ended.then(() => (ended = true));

      // Every admin change still goes through, and nothing of the flood was stored.
      const newcomer = await makeDevice('newcomer');
      await ha.changeAccess((access, me) => addDevice(access, me, newcomer.card, 'viewer'));
      await ha.changeAccess(rotateKey);
      await ha.changeAccess((access, me) => removeDevice(access, me, newcomer.card.id, 0));
      expect(ha.access.roleOf(newcomer.card.id)).toBeUndefined();
      expect(await storedAccessAuthors(a)).not.toContain(m.card.id);
      expect(ended).toBe(false);

      // Nor is it relayed: b, syncing with a, gets the admin changes and none of the flood.
      const hb = await open(b, space);
      const ab = pipe(a, b);
      await until(() => JSON.stringify(hb.heads().access) === JSON.stringify(ha.heads().access), 20_000);
      expect(await storedAccessAuthors(b)).not.toContain(m.card.id);
      expect(hb.access.members()).toEqual(ha.access.members());
      ab.ab.close();
      conn.close();
    },
    60_000,
  );
});
