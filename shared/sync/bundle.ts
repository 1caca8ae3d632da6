/**
 * File hand-off (ARCHITECTURE.md "From disk to a peer"): a space's entries in one file, for a
 * USB stick or a messenger attachment, and the device card an invitee sends
 * the other way.
 *
 * A device card holds the device's two public keys and its signature of the
 * box key (shared/crypto `signBoxKey`): whoever relays the file cannot swap
 * in a box key of their own (the card no longer verifies) nor a whole card
 * of their own (the safety number, over both keys, changes).
 *
 * A bundle is sealed to ONE device: `crypto_box_seal` to its box key (from
 * its device card, or from the space's access list; the card's signature is
 * checked first). Chosen over a key of the space so that a bundle for a
 * newcomer (who holds no space key yet) and a bundle for a member work the
 * same way, and a file that reaches the wrong person opens for no one else.
 * Inside, the sender signs the bundle (context 'bundle'), so the space name
 * and the sender's card are authentic and both people can compare a safety
 * number; every entry is signed by its author. Reading a bundle checks all
 * of it (`readBundle`) before anything is stored; the person then confirms
 * (SECURITY.md "Device cards and invites"), and the import runs each entry
 * through the vault's receive path (verified, checked against the access
 * rules, decrypted).
 *
 *   card  = "SRC2" | versioned message `device-card` (sign, box, boxSignature)
 *   file  = "SRB2" | crypto_box_seal(inner | Ed25519 signature of inner)
 *   inner = versioned message `bundle` (space, name, from card, to, entries, checkpoint?)
 *
 * Version 2 (signed box keys, signature contexts); files of version 1 are
 * refused as not a card or not a bundle (pre-release: nothing to migrate).
 * The bundle message is v3: it may carry the sender's signed checkpoint
 * (ARCHITECTURE.md "Checkpoints and compaction") in place of entries it
 * compacted away, taken after the access log and before the content entries.
 */
import { z } from 'zod';
import {
  bytesEqual,
  checkedCard,
  deviceIdOf,
  openSealedToMe,
  safetyNumber,
  sealToDevice,
  sign,
  utf8Encode,
  verify,
  type BoxPublicKey,
  type DeviceCard,
  type DeviceId,
  type Signature,
  type SigningPublicKey,
  type SpaceId,
} from '../crypto';
import { AppError, isAppError } from '../errors';
import { MAX_ENTRY_BYTES, ZERO_HASH, type Entry } from '../log/entry';
import { checkpointContentHeads, decodeCheckpointEntry, MAX_CHECKPOINT_BYTES } from '../log/checkpoint-entry';
import { decodeEntries } from '../log/verify-batch';
import { SpaceAccess } from '../space';
import type { ReceiveReport, SpaceHeads, Vault } from '../vault';
import { concatBytes } from './bytes';
import { byteList, bytes, createCodec, defineMessage } from './messages';

/** The first four bytes of each kind of file (files are told apart by them). */
export const BUNDLE_MAGIC = 'SRB2';
export const CARD_MAGIC = 'SRC2';
const SIGNATURE_BYTES = 64;
/** Far above a 10k-member space with its history; a bigger file is refused before it is opened. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

const BundleMessage = defineMessage('bundle', 3, {
  space: z.string().min(1).max(64),
  name: z.string().max(200),
  /** The sender's card. */
  from: bytes(32),
  fromBox: bytes(32),
  fromBoxSignature: bytes(64),
  to: bytes(32),
  entries: byteList(0, 1_000_000, MAX_ENTRY_BYTES),
  checkpoint: bytes()
    .refine((b) => b.length > 0 && b.length <= MAX_CHECKPOINT_BYTES, 'checkpoint size')
    .optional(),
});
const CardMessage = defineMessage('device-card', 2, { sign: bytes(32), box: bytes(32), boxSignature: bytes(64) });
const bundleCodec = createCodec([BundleMessage]);
const cardCodec = createCodec([CardMessage]);

/** Which kind of file these bytes are, by their first four bytes (compared as bytes: any input is fine). */
export function fileKind(file: Uint8Array): 'card' | 'bundle' | null {
  const starts = (magic: string) => file.length >= 4 && [...magic].every((ch, i) => file[i] === ch.charCodeAt(0));
  return starts(CARD_MAGIC) ? 'card' : starts(BUNDLE_MAGIC) ? 'bundle' : null;
}

function badBundle(message: string): AppError {
  return new AppError('bad-bundle', message);
}

