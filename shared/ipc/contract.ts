/**
 * The one contract between the renderer and the Electron main process.
 *
 * Every channel the preload script exposes and every handler main registers
 * is listed here, with its request validator (zod, checked by main before it
 * acts) and its response type. The preload API and the handler registry are
 * both generated from `invokeChannels` / `eventChannels`, so a channel cannot
 * be forgotten on one side. Main never sees plaintext or keys: files and
 * network payloads are opaque bytes the renderer has already encrypted.
 */
import { z } from 'zod';

/** Bumped on any incompatible change to a channel; reported by `app:info`. */
export const IPC_CONTRACT_VERSION = 2;

/** The name under which the preload exposes the API on `window`. */
export const API_GLOBAL = 'sealedRoster';

/** File extension of an encrypted space bundle (also registered with the OS by the installers). */
export const BUNDLE_EXTENSION = 'sroster';

/** Upper bounds main enforces before reading a file or forwarding a chunk. */
export const LIMITS = {
  bundleBytes: 256 * 1024 * 1024,
  csvBytes: 64 * 1024 * 1024,
  /** Largest single `data` message on a connection port, either direction. */
  portChunkBytes: 16 * 1024 * 1024,
  tagsPerRequest: 64,
  discoverTimeoutMs: { min: 100, max: 30_000, default: 3_000 },
} as const;

// ---- shared value types -------------------------------------------------

/** A file chosen in a dialog or opened from the OS: its base name and bytes (never its full path). */
export interface OpenedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly electronVersion: string;
  readonly platform: string;
  readonly contractVersion: number;
}

export type LockReason = 'lock-screen' | 'suspend';

export interface LanPeer {
  readonly host: string;
  readonly port: number;
  /** Which of the requested tags this peer advertised. */
  readonly tags: readonly string[];
}

/** One of this machine's LAN addresses (never loopback): what others type to connect by address. */
export interface LanAddress {
  readonly address: string;
  readonly family: 'IPv4' | 'IPv6';
}

export type Transport = 'lan' | 'hyperswarm';

/** Sent with every connection port; it identifies the connection, never a person. */
export interface ConnectionMeta {
  readonly connectionId: string;
  readonly transport: Transport;
  /** 'outbound' for `net:connect` and for Hyperswarm client sides. */
  readonly direction: 'inbound' | 'outbound';
  /** The listener that accepted an inbound LAN connection. */
  readonly listenerId?: string;
  /** The Hyperswarm topic (hex) the connection was found on, when known. */
  readonly topic?: string;
  readonly remoteHost?: string;
  readonly remotePort?: number;
}

// ---- request validators -------------------------------------------------

/** Hex of a keyed hash (8..32 bytes): an mDNS tag reveals nothing but itself. */
export const tagSchema = z.string().regex(/^[0-9a-f]{16,64}$/, 'a tag is 16 to 64 lower-case hex characters');
/** A Hyperswarm topic is exactly 32 bytes, hex. */
export const topicSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a topic is 64 lower-case hex characters');
const tagsSchema = z.array(tagSchema).min(1).max(LIMITS.tagsPerRequest);
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1 to 64 url-safe characters');
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20 || text.charCodeAt(i) === 0x7f) return true;
  return false;
}

/** A base file name for the save dialog: no directory parts, no control characters. */
const suggestedNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\\:*?"<>|]+$/, 'a file name without directory parts')
  .refine((n) => n !== '.' && n !== '..' && !hasControlCharacter(n), 'a file name without directory parts');
const bytesSchema = z.instanceof(Uint8Array);
const hostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:%-]+$/, 'a host name or IP address');

/** Requests that carry nothing are still objects, so that a stray argument is refused. */
export const emptyRequest = z.strictObject({});

export const requestSchemas = {
  appInfo: emptyRequest,
  save: (maxBytes: number) =>
    z.strictObject({
      suggestedName: suggestedNameSchema,
      bytes: bytesSchema.refine((b) => b.byteLength <= maxBytes, 'file too large'),
    }),
  listen: z.strictObject({ tags: tagsSchema }),
  discover: z.strictObject({
    tags: tagsSchema,
    timeoutMs: z.number().int().min(LIMITS.discoverTimeoutMs.min).max(LIMITS.discoverTimeoutMs.max).optional(),
  }),
  connect: z.strictObject({ host: hostSchema, port: z.number().int().min(1).max(65535) }),
  topic: z.strictObject({ topic: topicSchema }),
  close: z.union([z.strictObject({ listenerId: idSchema }), z.strictObject({ all: z.literal(true) })]),
};

// ---- channels -------------------------------------------------------------

/** A request/response channel: renderer → main (`ipcRenderer.invoke`). `response` is a type-only marker. */
export interface InvokeChannel<S extends z.ZodType, R> {
  readonly kind: 'invoke';
  readonly request: S;
  readonly response: R;
}
function invoke<R>(): <S extends z.ZodType>(request: S) => InvokeChannel<S, R> {
  return (request) => ({ kind: 'invoke', request, response: undefined as R });
}

/** A notification: main → renderer (`webContents.send`). `payload` is a type-only marker. */
export interface EventChannel<P> {
  readonly kind: 'event';
  readonly payload: P;
}
function event<P>(): EventChannel<P> {
  return { kind: 'event', payload: undefined as P };
}

