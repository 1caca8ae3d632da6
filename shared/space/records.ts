/**
 * Access records: the payload of `access` log entries. They hold public keys,
 * roles and sealed keys, never member data, so a small versioned JSON validated
 * by zod is enough. Byte fields are base64url.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import { utf8Decode, utf8Encode } from '../crypto';

/** 2: device cards carry the signature of their box key. */
export const ACCESS_RECORD_VERSION = 2;
/** Access records stay small; this also bounds what a hostile peer can make us parse. */
export const MAX_ACCESS_RECORD_BYTES = 256 * 1024;

export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const b64 = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/)
  .max(4096);
const deviceId = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const entryId = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const epochNumber = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const seqNumber = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * The public halves a device shows: its id is its signing key; `box` its
 * X25519 key; `boxSignature` the signing key's signature of the box key
 * (context 'device-card'). A card whose signature does not verify never
 * enters the state (state.ts), and nothing is sealed to it (keys.ts).
 */
const card = z.strictObject({ id: deviceId, box: b64, boxSignature: b64 });

/** An epoch key sealed (crypto_box_seal) to one device. */
const seal = z.strictObject({ to: deviceId, sealed: b64 });

/** An older key sealed (XChaCha20-Poly1305) under the new one: "chained forward". */
const link = z.strictObject({ key: entryId, sealed: b64 });

/** A new epoch key: sealed to each device that should hold it, older keys chained under it. */
const rotation = z.strictObject({
  epoch: epochNumber,
  seals: z.array(seal).min(1).max(1000),
  chain: z.array(link).max(1000),
});

/** Parents: ids of the access entries the author had seen (the DAG's edges). */
const parents = z.array(entryId).max(1000);

export const accessRecordSchema = z.discriminatedUnion('type', [
  z.strictObject({
    v: z.literal(ACCESS_RECORD_VERSION),
    type: z.literal('create'),
    /** The space id is derived from the creator's key and this salt, so nobody else can create it. */
    salt: b64,
    parents: z.array(entryId).max(0),
    creator: card,
    rotation,
  }),
  z.strictObject({
    v: z.literal(ACCESS_RECORD_VERSION),
    type: z.literal('add'),
    parents: parents.min(1),
    device: card,
    role: z.enum(ROLES),
    /** The current epoch key(s) sealed to the new device; older keys follow from their chains. */
    grants: z.array(link).min(1).max(1000),
  }),
  z.strictObject({
    v: z.literal(ACCESS_RECORD_VERSION),
    type: z.literal('remove'),
    parents: parents.min(1),
    device: deviceId,
    /** The removed device's last content seq the admin accepted: its later entries are rejected. */
    cutoff: seqNumber,
    /** A removal always starts a new epoch whose key the removed device never gets. */
    rotation,
  }),
  z.strictObject({
    v: z.literal(ACCESS_RECORD_VERSION),
    type: z.literal('rotate'),
    parents: parents.min(1),
    rotation,
  }),
  z.strictObject({
    v: z.literal(ACCESS_RECORD_VERSION),
    type: z.literal('set-role'),
    parents: parents.min(1),
    device: deviceId,
    role: z.enum(ROLES),
    /** As for remove: applies when the device loses the right to write. */
    cutoff: seqNumber,
  }),
]);

export type AccessRecord = z.infer<typeof accessRecordSchema>;
export type RotationRecord = z.infer<typeof rotation>;
export type KeyLink = z.infer<typeof link>;
export type CardRecord = z.infer<typeof card>;

export function encodeAccessRecord(record: AccessRecord): Uint8Array {
  return utf8Encode(JSON.stringify(accessRecordSchema.parse(record)));
}

/** Throws AppError('invalid-data') on anything but a well-formed record of a known version. */
export function decodeAccessRecord(bytes: Uint8Array): AccessRecord {
  if (bytes.length > MAX_ACCESS_RECORD_BYTES) throw new AppError('invalid-data', 'access record too large');
  let json: unknown;
  try {
    json = JSON.parse(utf8Decode(bytes));
  } catch {
    throw new AppError('invalid-data', 'access record is not JSON');
  }
  const parsed = accessRecordSchema.safeParse(json);
  if (!parsed.success) throw new AppError('invalid-data', 'malformed access record');
  return parsed.data;
}

export function isWriter(role: Role | undefined): boolean {
  return role === 'admin' || role === 'editor';
}
