/**
 * Invites between real vaults over real sessions (SECURITY.md "Device cards and invites"): both
 * devices prove the code; the invitee sees the space, its role and the safety number and says yes
 * before anything is joined; the admin confirms before anything is added; a stranger who answers
 * the invitee (with or without a look-alike space) gets nothing and gives nothing.
 */
import { safetyNumber, type SpaceId } from '../../../shared/crypto';
import { SyncClosedError } from '../../../shared/sync/close';
import { createChannelPair } from '../../../shared/sync/channel';
import {
  createInvite,
  listInvites,
  MAX_WRONG_PROOFS,
  normalizeInviteCode,
  WRONG_PROOF_WINDOW_MS,
} from '../../../shared/sync/invite';
import { startSession } from '../../../shared/sync/session';
import type { InviteeRequest, SpaceOffer } from '../../../shared/sync/peer';
import { makeDevice, newSpace, open, sameState, setField, until, type TestDevice } from './peers';

async function adminWithSpace(confirm: (r: InviteeRequest) => Promise<boolean>, now?: () => number) {
  const admin = await makeDevice('admin', { confirmInvitee: confirm, ...(now && { now }) });
  const space = await newSpace(admin, 'Eastside branch');
  const handle = await open(admin, space);
  setField(handle, 'rosa', 'name', 'Rosa Parks');
  await handle.flush();
  return { admin, space, handle };
}

/** An invitee whose person says yes (or what `answer` says) to the space its screen shows. */
async function inviteeDevice(answer: (offer: SpaceOffer) => Promise<boolean> = () => Promise.resolve(true)) {
  const offers: SpaceOffer[] = [];
  const joined: SpaceId[] = [];
  const device = await makeDevice('invitee', {
    confirmSpace: (offer) => {
      offers.push(offer);
      return answer(offer);
    },
    onJoined: (space) => joined.push(space),
  });
  return { device, offers, joined };
}

function dial(invitee: TestDevice, admin: TestDevice, code: string) {
  const [ci, ca] = createChannelPair();
  return { i: invitee.peer.connect(ci, 'initiator', { invite: code }), a: admin.peer.connect(ca, 'responder') };
}

