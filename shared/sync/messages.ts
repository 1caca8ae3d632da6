/**
 * Sync messages. Each message type is one definition: a name, a version and
 * a zod schema. Messages are encoded with lib0's compact binary `any`
 * encoding (bytes stay bytes, no base64) and validated on decode, so code
 * past the decoder only ever sees well-typed values.
 *
 * A later layer (replication) defines its own messages with `defineMessage`
 * and `createCodec` and sends them as session `data` payloads.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { z } from 'zod';
import { ROLES } from '../space/records';
import { fault } from './close';

export interface MessageDefinition<T extends string = string, M = unknown> {
  readonly type: T;
  readonly version: number;
  readonly schema: z.ZodType<M>;
}

/** The message type a definition describes. */
export type MessageOf<D> = D extends MessageDefinition<string, infer M> ? M : never;

export function defineMessage<const T extends string, const V extends number, S extends z.ZodRawShape>(
  type: T,
  version: V,
  shape: S,
) {
  const schema = z.object({ type: z.literal(type), v: z.literal(version), ...shape });
  return { type, version, schema } satisfies MessageDefinition<T, z.infer<typeof schema>>;
}

/** Bytes, optionally of an exact length. */
export function bytes(length?: number) {
  const base = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes');
  return length === undefined ? base : base.refine((b) => b.length === length, `expected ${length} bytes`);
}

/**
 * A list of byte strings, checked in one pass: a batch of entries holds
 * hundreds, and a zod schema per element was a measurable part of receiving.
 */
export function byteList(min: number, max: number, maxEach = Number.POSITIVE_INFINITY) {
  return z.custom<Uint8Array[]>(
    (v) =>
      Array.isArray(v) &&
      v.length >= min &&
      v.length <= max &&
      v.every((b) => b instanceof Uint8Array && b.length <= maxEach),
    `expected ${min} to ${max} byte strings`,
  );
}

export interface MessageCodec<M> {
  encode(message: M): Uint8Array;
  /**
   * Throws a 'bad-frame' fault for bytes that are not a known, valid message,
   * and 'protocol-version' for a known type at a version we do not speak.
   */
  decode(bytes: Uint8Array): M;
}

export function createCodec<const D extends readonly MessageDefinition<string, unknown>[]>(
  definitions: D,
): MessageCodec<MessageOf<D[number]>> {
  const byType = new Map<string, MessageDefinition>(definitions.map((d) => [d.type, d]));
  return {
    encode(message) {
      const encoder = encoding.createEncoder();
      encoding.writeAny(encoder, message as unknown as encoding.AnyEncodable);
      return encoding.toUint8Array(encoder);
    },
    decode(data) {
      let value: unknown;
      try {
        const decoder = decoding.createDecoder(data);
        value = decoding.readAny(decoder);
        if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
      } catch {
        // Truncated or malformed encoding, or nesting deep enough to exhaust the stack.
        throw fault('bad-frame', 'message does not decode');
      }
      const head = value as { type?: unknown; v?: unknown } | null;
      const definition = typeof head?.type === 'string' ? byType.get(head.type) : undefined;
      if (!definition || head === null) throw fault('bad-frame', 'unknown message type');
      if (head.v !== definition.version) throw fault('protocol-version', `unsupported ${definition.type} version`);
      const parsed = definition.schema.safeParse(value);
      if (!parsed.success) throw fault('bad-frame', `invalid ${definition.type} message`);
      return parsed.data as MessageOf<D[number]>;
    },
  };
}

// ---------------------------------------------------------------- session messages

/**
 * Protocol versions this build speaks; the hello exchange picks the highest
 * common one. 2: cards with signed box keys in `auth`, the mutual invite
 * proof, hellos in the transcript. 3: the responder's membership `proof`
 * before anyone's `auth`. Earlier versions are not spoken (pre-release).
 */
export const SUPPORTED_VERSIONS: readonly number[] = [3];
export const MAX_SPACES_PER_SESSION = 4096;

const spaceId = z.string().min(1).max(64);

/** First frame in each direction, in plaintext: versions and a fresh X25519 key. Both frames go into the transcript. */
export const Hello = defineMessage('hello', 1, {
  versions: z.array(z.number().int().nonnegative()).min(1).max(32),
  ephemeral: bytes(32),
});

/** Most membership proofs one `proof` message carries (padded up to a multiple of eight). */
export const MAX_MEMBERSHIP_PROOFS = 256;
export const MEMBERSHIP_PROOF_BYTES = 16;

/**
 * Responder -> initiator, sealed, right after the hellos and before anyone's
 * identity: one MAC of the transcript per discovery key the responder holds,
 * padded with random ones (handshake.ts `membershipProofs`).
 */
export const Proof = defineMessage('proof', 1, {
  proofs: z.array(bytes(MEMBERSHIP_PROOF_BYTES)).min(1).max(MAX_MEMBERSHIP_PROOFS),
});

/** Identity proof, sealed: the device's card (box key signed by its signing key) and its signature over the transcript and role. */
export const Auth = defineMessage('auth', 2, {
  device: bytes(32),
  box: bytes(32),
  boxSignature: bytes(64),
  signature: bytes(64),
});

/** Invitee -> admin, sealed, before any identity: a MAC of the transcript under the invite code (handshake.ts). */
export const InviteMessage = defineMessage('invite', 1, { proof: bytes(32) });

/** Admin -> invitee, sealed, after its auth: what the invite is for, and the admin's MAC over it, its card and the transcript. */
export const InviteProof = defineMessage('invite-proof', 1, {
  space: spaceId,
  name: z.string().max(200),
  role: z.enum(ROLES),
  proof: bytes(32),
});

/** The spaces the sender will sync with this peer (only spaces whose access list holds the peer). */
export const Spaces = defineMessage('spaces', 1, { spaces: z.array(spaceId).max(MAX_SPACES_PER_SESSION) });

/** Application bytes (replication messages), only after the handshake. */
export const Data = defineMessage('data', 1, { payload: bytes() });

/** Why the sender is ending the session. Unknown reasons from newer peers are read as 'bad-frame'. */
export const Close = defineMessage('close', 1, { reason: z.string().max(64) });

const SESSION_MESSAGES = [Hello, Proof, Auth, InviteMessage, InviteProof, Spaces, Data, Close] as const;
export const sessionCodec = createCodec(SESSION_MESSAGES);
export type SessionMessage = MessageOf<(typeof SESSION_MESSAGES)[number]>;
