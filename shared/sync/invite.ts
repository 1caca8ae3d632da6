/**
 * Invites (SECURITY.md "Device cards and invites"): an admin creates a
 * one-time, expiring code for a role in a space. In the handshake
 * (handshake.ts) the invitee's device proves it knows the code, then the
 * admin's device proves it back, bound to the admin's card and the space;
 * both screens show the space and the safety number; the invitee confirms
 * the space, the admin confirms the device, and only then is it added.
 *
 * The code: 24 Crockford base32 characters in six groups of four (120 bits).
 * No part of it travels: the admin's device tries a proof against each of
 * its open invites, so all 120 bits stay secret and a wrong guess cannot be
 * pinned on one invite. The code is stored only in the admin's vault,
 * sealed (vault.putPrivate).
 *
 * One-time: the first device that proves the code and shows its card claims
 * the invite (no other device can use it after, even before the admin
 * confirmed); the invite is deleted once the admin confirmed or refused.
 *
 * Wrong proofs: each one tests one guess of 120 bits, which no online
 * guesser can exhaust; still, `ProofLimiter` refuses, unchecked, every
 * invite proof past a few wrong ones a minute, so that a weaker code in a
 * later version would not quietly become guessable.
 */
import { z } from 'zod';
import { randomBytes, randomId, utf8Decode, utf8Encode, type DeviceId, type SpaceId } from '../crypto';
import { AppError } from '../errors';
import { ROLES, type Role } from '../space';
import type { Vault } from '../vault';
import type { InviteMatch } from './session';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 24;
const GROUP = 4;
const RECORD_PREFIX = 'invite:';
export const DEFAULT_INVITE_TTL_MS = 24 * 60 * 60 * 1000;

/** What the admin's screen shows and the invitee types. */
export interface Invite {
  /** Names the invite on the admin's device (to cancel it); not part of the code, never sent. */
  readonly id: string;
  /** Grouped for reading aloud: `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`. */
  readonly code: string;
  readonly space: SpaceId;
  readonly role: Role;
  readonly expiresAt: number;
}

/** Version 2: the id is random (version 1 used the code's first group, which travelled). */
const storedInvite = z.object({
  v: z.literal(2),
  id: z.string(),
  // A code of the alphabet and length normalizeInviteCode accepts: an empty one broke listing (npm run fuzz).
  code: z.string().regex(/^[0-9A-Z]{24}$/),
  space: z.string(),
  role: z.enum(ROLES),
  expiresAt: z.number(),
  claimedBy: z.string().optional(),
});
type StoredInvite = z.infer<typeof storedInvite>;

/** Uppercase, no separators, the look-alike letters read as digits. Throws AppError('invite-invalid'). */
export function normalizeInviteCode(text: string): { readonly code: string } {
  const code = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_CHARS || [...code].some((ch) => !ALPHABET.includes(ch))) {
    throw new AppError('invite-invalid', 'this is not an invite code');
  }
  return { code };
}

function newCode(): string {
  const bytes = randomBytes(CODE_CHARS);
  return [...bytes].map((b) => ALPHABET[b & 31]).join('');
}

function grouped(code: string): string {
  return code.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

async function readInvite(vault: Vault, id: string): Promise<StoredInvite | undefined> {
  const bytes = await vault.getPrivate(RECORD_PREFIX + id);
  if (!bytes) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(utf8Decode(bytes));
  } catch {
    throw new AppError('vault-corrupt', 'stored invite is malformed');
  }
  const parsed = storedInvite.safeParse(json);
  if (!parsed.success) throw new AppError('vault-corrupt', 'stored invite is malformed');
  return parsed.data;
}

function writeInvite(vault: Vault, invite: StoredInvite): Promise<void> {
  return vault.putPrivate(RECORD_PREFIX + invite.id, utf8Encode(JSON.stringify(invite)));
}

/** Open invites as stored; expired ones are deleted on the way, unreadable ones skipped. */
async function openInvites(vault: Vault, now: number): Promise<StoredInvite[]> {
  const out: StoredInvite[] = [];
  for (const name of await vault.listPrivate(RECORD_PREFIX)) {
    // An invite changed on disk is told by the vault (getPrivate); the app never writes a malformed one.
    const invite = await readInvite(vault, name.slice(RECORD_PREFIX.length)).catch(() => undefined);
    if (!invite) continue;
    if (invite.expiresAt <= now) await vault.deletePrivate(name);
    else out.push(invite);
  }
  return out;
}

