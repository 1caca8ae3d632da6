/**
 * Roles at sync level (issue 3, item 4), over real sessions between real
 * vaults: a viewer's content entries are refused by every peer (stored
 * nowhere, reported), and an editor's access entries change nothing anywhere.
 */
import { generateDeviceIdentity, deviceCardOf, randomBytes, toBase64Url } from '../../../shared/crypto';
import { createEntry, entryHash } from '../../../shared/log/entry';
import {
  ACCESS_RECORD_VERSION,
  cardRecordOf,
  encodeAccessRecord,
  setRole,
  type AccessRecord,
} from '../../../shared/space';
import type { Rejection } from '../../../shared/sync/replication';
import type { SpaceHandle } from '../../../shared/vault';
import { addByBundle, makeDevice, newSpace, open, pipe, sameState, setField, spaceOfEditors, until } from './peers';

const roles = (h: SpaceHandle) => JSON.stringify(h.access.members().map((m) => [m.card.id, m.role]));

/** The exact bytes of every stored content entry by `author`. */
async function contentBy(h: SpaceHandle, author: string): Promise<Uint8Array[]> {
  return h.entriesInRange('content', author as never, 0, Number.MAX_SAFE_INTEGER);
}

describe('roles over a real session', () => {
  test("a viewer's content entries are refused by every peer: stored nowhere, reported", async () => {
    const rejectedAt = new Map<string, Rejection[]>();
    const withLog = (name: string) => ({ onRejected: (r: Rejection) => rejectedAt.get(name)!.push(r) });
    for (const name of ['a', 'c']) rejectedAt.set(name, []);
    const a = await makeDevice('a', withLog('a'));
    const c = await makeDevice('c', withLog('c'));
    const v = await makeDevice('viewer');
    const space = await newSpace(a);
    await addByBundle(a, space, c, 'editor');
    await addByBundle(a, space, v, 'viewer');
    const [ha, hc, hv] = await Promise.all([open(a, space), open(c, space), open(v, space)]);
    setField(ha, 'rosa', 'name', 'Rosa Parks');
    await ha.flush();

    // The viewer's own app lets it type (its vault holds the keys to read); the entry it makes goes out.
    setField(hv, 'rosa', 'name', 'Changed by a viewer');
    await hv.flush();
    expect(await contentBy(hv, v.card.id)).toHaveLength(1);

    // a and c agree on the access log first (c learns that the viewer is in the space), then the viewer connects.
    const ac = pipe(a, c);
    await until(() => JSON.stringify(ha.heads().access) === JSON.stringify(hc.heads().access));
    const va = pipe(v, a);
    const vc = pipe(v, c);
    await until(() => rejectedAt.get('a')!.length > 0 && rejectedAt.get('c')!.length > 0);
    await until(() => sameState(ha, hc));
    for (const [name, h] of [
      ['a', ha],
      ['c', hc],
    ] as const) {
      const codes = rejectedAt.get(name)!.flatMap((r) => r.report.rejected.map((x) => x.code));
      expect(codes.length).toBeGreaterThan(0);
      expect(new Set(codes)).toEqual(new Set(['not-allowed']));
      expect(await contentBy(h, v.card.id)).toHaveLength(0);
      expect(h.heads().content.map((x) => x.author)).not.toContain(v.card.id);
      expect(h.doc.getMap('members').toJSON().rosa.name).toBe('Rosa Parks');
    }
    // The viewer still reads: it received the admin's edit; refusing its entry did not end its sessions.
    await until(() => hv.heads().content.some((x) => x.author === a.card.id));
    let ended = false;
    void va.ab.ended.then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(ended).toBe(false);
    for (const s of [va, vc, ac]) s.ab.close();
  });

  test('an editor cannot change access: its access entries have no effect on any peer', async () => {
    const {
      space,
      devices: [a, e, c],
      handles: [ha, he, hc],
    } = await spaceOfEditors(['a', 'editor', 'c']);
    const before = roles(ha);
    const beforeOnE = roles(he);

    // Through the app, the builders refuse outright.
    await expect(he.changeAccess((access, me) => setRole(access, me, e.card.id, 'admin', 0))).rejects.toMatchObject({
      code: 'not-allowed',
    });

    // A modified app signs access records anyway: promote itself, remove the admin, add an outsider as admin.
    const outsider = deviceCardOf(generateDeviceIdentity());
    const me = e.vault.deviceIdentity();
    const grants = he.access
      .view()
      .state.frontier()
      .map((k) => ({ key: k.id, sealed: toBase64Url(randomBytes(80)) }));
    const records: Omit<AccessRecord, 'v' | 'parents'>[] = [
      { type: 'set-role', device: e.card.id, role: 'admin', cutoff: 0 },
      { type: 'add', device: cardRecordOf(outsider), role: 'admin', grants },
    ] as never;
    let prev: { seq: number; hash: Uint8Array } | undefined;
    for (const record of records) {
      const entry = createEntry(me, {
        log: 'access',
        space,
        seq: (prev?.seq ?? 0) + 1,
        prev: prev?.hash ?? new Uint8Array(32),
        payload: encodeAccessRecord({
          v: ACCESS_RECORD_VERSION,
          parents: he.access.parentsForNewRecord(),
          ...record,
        } as AccessRecord),
      } as never);
      const report = await he.receiveEntries([entry.bytes]);
      // Never an admin: not taken, so not stored, not relayed (SECURITY.md "The access log against its own members") ...
      expect(report).toMatchObject({ accepted: 0, rejected: [] });
      prev = { seq: entry.header.seq, hash: entryHash(entry) };
    }
    expect(he.access.heads().map((h) => h.author)).not.toContain(e.card.id);
    expect(roles(he)).toBe(beforeOnE); // ... and without effect, even on the editor's own device

    // Syncing brings none of it to a or c.
    const ea = pipe(e, a);
    const ac = pipe(a, c);
    const headsOf = (h: SpaceHandle) => JSON.stringify(h.heads().access);
    await until(() => headsOf(ha) === headsOf(he) && headsOf(hc) === headsOf(he));
    for (const h of [ha, hc, he]) {
      expect(roles(h)).toBe(before);
      expect(h.access.roleOf(e.card.id)).toBe('editor');
      expect(h.access.roleOf(a.card.id)).toBe('admin');
      expect(h.access.roleOf(outsider.id)).toBeUndefined();
    }
    // The editor still edits normally.
    setField(he, 'ella', 'name', 'Ella Baker');
    await he.flush();
    await until(() => sameState(ha, he) && sameState(hc, he));
    for (const s of [ea, ac]) s.ab.close();
  });
});
