/**
 * The blinded form of LAN discovery's questions and answers (mdns.ts sends
 * them). A tag (a keyed hash of a space's discovery key and the hour:
 * shared/sync/discovery.ts) never travels itself:
 *
 *   question  <probe>.<nonce>._sroster._tcp.local    SRV, multicast
 *             nonce = 4-byte time (s) | 12 random bytes, fresh per packet
 *             probe = HMAC(tag, "query" | nonce)
 *   answer    <proof>.<nonce>._sroster._tcp.local    SRV { port }, unicast to the asker
 *             proof = HMAC(tag, "answer" | nonce | port)
 *
 * Without the tag, a probe or proof is indistinguishable from random bytes
 * and no two packets share one. A proof is bound to the asker's nonce and to
 * the port it names, so an old answer replayed later, or one whose port was
 * changed, is recognised by nobody.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

export const SERVICE_SUFFIX = '._sroster._tcp.local';
export const NONCE_BYTES = 16;
export const MAC_BYTES = 16;
/** A question older or newer than this (by the asker's clock against ours) is not answered. */
export const QUERY_WINDOW_MS = 5 * 60 * 1000;

const QUERY_LABEL = Buffer.from('sealed-roster/lan/query/v2');
const ANSWER_LABEL = Buffer.from('sealed-roster/lan/answer/v2');

export function newNonce(nowMs: number): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  nonce.writeUInt32BE(Math.floor(nowMs / 1000) >>> 0, 0);
  return nonce;
}

/** When the asker made the nonce, by its clock (ms). */
export function nonceTime(nonce: Buffer): number {
  return nonce.readUInt32BE(0) * 1000;
}

function mac(tag: string, parts: readonly Buffer[]): Buffer {
  const hmac = createHmac('sha256', Buffer.from(tag, 'hex'));
  for (const part of parts) hmac.update(part);
  return hmac.digest().subarray(0, MAC_BYTES);
}

export function probeOf(tag: string, nonce: Buffer): Buffer {
  return mac(tag, [QUERY_LABEL, nonce]);
}

export function proofOf(tag: string, nonce: Buffer, port: number): Buffer {
  const portBytes = Buffer.alloc(2);
  portBytes.writeUInt16BE(port, 0);
  return mac(tag, [ANSWER_LABEL, nonce, portBytes]);
}

export function sameMac(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A random stand-in for a probe, so a question packet does not tell how many tags are sought. */
export function decoyMac(): Buffer {
  return randomBytes(MAC_BYTES);
}

export function recordName(macBytes: Buffer, nonce: Buffer): string {
  return `${macBytes.toString('hex')}.${nonce.toString('hex')}${SERVICE_SUFFIX}`;
}

/** The MAC and nonce of one of our record names; undefined for any other name. */
export function parseRecordName(name: string): { mac: Buffer; nonce: Buffer } | undefined {
  const lower = name.toLowerCase();
  if (!lower.endsWith(SERVICE_SUFFIX)) return undefined;
  const match = /^([0-9a-f]+)\.([0-9a-f]+)$/.exec(lower.slice(0, -SERVICE_SUFFIX.length));
  if (!match || match[1]!.length !== MAC_BYTES * 2 || match[2]!.length !== NONCE_BYTES * 2) return undefined;
  return { mac: Buffer.from(match[1]!, 'hex'), nonce: Buffer.from(match[2]!, 'hex') };
}