/** Creates and stores an invite. Throws AppError('not-allowed') unless this device is an admin of the space. */
export async function createInvite(
  vault: Vault,
  space: SpaceId,
  role: Role,
  options: { ttlMs?: number; now?: number } = {},
): Promise<Invite> {
  const handle = await vault.openSpace(space);
  if (!handle.access.canAdminister(vault.device.id)) throw new AppError('not-allowed', 'only admins invite');
  const invite: StoredInvite = {
    v: 2,
    id: randomId(),
    code: newCode(),
    space,
    role,
    expiresAt: (options.now ?? Date.now()) + (options.ttlMs ?? DEFAULT_INVITE_TTL_MS),
  };
  await writeInvite(vault, invite);
  return toInvite(invite);
}

/** Open invites of this vault (for the UI to list and cancel). Expired ones are removed on the way. */
export async function listInvites(vault: Vault, now: number = Date.now()): Promise<Invite[]> {
  return (await openInvites(vault, now)).map(toInvite);
}

export function cancelInvite(vault: Vault, id: string): Promise<void> {
  return vault.deletePrivate(RECORD_PREFIX + id);
}

function toInvite(s: StoredInvite): Invite {
  return { id: s.id, code: grouped(s.code), space: s.space as SpaceId, role: s.role, expiresAt: s.expiresAt };
}

/**
 * The session's `findInvite`: the open invite whose code made the peer's
 * proof, with the space's name as this vault knows it, or null.
 */
export async function findInvite(
  vault: Vault,
  proofMatches: (code: string) => boolean,
  now: number = Date.now(),
): Promise<InviteMatch | null> {
  // Every open invite is tried, matched or not: how long this takes says nothing about which one matched.
  let found: StoredInvite | undefined;
  for (const invite of await openInvites(vault, now)) if (proofMatches(invite.code) && !found) found = invite;
  if (!found) return null;
  const spaceName = (await vault.listSpaces()).find((s) => s.id === found.space)?.name;
  if (spaceName === undefined) return null; // the space left this vault since
  return { id: found.id, code: found.code, offer: { space: found.space as SpaceId, spaceName, role: found.role } };
}

/**
 * The session's `claimInvite`: the first device to prove the invite claims
 * it; afterwards only that device may use it. False for another device, or
 * an invite cancelled or expired meanwhile.
 */
export async function claimInvite(
  vault: Vault,
  match: InviteMatch,
  device: DeviceId,
  now: number = Date.now(),
): Promise<boolean> {
  const invite = await readInvite(vault, match.id).catch(() => undefined); // as in openInvites: no claim
  if (!invite || invite.expiresAt <= now) return false;
  if (invite.claimedBy !== undefined) return invite.claimedBy === device;
  await writeInvite(vault, { ...invite, claimedBy: device });
  return true;
}

/** The invite `device` claimed for `space`, if any. */
export async function claimedInvite(vault: Vault, space: SpaceId, device: DeviceId): Promise<Invite | undefined> {
  for (const name of await vault.listPrivate(RECORD_PREFIX)) {
    const invite = await readInvite(vault, name.slice(RECORD_PREFIX.length)).catch(() => undefined); // as above
    if (invite && invite.space === space && invite.claimedBy === device) return toInvite(invite);
  }
  return undefined;
}

/** Wrong invite proofs allowed per window before every invite proof is refused unchecked. */
export const MAX_WRONG_PROOFS = 10;
export const WRONG_PROOF_WINDOW_MS = 60_000;

/**
 * Counts wrong invite proofs in a sliding window (in memory, per running
 * device). Past the limit, proofs are refused without being checked, so a
 * guesser learns nothing more until the window has passed; an honest
 * invitee who mistyped retries a minute later.
 */
export class ProofLimiter {
  private wrong: number[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = MAX_WRONG_PROOFS,
    private readonly windowMs = WRONG_PROOF_WINDOW_MS,
  ) {}

  /** False while the limit is reached. */
  allows(): boolean {
    const since = this.now() - this.windowMs;
    this.wrong = this.wrong.filter((at) => at > since);
    return this.wrong.length < this.max;
  }

  recordWrong(): void {
    this.wrong.push(this.now());
  }
}
