import { safetyNumber } from '../../../shared/crypto';
import { SyncClosedError } from '../../../shared/sync/close';
import {
  exportBundle,
  exportDeviceCard,
  importBundle,
  importDeviceCard,
  cardSafetyNumber,
} from '../../../shared/sync/bundle';
import { createInvite, listInvites, normalizeInviteCode } from '../../../shared/sync/invite';
import { createChannelPair } from '../../../shared/sync/channel';
import { addDevice } from '../../../shared/space';
import type { InviteeRequest } from '../../../shared/sync/peer';
import { makeDevice, newSpace, open, sameState, setField, until, type TestDevice } from './peers';

async function adminWithSpace(confirm: (r: InviteeRequest) => Promise<boolean>) {
  const admin = await makeDevice('admin', { confirmInvitee: confirm });
  const space = await newSpace(admin, 'Eastside branch');
  const handle = await open(admin, space);
  setField(handle, 'rosa', 'name', 'Rosa Parks');
  await handle.flush();
  return { admin, space, handle };
}

function dial(invitee: TestDevice, admin: TestDevice, code: string) {
  const [ci, ca] = createChannelPair();
  return { i: invitee.peer.connect(ci, 'initiator', { invite: code }), a: admin.peer.connect(ca, 'responder') };
}

describe('invites over a session', () => {
  test('code proves itself, both screens show one safety number, the admin confirms, the space arrives', async () => {
    const requests: InviteeRequest[] = [];
    const { admin, space, handle } = await adminWithSpace(async (r) => {
      requests.push(r);
      return true;
    });
    const invite = await createInvite(admin.vault, space, 'editor');
    expect(invite.code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    const joined: string[] = [];
    const invitee = await makeDevice('invitee', { onJoined: (s) => joined.push(s) });

    const { i, a } = dial(invitee, admin, invite.code.toLowerCase().replace(/-/g, ' '));
    const [ri, ra] = await Promise.all([i.ready, a.ready]);
    expect(ri.info.safetyNumber).toBe(ra.info.safetyNumber);
    expect(ri.info.safetyNumber).toBe(safetyNumber(admin.card.signPublic, invitee.card.signPublic));
    await until(() => joined.length === 1);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ space, spaceName: 'Eastside branch', role: 'editor' });
    expect(requests[0]!.device.id).toBe(invitee.card.id);
    expect(requests[0]!.safetyNumber).toBe(ri.info.safetyNumber);

    expect((await invitee.vault.listSpaces()).map((s) => s.name)).toEqual(['Eastside branch']);
    const mine = await open(invitee, space);
    await until(() => sameState(handle, mine));
    expect(mine.access.roleOf(invitee.card.id)).toBe('editor');
    // The new editor writes; the admin receives it live over the same session.
    setField(mine, 'ella', 'name', 'Ella Baker');
    await until(() => handle.doc.getMap('members').has('ella'));
    // Single use: the invite is gone.
    expect(await listInvites(admin.vault)).toEqual([]);
  });

  test('a used, wrong, expired or refused invite lets nobody in', async () => {
    let answer = false;
    const { admin, space } = await adminWithSpace(() => Promise.resolve(answer));
    const invitee = await makeDevice('invitee');

    // Refused at the safety-number check: the session ends, the invite is burnt, nothing joined.
    const refused = await createInvite(admin.vault, space, 'viewer');
    const first = dial(invitee, admin, refused.code);
    await expect(first.i.ended).resolves.toMatchObject({ reason: 'invite-invalid' });
    expect(await invitee.vault.listSpaces()).toEqual([]);
    const again = dial(invitee, admin, refused.code);
    await expect(again.i.ready).rejects.toBeInstanceOf(SyncClosedError);

    // A wrong code (right id, other secret).
    answer = true;
    const real = await createInvite(admin.vault, space, 'viewer');
    const wrong = real.code.slice(0, 5) + (real.code[5] === 'A' ? 'B' : 'A') + real.code.slice(6);
    const bad = dial(invitee, admin, wrong);
    await expect(bad.i.ready).rejects.toMatchObject({ reason: 'invite-invalid' });

    // Claimed by one device: another device cannot use it, even before confirmation.
    const thief = await makeDevice('thief');
    const ok = dial(invitee, admin, real.code);
    await Promise.all([ok.i.ready, ok.a.ready]); // the proof was checked and the invite claimed
    const stolen = dial(thief, admin, real.code);
    await expect(stolen.i.ready).rejects.toMatchObject({ reason: 'invite-invalid' });

    // Expired.
    const old = await createInvite(admin.vault, space, 'viewer', { ttlMs: 1, now: Date.now() - 10 });
    const late = dial(thief, admin, old.code);
    await expect(late.i.ready).rejects.toMatchObject({ reason: 'invite-invalid' });
    expect(await thief.vault.listSpaces()).toEqual([]);

    expect(() => normalizeInviteCode('not a code')).toThrow(expect.objectContaining({ code: 'invite-invalid' }));
  });

  test('the same flow through files: device card out, space bundle back', async () => {
    const { admin, space, handle } = await adminWithSpace(() => Promise.resolve(false));
    const invitee = await makeDevice('invitee');
    const cardFile = exportDeviceCard(invitee.vault);
    const card = importDeviceCard(cardFile);
    expect(card.id).toBe(invitee.card.id);
    // Read aloud over the phone: both compute the same number.
    const number = cardSafetyNumber(admin.vault, card);
    await handle.changeAccess((access, me) => addDevice(access, me, card, 'editor'));
    const bundle = await exportBundle(admin.vault, handle, { to: card });
    const imported = await importBundle(invitee.vault, bundle);
    expect(imported).toMatchObject({ space, joined: true, from: admin.card.id, safetyNumber: number });
    const mine = await open(invitee, space);
    expect(sameState(handle, mine)).toBe(true);
    expect(() => importDeviceCard(cardFile.subarray(0, 20))).toThrow(expect.objectContaining({ code: 'bad-bundle' }));
  });
});