/**
 * Channel names are `group:name`; the preload exposes `api.group.name(request)`.
 * Changing any entry here is a contract change: bump IPC_CONTRACT_VERSION.
 */
export const invokeChannels = {
  'app:info': invoke<AppInfo>()(emptyRequest),
  /** Bundle files the OS opened before the renderer subscribed to `bundle:opened`; each is returned once. */
  'bundle:takePending': invoke<OpenedFile[]>()(emptyRequest),
  /** Shows an open dialog; null when the user cancels. */
  'dialog:openCsv': invoke<OpenedFile | null>()(emptyRequest),
  'dialog:openBundle': invoke<OpenedFile | null>()(emptyRequest),
  /** Shows a save dialog and writes the bytes; `saved` is false when the user cancels. */
  'dialog:saveCsv': invoke<{ saved: boolean }>()(requestSchemas.save(LIMITS.csvBytes)),
  'dialog:saveBundle': invoke<{ saved: boolean }>()(requestSchemas.save(LIMITS.bundleBytes)),
  /** Starts a LAN TCP listener and advertises the tags over mDNS. Inbound connections arrive as ports. */
  'net:listen': invoke<{ listenerId: string; port: number }>()(requestSchemas.listen),
  /** Looks for LAN peers advertising any of the tags, for `timeoutMs`. */
  'net:discover': invoke<{ peers: LanPeer[] }>()(requestSchemas.discover),
  /** This machine's LAN addresses (IPv4 first), so a person can tell others where to connect. */
  'net:addresses': invoke<{ addresses: LanAddress[] }>()(emptyRequest),
  /** Opens a TCP connection; its port arrives on `net:connection` with the same connectionId. */
  'net:connect': invoke<{ connectionId: string }>()(requestSchemas.connect),
  /** Joins a Hyperswarm topic; every connection found there arrives as a port. */
  'net:joinTopic': invoke<void>()(requestSchemas.topic),
  'net:leaveTopic': invoke<void>()(requestSchemas.topic),
  /** Stops one listener (and its advertisement), or everything: listeners, topics and connections. */
  'net:close': invoke<void>()(requestSchemas.close),
} as const;

export const eventChannels = {
  /** The screen locked or the machine is going to sleep: the renderer must lock the vault now. */
  'app:lock': event<{ reason: LockReason }>(),
  /** The OS asked the app to open a bundle file (double-click, "Open with", second launch). */
  'bundle:opened': event<OpenedFile>(),
} as const;

/**
 * Main → preload: a new connection. Sent with `webContents.postMessage(NET_CONNECTION_CHANNEL, meta, [port])`.
 * The preload cannot hand a MessagePort through contextBridge, so it forwards it to the page with
 * `window.postMessage(connectionAnnouncement(meta), location.origin, [port])`; the renderer accepts it
 * with `isConnectionAnnouncement` (and checks `event.source === window`).
 */
export const NET_CONNECTION_CHANNEL = 'net:connection';
export const CONNECTION_ANNOUNCEMENT = 'sealed-roster:net-connection';

export interface ConnectionAnnouncement {
  readonly type: typeof CONNECTION_ANNOUNCEMENT;
  readonly contractVersion: number;
  readonly meta: ConnectionMeta;
}

export function connectionAnnouncement(meta: ConnectionMeta): ConnectionAnnouncement {
  return { type: CONNECTION_ANNOUNCEMENT, contractVersion: IPC_CONTRACT_VERSION, meta };
}

export function isConnectionAnnouncement(data: unknown): data is ConnectionAnnouncement {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Partial<ConnectionAnnouncement>;
  return (
    d.type === CONNECTION_ANNOUNCEMENT &&
    d.contractVersion === IPC_CONTRACT_VERSION &&
    typeof d.meta?.connectionId === 'string'
  );
}

// ---- what travels on a connection port -----------------------------------

/**
 * Messages on a connection's MessagePort, in both directions. `data` carries opaque bytes (already
 * end-to-end encrypted by the sync layer); `end` closes the connection gracefully (either side);
 * `error` (main → renderer only) reports that the socket failed; the port is closed after it.
 */
export type PortMessage =
  | { readonly type: 'data'; readonly bytes: Uint8Array }
  | { readonly type: 'end' }
  | { readonly type: 'error'; readonly code: string; readonly message: string };

/** What main accepts from the renderer on a port (it never takes `error` from the renderer). */
export const portMessageFromRendererSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('data'),
    bytes: bytesSchema.refine((b) => b.byteLength <= LIMITS.portChunkBytes, 'chunk too large'),
  }),
  z.strictObject({ type: z.literal('end') }),
]);

// ---- derived types ----------------------------------------------------------

export type InvokeChannelName = keyof typeof invokeChannels;
export type EventChannelName = keyof typeof eventChannels;
export type RequestOf<C extends InvokeChannelName> = z.input<(typeof invokeChannels)[C]['request']>;
export type ParsedRequestOf<C extends InvokeChannelName> = z.output<(typeof invokeChannels)[C]['request']>;
export type ResponseOf<C extends InvokeChannelName> = (typeof invokeChannels)[C]['response'];
export type PayloadOf<E extends EventChannelName> = (typeof eventChannels)[E]['payload'];

export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannelName[];
export const eventChannelNames = Object.keys(eventChannels) as EventChannelName[];
