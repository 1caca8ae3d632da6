/**
 * Builders for signed access entries authored by this device. They read the
 * current state, check that this device may do what it asks (so the UI gets a
 * clear AppError instead of an entry every peer would ignore), and return the
 * entry. The caller applies it with `access.applyAccessEntry(entry)` and stores
 * it; build the next one only after applying this one (same seq otherwise = fork).
 */
import { AppError } from '../errors';
import {
  checkedCard,
  deviceCardOf,
  deviceIdOf,
  newSymmetricKey,
  randomBytes,
  toBase64Url,
  type DeviceCard,
  type DeviceId,
  type DeviceIdentity,
  type SymmetricKey,
} from '../crypto';
import { createEntry, ZERO_HASH, type Entry } from '../log/entry';
import { SpaceAccess } from './access';
import {
  ACCESS_RECORD_VERSION,
  encodeAccessRecord,
  type AccessRecord,
  type RotationRecord,
  type Role,
} from './records';
import { cardRecordOf, chainKey, sealKeyToDevice, spaceIdFor } from './keys';

type Unparented<T> = T extends unknown ? Omit<T, 'v' | 'parents'> : never;

function signRecord(access: SpaceAccess, me: DeviceIdentity, record: Unparented<AccessRecord>): Entry {
  const author = deviceIdOf(me.signPublic);
  const head = access.heads().find((h) => h.author === author);
  const full = { v: ACCESS_RECORD_VERSION, parents: access.parentsForNewRecord(), ...record } as AccessRecord;
  return createEntry(me, {
    log: 'access',
    space: access.space,
    seq: (head?.seq ?? 0) + 1,
    prev: head?.hash ?? ZERO_HASH,
    payload: encodeAccessRecord(full),
  });
}

function requireAdmin(access: SpaceAccess, me: DeviceIdentity): void {
  if (!access.canAdminister(deviceIdOf(me.signPublic))) {
    throw new AppError('not-allowed', 'only admins change who is in a space');
  }
}

/** A new space with this device as its only admin, holding the epoch 1 key. */
export function createSpace(me: DeviceIdentity): { access: SpaceAccess; entry: Entry } {
  const salt = randomBytes(16);
  const space = spaceIdFor(me.signPublic, salt);
  const card = deviceCardOf(me);
  const key = newSymmetricKey();
  const entry = createEntry(me, {
    log: 'access',
    space,
    seq: 1,
    prev: ZERO_HASH,
    payload: encodeAccessRecord({
      v: ACCESS_RECORD_VERSION,
      type: 'create',
      salt: toBase64Url(salt),
      parents: [],
      creator: cardRecordOf(card),
      rotation: { epoch: 1, seals: [{ to: card.id, sealed: sealKeyToDevice(card, key) }], chain: [] },
    }),
  });
  const access = new SpaceAccess(space);
  access.applyAccessEntry(entry);
  return { access, entry };
}

/**
 * Adds a device with a role; it receives the newest key(s), through whose chains it reaches all history.
 * Throws AppError('bad-device-card') when the card's box key is not signed by the device (a relay swapped it).
 */
export function addDevice(access: SpaceAccess, me: DeviceIdentity, card: DeviceCard, role: Role): Entry {
  requireAdmin(access, me);
  checkedCard(card);
  if (access.roleOf(card.id)) throw new AppError('not-allowed', 'this device is already in the space');
  const current = heldFrontier(access, me);
  if (current.length === 0) throw new AppError('not-allowed', 'this device holds no current key to share');
  const grants = [...current, ...heldWithdrawn(access, me)].map(({ id, key }) => ({
    key: id,
    sealed: sealKeyToDevice(card, key),
  }));
  return signRecord(access, me, { type: 'add', device: cardRecordOf(card), role, grants });
}

/**
 * Removes a device and starts a new epoch sealed only to the others.
 * `contentCutoff`: the removed device's last accepted content seq (its content
 * chain head here); its entries beyond it are rejected everywhere.
 */
export function removeDevice(access: SpaceAccess, me: DeviceIdentity, device: DeviceId, contentCutoff: number): Entry {
  requireAdmin(access, me);
  if (!access.roleOf(device)) throw new AppError('not-allowed', 'this device is not in the space');
  return signRecord(access, me, {
    type: 'remove',
    device,
    cutoff: contentCutoff,
    rotation: newRotation(access, me, device),
  });
}

/** A new epoch key for the current members, the older keys chained under it. */
export function rotateKey(access: SpaceAccess, me: DeviceIdentity): Entry {
  requireAdmin(access, me);
  return signRecord(access, me, { type: 'rotate', rotation: newRotation(access, me) });
}

/** Changes a member's role; `contentCutoff` as for removeDevice, used when it loses the right to write. */
export function setRole(
  access: SpaceAccess,
  me: DeviceIdentity,
  device: DeviceId,
  role: Role,
  contentCutoff: number,
): Entry {
  requireAdmin(access, me);
  if (!access.roleOf(device)) throw new AppError('not-allowed', 'this device is not in the space');
  return signRecord(access, me, { type: 'set-role', device, role, cutoff: contentCutoff });
}

function newRotation(access: SpaceAccess, me: DeviceIdentity, without?: DeviceId): RotationRecord {
  const key = newSymmetricKey();
  const seals = access
    .members()
    .filter((m) => m.card.id !== without)
    .map((m) => ({ to: m.card.id, sealed: sealKeyToDevice(m.card, key) }));
  if (seals.length === 0) throw new AppError('not-allowed', 'a space needs at least one device');
  const chain = [...heldFrontier(access, me), ...heldWithdrawn(access, me)].map((old) => ({
    key: old.id,
    sealed: chainKey(access.space, key, old.id, old.key),
  }));
  return { epoch: access.currentEpoch() + 1, seals, chain };
}

/**
 * Withdrawn keys passed on by one rotation or add at most: a removed admin can make any number of
 * them, and a record holds at most 1,000 links (records.ts).
 */
export const MAX_WITHDRAWN_LINKS = 64;

/**
 * The withdrawn keys no valid key chains yet that this device can open, oldest first (at most
 * MAX_WITHDRAWN_LINKS): chained under a new key or granted to a new device, so that content an
 * honest writer sealed with one stays readable by members to come (SECURITY.md "The access log
 * against its own members").
 */
function heldWithdrawn(access: SpaceAccess, me: DeviceIdentity): { id: string; key: SymmetricKey }[] {
  const out: { id: string; key: SymmetricKey }[] = [];
  for (const k of access.view().state.withdrawnFrontier()) {
    if (out.length >= MAX_WITHDRAWN_LINKS) break;
    const key = access.keyById(k.id, me);
    if (key) out.push({ id: k.id, key });
  }
  return out;
}

/** The unchained newest keys that this device can open. */
function heldFrontier(access: SpaceAccess, me: DeviceIdentity): { id: string; key: SymmetricKey }[] {
  const out: { id: string; key: SymmetricKey }[] = [];
  for (const k of access.view().state.frontier()) {
    const key = access.keyById(k.id, me);
    if (key) out.push({ id: k.id, key });
  }
  return out;
}