function cardFrom(sign: Uint8Array, box: Uint8Array, boxSignature: Uint8Array): DeviceCard {
  return {
    id: deviceIdOf(sign as SigningPublicKey),
    signPublic: sign as SigningPublicKey,
    boxPublic: box as BoxPublicKey,
    boxSignature: boxSignature as Signature,
  };
}

// ---------------------------------------------------------------- device cards

/** The invitee's file: its public keys and the signature that binds them (nothing secret, nothing about any space). */
export function exportDeviceCard(vault: Vault): Uint8Array {
  const card = vault.device;
  const body = cardCodec.encode({
    type: 'device-card',
    v: 2,
    sign: card.signPublic,
    box: card.boxPublic,
    boxSignature: card.boxSignature,
  });
  return concatBytes([utf8Encode(CARD_MAGIC), body]);
}

/**
 * Reads a device card file. Throws AppError('bad-bundle') for a file that is
 * not an intact card, and AppError('bad-device-card') for a card whose box
 * key its signing key did not sign (changed on the way).
 */
export function importDeviceCard(file: Uint8Array): DeviceCard {
  if (fileKind(file) !== 'card') throw badBundle('not a device card');
  let card: DeviceCard;
  try {
    const message = cardCodec.decode(file.subarray(4));
    card = cardFrom(message.sign, message.box, message.boxSignature);
  } catch {
    throw badBundle('damaged device card');
  }
  return checkedCard(card);
}

/** The safety number both people compare when the card travelled as a file (over both keys of both devices). */
export function cardSafetyNumber(vault: Vault, card: DeviceCard): string {
  return safetyNumber(vault.device, card);
}

// ---------------------------------------------------------------- bundles

/** What a bundle is made from: an open space's id, name and the stored entries a peer lacks (a SpaceHandle). */
export interface BundleSource {
  readonly id: SpaceId;
  readonly name: string;
  entriesAfter(theirs: SpaceHeads): Promise<Uint8Array[]>;
  /** As shared/sync/replica.ts: what was compacted away, and the signed checkpoint that stands for it. */
  compactedBases?(): ReadonlyMap<DeviceId, number>;
  signedCheckpoint?(): Promise<Uint8Array | undefined>;
}

export interface BundleOptions {
  /** The device that will import it (a new member's card, or a member from the access list). */
  readonly to: DeviceCard;
  /** Only what a peer with these heads lacks. Default: everything. */
  readonly theirs?: SpaceHeads;
}

/**
 * Seals the space's entries (or those `theirs` lacks) for one device.
 * Throws AppError('bad-device-card') when `to`'s box key is not signed by it.
 */
