/**
 * File hand-off (ARCHITECTURE.md "From disk to a peer"): a space's entries in one file, for a
 * USB stick or a messenger attachment, and the device card an invitee sends
 * the other way.
 *
 * A bundle is sealed to ONE device: `crypto_box_seal` to its box key (from
 * its device card, or from the space's access list). Chosen over a key of
 * the space so that a bundle for a newcomer (who holds no space key yet) and
 * a bundle for a member work the same way, and a file that reaches the
 * wrong person opens for no one else. Inside, the sender signs the bundle
 * (so the space name and the sender are authentic, and both people can
 * compare a safety number); every entry is signed by its author, and the
 * import runs each through the vault's receive path (verified, checked
 * against the access rules, decrypted) before anything is stored.
 *
 *   file  = "SRB1" | crypto_box_seal(inner | Ed25519 signature of inner)
 *   inner = versioned message `bundle` (space, name, from, to, entries)
 */
import { z } from 'zod';
import {
  bytesEqual,
  deviceIdOf,
  openSealedToMe,
  safetyNumber,
  sealToDevice,
  sign,
  toBase64Url,
  utf8Decode,
  utf8Encode,
  verify,
  type DeviceCard,
  type DeviceId,
  type SigningPublicKey,
  type SpaceId,
} from '../crypto';
import { AppError, isAppError } from '../errors';
import { MAX_ENTRY_BYTES } from '../log/entry';
import { decodeEntries } from '../log/verify-batch';
import { cardOf, SpaceAccess } from '../space';
import type { ReceiveReport, SpaceHandle, SpaceHeads, Vault } from '../vault';
import { concatBytes } from './bytes';
import { byteList, bytes, createCodec, defineMessage } from './messages';

const BUNDLE_MAGIC = 'SRB1';
const CARD_MAGIC = 'SRC1';
const SIGNATURE_BYTES = 64;
/** Far above a 10k-member space with its history; a bigger file is refused before it is opened. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

const BundleMessage = defineMessage('bundle', 1, {
  space: z.string().min(1).max(64),
  name: z.string().max(200),
  from: bytes(32),
  to: bytes(32),
  entries: byteList(0, 1_000_000, MAX_ENTRY_BYTES),
});
const CardMessage = defineMessage('device-card', 1, { sign: bytes(32), box: bytes(32) });
const bundleCodec = createCodec([BundleMessage]);
const cardCodec = createCodec([CardMessage]);

function badBundle(message: string): AppError {
  return new AppError('bad-bundle', message);
}

// ---------------------------------------------------------------- device cards

/** The invitee's file: its public keys only (nothing secret, nothing about any space). */
export function exportDeviceCard(vault: Vault): Uint8Array {
  const card = vault.device;
  const body = cardCodec.encode({ type: 'device-card', v: 1, sign: card.signPublic, box: card.boxPublic });
  return concatBytes([utf8Encode(CARD_MAGIC), body]);
}

/** Throws AppError('bad-bundle') for a file that is not a device card. */
export function importDeviceCard(file: Uint8Array): DeviceCard {
  if (file.length < 4 || utf8Decode(file.subarray(0, 4)) !== CARD_MAGIC) throw badBundle('not a device card');
  try {
    const card = cardCodec.decode(file.subarray(4));
    return cardOf(deviceIdOf(card.sign as SigningPublicKey), toBase64Url(card.box));
  } catch {
    throw badBundle('damaged device card');
  }
}

/** The safety number both people compare when the card travelled as a file. */
export function cardSafetyNumber(vault: Vault, card: DeviceCard): string {
  return safetyNumber(vault.device.signPublic, card.signPublic);
}

// ---------------------------------------------------------------- bundles

export interface BundleOptions {
  /** The device that will import it (a new member's card, or a member from the access list). */
  readonly to: DeviceCard;
  /** Only what a peer with these heads lacks. Default: everything. */
  readonly theirs?: SpaceHeads;
}