describe('invites over a session', () => {
  test('both prove the code; the invitee sees the space and the safety number and says yes; the admin confirms; the space arrives', async () => {
    const requests: InviteeRequest[] = [];
    const { admin, space, handle } = await adminWithSpace(async (r) => {
      requests.push(r);
      return true;
    });
    const invite = await createInvite(admin.vault, space, 'editor');
    expect(invite.code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    const { device: invitee, offers, joined } = await inviteeDevice();

    const { i, a } = dial(invitee, admin, invite.code.toLowerCase().replace(/-/g, ' '));
    const [ri, ra] = await Promise.all([i.ready, a.ready]);
    expect(ri.info.safetyNumber).toBe(ra.info.safetyNumber);
    expect(ri.info.safetyNumber).toBe(safetyNumber(admin.card, invitee.card));
    await until(() => joined.length === 1);
    // What each screen showed before anything was joined or added.
    expect(offers).toEqual([
      { space, spaceName: 'Eastside branch', role: 'editor', admin: admin.card.id, safetyNumber: ri.info.safetyNumber },
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ space, spaceName: 'Eastside branch', role: 'editor' });
    expect(requests[0]!.device).toEqual(invitee.card);
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

  test('nothing is added until the invitee says yes, and nothing is joined when it says no', async () => {
    const { admin, space, handle } = await adminWithSpace(() => Promise.resolve(true));
    let answer!: (yes: boolean) => void;
    const { device: invitee, offers } = await inviteeDevice(() => new Promise((resolve) => (answer = resolve)));
    const invite = await createInvite(admin.vault, space, 'viewer');
    const { i, a } = dial(invitee, admin, invite.code);
    await Promise.all([i.ready, a.ready]);
    await until(() => offers.length === 1);
    // The admin confirmed at once; its device still waits for the invitee's person.
    for (let n = 0; (await listInvites(admin.vault)).length > 0; n++) {
      if (n > 1000) throw new Error('the admin never answered');
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(handle.access.roleOf(invitee.card.id)).toBeUndefined();
    answer(false);
    await expect(i.ended).resolves.toEqual({ reason: 'invite-declined', by: 'local' });
    await expect(a.ended).resolves.toEqual({ reason: 'invite-declined', by: 'peer' });
    expect(handle.access.roleOf(invitee.card.id)).toBeUndefined();
    expect(handle.access.members()).toHaveLength(1);
    expect(await invitee.vault.listSpaces()).toEqual([]);
  });

  test('a used, wrong, expired or refused invite lets nobody in', async () => {
    let answer = false;
    const { admin, space } = await adminWithSpace(() => Promise.resolve(answer));
    const { device: invitee, offers } = await inviteeDevice();

    // Refused at the safety-number check: the session ends, the invite is burnt, nothing joined.
    const refused = await createInvite(admin.vault, space, 'viewer');
    const first = dial(invitee, admin, refused.code);
    await expect(first.i.ended).resolves.toMatchObject({ reason: 'invite-invalid' });
    expect(await invitee.vault.listSpaces()).toEqual([]);
    const again = dial(invitee, admin, refused.code);
    await expect(again.i.ready).rejects.toBeInstanceOf(SyncClosedError);

    // A wrong code (one character off): refused before the admin's device says who it is.
    answer = true;
    const real = await createInvite(admin.vault, space, 'viewer');
    const wrong = real.code.slice(0, 5) + (real.code[5] === 'A' ? 'B' : 'A') + real.code.slice(6);
    const bad = dial(invitee, admin, wrong);
    await expect(bad.i.ready).rejects.toMatchObject({ reason: 'invite-invalid' });

    // Claimed by one device: another device cannot use it, even before confirmation.
    const thief = await inviteeDevice();
    const ok = dial(invitee, admin, real.code);
    await Promise.all([ok.i.ready, ok.a.ready]); // both proofs checked, the invite claimed
    const stolen = dial(thief.device, admin, real.code);
    await expect(stolen.i.ready).rejects.toMatchObject({ reason: 'invite-invalid' });

    // Expired.
    const old = await createInvite(admin.vault, space, 'viewer', { ttlMs: 1, now: Date.now() - 10 });
    const late = dial(thief.device, admin, old.code);
    await expect(late.i.ready).rejects.toMatchObject({ reason: 'invite-invalid' });
    expect(await thief.device.vault.listSpaces()).toEqual([]);
    expect(thief.offers).toEqual([]);
    expect(offers).toHaveLength(2); // the refused one and the one that was claimed

    expect(() => normalizeInviteCode('not a code')).toThrow(expect.objectContaining({ code: 'invite-invalid' }));
  });

  test('a stranger nearby with a look-alike space of the same name answers the invitee: refused, nothing joined', async () => {
    const { admin, space } = await adminWithSpace(() => Promise.resolve(true));
    const invite = await createInvite(admin.vault, space, 'editor');
    // The stranger runs the app too, with its own "Eastside branch" and an open invite of its own.
    const stranger = await makeDevice('stranger', { confirmInvitee: () => Promise.resolve(true) });
    const lookAlike = await newSpace(stranger, 'Eastside branch');
    await createInvite(stranger.vault, lookAlike, 'admin');
    const { device: invitee, offers, joined } = await inviteeDevice();

    const { i, a } = dial(invitee, stranger, invite.code);
    await expect(i.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'peer' });
    await expect(a.ready).rejects.toMatchObject({ reason: 'invite-invalid' });
    expect(offers).toEqual([]);
    expect(joined).toEqual([]);
    expect(await invitee.vault.listSpaces()).toEqual([]);
    // The real admin's invite is still there for the right device.
    expect((await listInvites(admin.vault)).map((x) => x.id)).toEqual([invite.id]);
  });

  test('a hostile stranger that "accepts" any code and offers its look-alike space cannot prove the code: the invitee leaves first', async () => {
    const { admin, space } = await adminWithSpace(() => Promise.resolve(true));
    const invite = await createInvite(admin.vault, space, 'editor');
    const stranger = await makeDevice('stranger');
    const lookAlike = await newSpace(stranger, 'Eastside branch');
    const { device: invitee, offers, joined } = await inviteeDevice();
    const claimedBy: string[] = [];

    const [ci, cs] = createChannelPair();
    const mine = invitee.peer.connect(ci, 'initiator', { invite: invite.code });
    const theirs = startSession(cs, {
      identity: stranger.vault.deviceIdentity(),
      role: 'responder',
      spacesFor: () => [],
      membershipKeys: () => [],
      // A modified app: any proof "matches", and it proves back with the only code it has, its own.
      findInvite: () => ({
        id: 'x',
        code: normalizeInviteCode('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01').code,
        offer: { space: lookAlike, spaceName: 'Eastside branch', role: 'admin' },
      }),
      claimInvite: (_, card) => {
        claimedBy.push(card.id);
        return true;
      },
    });
    await expect(mine.ended).resolves.toEqual({ reason: 'invite-not-proven', by: 'local' });
    await expect(theirs.ended).resolves.toEqual({ reason: 'invite-not-proven', by: 'peer' });
    expect(claimedBy).toEqual([]); // the invitee never showed its card
    expect(offers).toEqual([]); // nor asked its person about the stranger's space
    expect(joined).toEqual([]);
    expect(await invitee.vault.listSpaces()).toEqual([]);
  });

  test('past a few wrong proofs a minute, invite proofs are refused unchecked, even with the right code; later they work again', async () => {
    let clock = 1_000_000;
    const { admin, space } = await adminWithSpace(
      () => Promise.resolve(true),
      () => clock,
    );
    const invite = await createInvite(admin.vault, space, 'viewer', { now: clock });
    const guesser = await inviteeDevice();
    for (let n = 0; n < MAX_WRONG_PROOFS; n++) {
      const guess = dial(guesser.device, admin, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
      await expect(guess.i.ended).resolves.toMatchObject({ reason: 'invite-invalid' });
    }
    const { device: invitee, joined } = await inviteeDevice();
    const blocked = dial(invitee, admin, invite.code);
    await expect(blocked.i.ended).resolves.toMatchObject({ reason: 'invite-invalid' });
    expect(await listInvites(admin.vault, clock)).toHaveLength(1); // not claimed: nothing was checked
    clock += WRONG_PROOF_WINDOW_MS + 1;
    const later = dial(invitee, admin, invite.code);
    await Promise.all([later.i.ready, later.a.ready]);
    await until(() => joined.length === 1);
  });
});
