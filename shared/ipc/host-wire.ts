/**
 * The wire format of the browser host (electron/browser-host/): the preload API carried over one
 * local WebSocket, for tests and development in a plain browser. Every WebSocket message is binary:
 *
 *   [1][lib0 "any"]               a control message (invoke, result, event, connection, port end...)
 *   [2][id length][id][bytes...]  opaque bytes of one network connection (both directions)
 *
 * Bytes stay bytes (lib0 encodes Uint8Array natively, no base64). Decoding checks the shape of the
 * envelope only: request payloads are validated by the same `dispatch` as in Electron, and port
 * messages by the same `pipeConnectionToPort`.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import { AppError } from '../errors';
import type { IpcResult } from './result';
import type { ConnectionMeta } from './contract';

/** Query parameter of the WebSocket URL carrying the per-start token (also the page URL's fragment key). */
export const HOST_TOKEN_PARAM = 'token';
/** Path of the WebSocket endpoint on the host. */
export const HOST_SOCKET_PATH = '/ipc';

const KIND_MESSAGE = 1;
const KIND_DATA = 2;

const connectionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a connection id is 1 to 64 url-safe characters');

/** Page → host. `port` carries any non-data message the renderer posted (the host validates it). */
export type ClientMessage =
  | { readonly t: 'invoke'; readonly id: number; readonly channel: string; readonly payload: unknown }
  | { readonly t: 'port'; readonly connectionId: string; readonly message: unknown }
  | { readonly t: 'portClosed'; readonly connectionId: string };

/** Host → page. */
export type HostMessage =
  | { readonly t: 'result'; readonly id: number; readonly result: IpcResult<unknown> }
  | { readonly t: 'event'; readonly channel: string; readonly payload: unknown }
  | { readonly t: 'connection'; readonly meta: ConnectionMeta }
  | { readonly t: 'port'; readonly connectionId: string; readonly message: unknown }
  | { readonly t: 'portClosed'; readonly connectionId: string };

const clientMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('invoke'),
    id: z.number().int().min(0),
    channel: z.string().max(64),
    payload: z.unknown(),
  }),
  z.strictObject({ t: z.literal('port'), connectionId: connectionIdSchema, message: z.unknown() }),
  z.strictObject({ t: z.literal('portClosed'), connectionId: connectionIdSchema }),
]);

const hostMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('result'),
    id: z.number().int().min(0),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
    ]),
  }),
  z.strictObject({ t: z.literal('event'), channel: z.string(), payload: z.unknown() }),
  z.strictObject({ t: z.literal('connection'), meta: z.object({ connectionId: connectionIdSchema }).loose() }),
  z.strictObject({ t: z.literal('port'), connectionId: connectionIdSchema, message: z.unknown() }),
  z.strictObject({ t: z.literal('portClosed'), connectionId: connectionIdSchema }),
]);

/** What one WebSocket message decodes to. */
export type WireFrame<M> =
  | { readonly kind: 'message'; readonly message: M }
  | { readonly kind: 'data'; readonly connectionId: string; readonly bytes: Uint8Array };

export function encodeWireMessage(message: ClientMessage | HostMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, KIND_MESSAGE);
  encoding.writeAny(encoder, message as unknown as Parameters<typeof encoding.writeAny>[1]);
  return encoding.toUint8Array(encoder);
}

export function encodeConnectionData(connectionId: string, bytes: Uint8Array): Uint8Array {
  const id = connectionIdSchema.parse(connectionId);
  const out = new Uint8Array(2 + id.length + bytes.byteLength);
  out[0] = KIND_DATA;
  out[1] = id.length;
  for (let i = 0; i < id.length; i++) out[2 + i] = id.charCodeAt(i); // url-safe ASCII only
  out.set(bytes, 2 + id.length);
  return out;
}

function decodeFrame<M>(frame: Uint8Array, schema: z.ZodType<M>): WireFrame<M> {
  const bad = (why: string): AppError => new AppError('ipc-bad-request', `browser host message refused: ${why}`);
  if (frame.byteLength < 2) throw bad('too short');
  if (frame[0] === KIND_DATA) {
    const length = frame[1] ?? 0;
    if (frame.byteLength < 2 + length) throw bad('truncated connection id');
    const connectionId = String.fromCharCode(...frame.subarray(2, 2 + length));
    if (!connectionIdSchema.safeParse(connectionId).success) throw bad('malformed connection id');
    return { kind: 'data', connectionId, bytes: frame.slice(2 + length) };
  }
  if (frame[0] !== KIND_MESSAGE) throw bad('unknown frame kind');
  let value: unknown;
  try {
    const decoder = decoding.createDecoder(frame.subarray(1));
    value = decoding.readAny(decoder);
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  } catch {
    throw bad('not a valid encoding');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw bad('unexpected shape');
  return { kind: 'message', message: parsed.data };
}

/** Host side: a message from the page. Throws AppError('ipc-bad-request') when malformed. */
export function decodeClientFrame(frame: Uint8Array): WireFrame<ClientMessage> {
  return decodeFrame(frame, clientMessageSchema as z.ZodType<ClientMessage>);
}

/** Page side: a message from the host. Throws AppError('ipc-bad-request') when malformed. */
export function decodeHostFrame(frame: Uint8Array): WireFrame<HostMessage> {
  return decodeFrame(frame, hostMessageSchema as z.ZodType<HostMessage>);
}