export async function exportBundle(vault: Vault, handle: BundleSource, options: BundleOptions): Promise<Uint8Array> {
  const to = checkedCard(options.to);
  const identity = vault.deviceIdentity();
  const me = vault.device;
  const theirs = options.theirs ?? { access: [], content: [] };
  const seen = new Map(theirs.content.map((h) => [h.author, h.seq]));
  const behind = [...(handle.compactedBases?.() ?? [])].some(([author, base]) => (seen.get(author) ?? 0) < base);
  const checkpoint = behind ? await handle.signedCheckpoint?.() : undefined;
  // With the checkpoint, the content entries are those past it (its heads taken as held; entriesAfter reads seqs only).
  if (checkpoint) {
    for (const h of checkpointContentHeads(checkpoint)) {
      seen.set(h.author, Math.max(h.seq, seen.get(h.author) ?? 0));
    }
  }
  const content = [...seen].map(([author, seq]) => ({ author, seq, hash: ZERO_HASH }));
  const entries = await handle.entriesAfter({ access: theirs.access, content });
  const inner = bundleCodec.encode({
    type: 'bundle',
    v: 3,
    space: handle.id,
    name: handle.name,
    from: me.signPublic,
    fromBox: me.boxPublic,
    fromBoxSignature: me.boxSignature,
    to: to.signPublic,
    entries,
    ...(checkpoint ? { checkpoint } : {}),
  });
  const signed = concatBytes([inner, sign(identity.signSecret, 'bundle', inner)]);
  return concatBytes([utf8Encode(BUNDLE_MAGIC), sealToDevice(to, signed)]);
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

/** A bundle read and checked, nothing stored yet: what the person confirms before `import()`. */
export interface BundlePreview {
  readonly space: SpaceId;
  /** The space's name as the sender's device calls it (signed by the sender). */
  readonly spaceName: string;
  /** The sender's card (its box key signature checked). */
  readonly from: DeviceCard;
  /** Over both devices' keys: compare it with the sender's screen. */
  readonly safetyNumber: string;
  /** True when importing joins a space this vault does not hold yet. */
  readonly joins: boolean;
  readonly entries: number;
  /** Stores the entries (joining the space first when it is new). Throws as `importBundle`. */
  import(): Promise<ImportedBundle>;
}

/** Opens and checks a bundle; throws AppError('bad-bundle') for anything but an intact bundle for this device. */
function openBundle(vault: Vault, file: Uint8Array) {
  if (file.length > MAX_BUNDLE_BYTES) throw badBundle('bundle too large');
  if (fileKind(file) !== 'bundle') throw badBundle('not a bundle');
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
  if (!verify(message.from as SigningPublicKey, 'bundle', inner, signature)) {
    throw badBundle('bundle signature does not verify');
  }
  if (!bytesEqual(message.to, identity.signPublic)) throw badBundle('bundle is for another device');
  return message;
}

/**
 * Reads a bundle and checks everything an import would: the seal, the
 * sender's signature and card, every entry's signature, and, for a space new
 * to this vault, that its access log lists this device. Stores nothing.
 * Throws AppError('bad-bundle') for a damaged, forged or foreign bundle,
 * AppError('bad-device-card') for a sender's card that does not hold
 * together, and AppError('not-allowed') when the space does not let this
 * device in.
 */
export async function readBundle(vault: Vault, file: Uint8Array): Promise<BundlePreview> {
  const message = openBundle(vault, file);
  const from = checkedCard(cardFrom(message.from, message.fromBox, message.fromBoxSignature));
  const space = message.space as SpaceId;
  // Every signature first (one per author run, log/verify-batch.ts): a bundle with one forged entry is refused whole.
  const entries = decodeEntries(message.entries).map((d) => {
    if (!d.entry)
      throw isAppError(d.error, 'bad-entry') ? badBundle('an entry is damaged') : badBundle('an entry does not verify');
    if (d.entry.header.space !== space) throw badBundle('entry of another space');
    return d.entry;
  });
  let checkpoint: Uint8Array | undefined;
  if (message.checkpoint) {
    try {
      checkpoint = decodeCheckpointEntry(message.checkpoint).bytes;
    } catch {
      throw badBundle('its checkpoint is damaged or does not verify');
    }
  }
  const joins = !(await holds(vault, space));
  if (joins) mustListMe(vault, space, entries);
  const safety = safetyNumber(vault.device, from);
  return {
    space,
    spaceName: message.name,
    from,
    safetyNumber: safety,
    joins,
    entries: entries.length,
    async import() {
      const joined = !(await holds(vault, space));
      if (joined) await vault.joinSpace(space, message.name);
      const handle = await vault.openSpace(space);
      if (!checkpoint) {
        const report = await handle.receiveVerified(entries);
        return { space, joined, from: from.id, safetyNumber: safety, report };
      }
      // The checkpoint rests on the access log and the content entries rest on it (checkpoint-receive.ts).
      const access = entries.filter((e) => e.header.log === 'access');
      const first = await handle.receiveVerified(access);
      await handle.receiveCheckpoint(checkpoint);
      const rest = await handle.receiveVerified(entries.filter((e) => e.header.log !== 'access'));
      const report: ReceiveReport = {
        accepted: first.accepted + rest.accepted,
        duplicates: first.duplicates + rest.duplicates,
        buffered: first.buffered + rest.buffered,
        dropped: first.dropped + rest.dropped,
        // Indexes into `entries`: the access entries come first in a bundle (entriesAfter).
        rejected: [...first.rejected, ...rest.rejected.map((r) => ({ ...r, index: r.index + access.length }))],
        forks: [...first.forks, ...rest.forks],
      };
      return { space, joined, from: from.id, safetyNumber: safety, report };
    },
  };
}

/** Reads and imports a bundle at once (`readBundle`, then `import()`); nothing is stored when it throws. */
export async function importBundle(vault: Vault, file: Uint8Array): Promise<ImportedBundle> {
  return (await readBundle(vault, file)).import();
}

async function holds(vault: Vault, space: SpaceId): Promise<boolean> {
  return (await vault.listSpaces()).some((s) => s.id === space);
}

/** A space new to this vault is joined only if the access log in the bundle lists this device. */
function mustListMe(vault: Vault, space: SpaceId, entries: readonly Entry[]): void {
  let access: SpaceAccess;
  try {
    access = SpaceAccess.restore(
      space,
      entries.filter((e) => e.header.log === 'access'),
    );
  } catch {
    throw badBundle('the access log in the bundle is invalid');
  }
  if (access.roleOf(vault.device.id) === undefined) {
    throw new AppError('not-allowed', 'this space does not list this device');
  }
}