/** Seals the space's entries (or those `theirs` lacks) for one device. */
export async function exportBundle(vault: Vault, handle: SpaceHandle, options: BundleOptions): Promise<Uint8Array> {
  const identity = vault.deviceIdentity();
  const entries = await handle.entriesAfter(options.theirs ?? { access: [], content: [] });
  const inner = bundleCodec.encode({
    type: 'bundle',
    v: 1,
    space: handle.id,
    name: handle.name,
    from: identity.signPublic,
    to: options.to.signPublic,
    entries,
  });
  const signed = concatBytes([inner, sign(identity.signSecret, inner)]);
  return concatBytes([utf8Encode(BUNDLE_MAGIC), sealToDevice(options.to.boxPublic, signed)]);
}

export interface ImportedBundle {
  readonly space: SpaceId;
  /** True when the space was new to this vault. */
  readonly joined: boolean;
  /** The device that made the bundle. */
  readonly from: DeviceId;
  readonly safetyNumber: string;
  readonly report: ReceiveReport;
}

/** Opens and checks a bundle; throws AppError('bad-bundle') for anything but an intact bundle for this device. */
function openBundle(vault: Vault, file: Uint8Array) {
  if (file.length > MAX_BUNDLE_BYTES) throw badBundle('bundle too large');
  if (file.length < 4 || utf8Decode(file.subarray(0, 4)) !== BUNDLE_MAGIC) throw badBundle('not a bundle');
  const identity = vault.deviceIdentity();
  let signed: Uint8Array;
  try {
    signed = openSealedToMe(identity, file.subarray(4));
  } catch {
    throw badBundle('bundle is damaged or not for this device');
  }
  if (signed.length < SIGNATURE_BYTES) throw badBundle('bundle is damaged');
  const inner = signed.subarray(0, signed.length - SIGNATURE_BYTES);
  const signature = signed.subarray(signed.length - SIGNATURE_BYTES);
  let message;
  try {
    message = bundleCodec.decode(inner);
  } catch {
    throw badBundle('bundle is damaged');
  }
  if (!verify(message.from as SigningPublicKey, inner, signature)) throw badBundle('bundle signature does not verify');
  if (!bytesEqual(message.to, identity.signPublic)) throw badBundle('bundle is for another device');
  return message;
}

/**
 * Imports a bundle: every entry verified before anything is stored. A space
 * new to this vault is joined only if its access log lists this device.
 * Throws AppError('bad-bundle') for a damaged, forged or foreign bundle and
 * AppError('not-allowed') when the space does not let this device in; in
 * both cases nothing is stored.
 */
export async function importBundle(vault: Vault, file: Uint8Array): Promise<ImportedBundle> {
  const message = openBundle(vault, file);
  const space = message.space as SpaceId;
  const me = vault.device.id;
  // Every signature first (one per author run, log/verify-batch.ts): a bundle with one forged entry is refused whole.
  const entries = decodeEntries(message.entries).map((d) => {
    if (!d.entry)
      throw isAppError(d.error, 'bad-entry') ? badBundle('an entry is damaged') : badBundle('an entry does not verify');
    if (d.entry.header.space !== space) throw badBundle('entry of another space');
    return d.entry;
  });
  const joined = !(await vault.listSpaces()).some((s) => s.id === space);
  if (joined) {
    let access: SpaceAccess;
    try {
      access = SpaceAccess.restore(
        space,
        entries.filter((e) => e.header.log === 'access'),
      );
    } catch {
      throw badBundle('the access log in the bundle is invalid');
    }
    if (access.roleOf(me) === undefined) throw new AppError('not-allowed', 'this space does not list this device');
    await vault.joinSpace(space, message.name);
  }
  const handle = await vault.openSpace(space);
  const report = await handle.receiveVerified(entries);
  const from = deviceIdOf(message.from as SigningPublicKey);
  const number = safetyNumber(vault.device.signPublic, message.from as SigningPublicKey);
  return { space, joined, from, safetyNumber: number, report };
}
