/**
 * Invites (SECURITY.md "Device cards and invites"): an admin creates a one-time, expiring code
 * for a role in a space; the invitee's device proves it knows the code in
 * the handshake (handshake.ts `inviteProof`); both screens show the safety
 * number; the admin confirms; the admin's device adds the invitee.
 *
 * The code: 24 Crockford base32 characters in six groups of four (120
 * bits). The first group names the invite (it travels, sealed, in the
 * handshake so the admin's device can find it); the whole code keys the
 * proof, so 100 bits stay secret. The code is stored only in the admin's
 * vault, sealed (vault.putPrivate).
 *
 * One-time: the first device that proves the code claims the invite (no
 * other device can use it after, even before the admin confirmed); the
 * invite is deleted once the admin confirmed or refused.
 */
import { z } from 'zod';
import { randomBytes, utf8Decode, utf8Encode, type DeviceId, type SpaceId } from '../crypto';
import { AppError } from '../errors';
import { ROLES, type Role } from '../space';
import type { Vault } from '../vault';
import type { InviteProofCheck } from './session';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 24;
const GROUP = 4;
const RECORD_PREFIX = 'invite:';
export const DEFAULT_INVITE_TTL_MS = 24 * 60 * 60 * 1000;

/** What the admin's screen shows and the invitee types. */
export interface Invite {
  readonly id: string;
  /** Grouped for reading aloud: `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`. */
  readonly code: string;
  readonly space: SpaceId;
  readonly role: Role;
  readonly expiresAt: number;
}

const storedInvite = z.object({
  v: z.literal(1),
  id: z.string(),
  code: z.string(),
  space: z.string(),
  role: z.enum(ROLES),
  expiresAt: z.number(),
  claimedBy: z.string().optional(),
});
type StoredInvite = z.infer<typeof storedInvite>;

/** Uppercase, no separators, the look-alike letters read as digits. Throws AppError('invite-invalid'). */
export function normalizeInviteCode(text: string): { id: string; code: string } {
  const code = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_CHARS || [...code].some((ch) => !ALPHABET.includes(ch))) {
    throw new AppError('invite-invalid', 'this is not an invite code');
  }
  return { id: code.slice(0, GROUP), code };
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
  const parsed = storedInvite.safeParse(JSON.parse(utf8Decode(bytes)));
  if (!parsed.success) throw new AppError('vault-corrupt', 'stored invite is malformed');
  return parsed.data;
}

function writeInvite(vault: Vault, invite: StoredInvite): Promise<void> {
  return vault.putPrivate(RECORD_PREFIX + invite.id, utf8Encode(JSON.stringify(invite)));
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
  let code = newCode();
  while (await vault.getPrivate(RECORD_PREFIX + code.slice(0, GROUP))) code = newCode();
  const invite: StoredInvite = {
    v: 1,
    id: code.slice(0, GROUP),
    code,
    space,
    role,
    expiresAt: (options.now ?? Date.now()) + (options.ttlMs ?? DEFAULT_INVITE_TTL_MS),
  };
  await writeInvite(vault, invite);
  return { id: invite.id, code: grouped(code), space, role, expiresAt: invite.expiresAt };
}

/** Open invites of this vault (for the UI to list and cancel). Expired ones are removed on the way. */
export async function listInvites(vault: Vault, now: number = Date.now()): Promise<Invite[]> {
  const out: Invite[] = [];
  for (const name of await vault.listPrivate(RECORD_PREFIX)) {
    const invite = await readInvite(vault, name.slice(RECORD_PREFIX.length));
    if (!invite) continue;
    if (invite.expiresAt <= now) await vault.deletePrivate(name);
    else out.push(toInvite(invite));
  }
  return out;
}

export function cancelInvite(vault: Vault, id: string): Promise<void> {
  return vault.deletePrivate(RECORD_PREFIX + id);
}

function toInvite(s: StoredInvite): Invite {
  return { id: s.id, code: grouped(s.code), space: s.space as SpaceId, role: s.role, expiresAt: s.expiresAt };
}

/**
 * The session's `verifyInviteProof`: the spaces an invite proof grants, or
 * null. An unknown, expired or already claimed invite, or a wrong code, is
 * refused; a right one is claimed by the proving device.
 */
export async function verifyInvite(
  vault: Vault,
  check: InviteProofCheck,
  now: number = Date.now(),
): Promise<SpaceId[] | null> {
  const invite = await readInvite(vault, check.inviteId).catch(() => undefined);
  if (!invite) return null;
  if (invite.expiresAt <= now) {
    await vault.deletePrivate(RECORD_PREFIX + invite.id);
    return null;
  }
  if (invite.claimedBy !== undefined && invite.claimedBy !== check.peer) return null;
  if (!check.matches(invite.code)) return null;
  if (invite.claimedBy === undefined) await writeInvite(vault, { ...invite, claimedBy: check.peer });
  return [invite.space as SpaceId];
}

/** The invite `device` claimed for `space`, if any. */
export async function claimedInvite(vault: Vault, space: SpaceId, device: DeviceId): Promise<Invite | undefined> {
  for (const name of await vault.listPrivate(RECORD_PREFIX)) {
    const invite = await readInvite(vault, name.slice(RECORD_PREFIX.length)).catch(() => undefined);
    if (invite && invite.space === space && invite.claimedBy === device) return toInvite(invite);
  }
  return undefined;
}

/** What the invitee's device passes to the session (`SessionOptions.invite`). */
export function inviteForSession(typed: string): { id: string; code: string } {
  return normalizeInviteCode(typed);
}
