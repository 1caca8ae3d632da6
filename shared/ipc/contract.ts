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
export const IPC_CONTRACT_VERSION = 3;

/** The name under which the preload exposes the API on `window`. */
export const API_GLOBAL = 'sealedRoster';

/** File extension of an encrypted space bundle (also registered with the OS by the installers). */
export const BUNDLE_EXTENSION = 'sroster';

/** Upper bounds main enforces before reading a file or forwarding a chunk. */
export const LIMITS = {
  bundleBytes: 256 * 1024 * 1024,
  csvBytes: 64 * 1024 * 1024,
  /** A call sheet of a whole 10,000-member roster is a few MB. */
  pdfBytes: 64 * 1024 * 1024,
  /** Largest single `data` message on a connection port, either direction. */
  portChunkBytes: 16 * 1024 * 1024,
  tagsPerRequest: 64,
  discoverTimeoutMs: { min: 100, max: 30_000, default: 3_000 },
  /** Crash safety: one store transaction, one `mirror:append` call, one base chunk, one backup file. */
  mirrorFrameBytes: 64 * 1024 * 1024,
  mirrorFramesPerAppend: 4096,
  mirrorChunkBytes: 16 * 1024 * 1024,
  backupFileBytes: 1024 * 1024 * 1024,
  wipeAfter: { min: 3, max: 100 },
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

/** What the operating system did that locks the vault (the renderer tells the organizer it as 'system'). */
export type SystemLockEvent = 'lock-screen' | 'suspend';

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

// ---- crash safety and backups: shared value types (SECURITY.md "Crash safety and backups") ----

/** One committed store transaction: its sequence number and its records, encoded and already sealed (opaque to main). */
export interface MirrorFrameWire {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** The second copy main keeps of the store. */
export interface MirrorStatusWire {
  /** The newest transaction it holds (0: none). */
  readonly lastSeq: number;
  /** Complete copies (bases) on disk. */
  readonly bases: number;
  readonly baseBytes: number;
  /** Journal written since the newest base. */
  readonly journalBytes: number;
  /** Last write (ms since the epoch), or null. */
  readonly lastWriteAt: number | null;
}

/** The organizer's choice to erase the vault after N wrong passphrases, and the count so far. */
export interface VaultGuard {
  readonly wipeAfter: number | null;
  readonly failures: number;
}

export type Schedule = 'off' | 'daily' | 'weekly';

/** Backups to a folder the organizer chose. Only the folder's base name reaches the renderer. */
export interface ExternalBackupStatus {
  readonly folderName: string | null;
  readonly every: Schedule;
  readonly lastAt: number | null;
  /** The stable error code of the last failed attempt, or null. */
  readonly lastError: string | null;
}

export interface BackupStatus {
  /** The marker: a vault was created on this computer and not erased since. */
  readonly vaultExisted: boolean;
  readonly mirror: MirrorStatusWire;
  readonly guard: VaultGuard;
  readonly external: ExternalBackupStatus;
}

/** A copy opened for restoring (from the backup folder, or a backup file): read it with `mirror:readCopy`. */
export interface MirrorCopySummary {
  readonly copyId: string;
  /** The store's seq once every frame is applied. */
  readonly seq: number;
  readonly frames: number;
  readonly bytes: number;
  /** When its newest transaction was written (ms), null when unknown (a backup file). */
  readonly at: number | null;
  /** Newer complete copies that were damaged and passed over. */
  readonly skippedBases: number;
  /** Part of the journal was damaged: transactions after the damage may be missing. */
  readonly damaged: boolean;
}

// ---- request validators -------------------------------------------------

/** Hex of a keyed hash (8..32 bytes): an mDNS tag reveals nothing but itself. */
export const tagSchema = z.string().regex(/^[0-9a-f]{16,64}$/, 'a tag is 16 to 64 lower-case hex characters');
/** A Hyperswarm topic is exactly 32 bytes, hex. */
export const topicSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a topic is 64 lower-case hex characters');
const tagsSchema = z.array(tagSchema).min(1).max(LIMITS.tagsPerRequest);
/** A listener may answer to no tag at all (reachable by address only, while the organizer asked to be found). */
const answeredTagsSchema = z.array(tagSchema).max(LIMITS.tagsPerRequest);
const portSchema = z.number().int().min(1).max(65535);
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
  // ---- network (electron/net): listen on a stable port, answer only to queries
  listen: z.strictObject({ tags: answeredTagsSchema, port: portSchema.optional() }),
  advertise: z.strictObject({ listenerId: idSchema, tags: answeredTagsSchema }),
  discover: z.strictObject({
    tags: tagsSchema,
    timeoutMs: z.number().int().min(LIMITS.discoverTimeoutMs.min).max(LIMITS.discoverTimeoutMs.max).optional(),
  }),
  connect: z.strictObject({ host: hostSchema, port: portSchema }),
  topic: z.strictObject({ topic: topicSchema }),
  close: z.union([z.strictObject({ listenerId: idSchema }), z.strictObject({ all: z.literal(true) })]),
};

// ---- crash safety and backups: request validators ----
const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const uploadIdSchema = z.string().uuid();
const frameSchema = z.strictObject({
  seq: seqSchema.min(1),
  bytes: bytesSchema.refine((b) => b.byteLength <= LIMITS.mirrorFrameBytes, 'transaction too large'),
});
export const backupRequestSchemas = {
  append: z.strictObject({
    frames: z
      .array(frameSchema)
      .min(1)
      .max(LIMITS.mirrorFramesPerAppend)
      .refine(
        (f) => f.reduce((n, x) => n + x.bytes.byteLength, 0) <= LIMITS.mirrorFrameBytes,
        'too many bytes at once',
      ),
  }),
  beginBase: z.strictObject({ covers: seqSchema }),
  addToBase: z.strictObject({
    uploadId: uploadIdSchema,
    bytes: bytesSchema.refine((b) => b.byteLength <= LIMITS.mirrorChunkBytes, 'chunk too large'),
  }),
  upload: z.strictObject({ uploadId: uploadIdSchema }),
  openCopy: z.strictObject({ source: z.enum(['mirror', 'file']) }),
  readCopy: z.strictObject({ copyId: uploadIdSchema, from: z.number().int().min(0) }),
  copy: z.strictObject({ copyId: uploadIdSchema }),
  wipeAfter: z.strictObject({
    wipeAfter: z.number().int().min(LIMITS.wipeAfter.min).max(LIMITS.wipeAfter.max).nullable(),
  }),
  schedule: z.strictObject({ every: z.enum(['off', 'daily', 'weekly']) }),
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
  /** A call sheet or a report the renderer made: written only where the organizer chose, like a CSV. */
  'dialog:savePdf': invoke<{ saved: boolean }>()(requestSchemas.save(LIMITS.pdfBytes)),

  // ---- network (electron/net): SECURITY.md "On the wire and on the LAN"
  /**
   * Starts a LAN TCP listener, on `port` when it is free (else any), answering mDNS queries for the
   * tags (it never announces them unasked). Inbound connections arrive as ports.
   */
  'net:listen': invoke<{ listenerId: string; port: number }>()(requestSchemas.listen),
  /** Replaces the tags a listener answers to; its socket and port stay. */
  'net:advertise': invoke<void>()(requestSchemas.advertise),
  /** Looks for LAN peers answering to any of the tags (asked blinded), for `timeoutMs`. */
  'net:discover': invoke<{ peers: LanPeer[] }>()(requestSchemas.discover),
  /** This machine's LAN addresses (IPv4 first), so a person can tell others where to connect. */
  'net:addresses': invoke<{ addresses: LanAddress[] }>()(emptyRequest),
  /** Opens a TCP connection; its port arrives on `net:connection` with the same connectionId. */
  'net:connect': invoke<{ connectionId: string }>()(requestSchemas.connect),
  /** Joins a Hyperswarm topic; every connection found there arrives as a port. */
  'net:joinTopic': invoke<void>()(requestSchemas.topic),
  'net:leaveTopic': invoke<void>()(requestSchemas.topic),
  /** Stops one listener (and its answers), or everything: listeners, topics and connections. */
  'net:close': invoke<void>()(requestSchemas.close),

  // ---- crash safety and backups (SECURITY.md "Crash safety and backups") ----
  /** The marker, the second copy, the erase-after-N setting and the folder backups. */
  'backup:status': invoke<BackupStatus>()(emptyRequest),
  /** Appends committed transactions to the second copy; resolves once they are on the disk. */
  'mirror:append': invoke<MirrorStatusWire>()(backupRequestSchemas.append),
  /** A new complete copy of the store as of `covers`: begin, add its records in chunks, commit. */
  'mirror:beginBase': invoke<{ uploadId: string }>()(backupRequestSchemas.beginBase),
  'mirror:addToBase': invoke<void>()(backupRequestSchemas.addToBase),
  'mirror:commitBase': invoke<MirrorStatusWire>()(backupRequestSchemas.upload),
  /** Opens the newest complete copy (or asks for a backup file) to restore; null when there is none or the user cancels. */
  'mirror:openCopy': invoke<MirrorCopySummary | null>()(backupRequestSchemas.openCopy),
  'mirror:readCopy': invoke<{ frames: MirrorFrameWire[]; next: number | null }>()(backupRequestSchemas.readCopy),
  'mirror:closeCopy': invoke<void>()(backupRequestSchemas.copy),
  /** Writes the marker: a vault exists on this computer. */
  'vault:mark': invoke<VaultGuard>()(emptyRequest),
  /** Counts a wrong passphrase or recovery key (before the organizer is told); resets on unlock. */
  'vault:unlockFailed': invoke<VaultGuard>()(emptyRequest),
  'vault:unlocked': invoke<VaultGuard>()(emptyRequest),
  'vault:setWipeAfter': invoke<VaultGuard>()(backupRequestSchemas.wipeAfter),
  /** Erases the second copy, the marker, the settings and everything the browser keeps for the app. */
  'vault:erase': invoke<{ browserStorageCleared: boolean }>()(emptyRequest),
  /** Folder backups: choose the folder (a dialog), set the schedule, write one now. */
  'backup:chooseFolder': invoke<ExternalBackupStatus>()(emptyRequest),
  'backup:setSchedule': invoke<ExternalBackupStatus>()(backupRequestSchemas.schedule),
  'backup:saveNow': invoke<ExternalBackupStatus>()(emptyRequest),
  /** The renderer has written what was pending and locked: the window may close now (see `app:closing`). */
  'app:readyToClose': invoke<void>()(emptyRequest),
} as const;

export const eventChannels = {
  /** The screen locked or the machine is going to sleep: the renderer must lock the vault now. */
  'app:lock': event<{ reason: SystemLockEvent }>(),
  /** The OS asked the app to open a bundle file (double-click, "Open with", second launch). */
  'bundle:opened': event<OpenedFile>(),
  /** Crash safety: the window is closing; write what is pending, lock, then call `app:readyToClose`. */
  'app:closing': event<Record<string, never>>(),
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
 * Renderer → main only: `consumed` reports how many received bytes the renderer has dealt with
 * (main stops reading the socket while too many are outstanding), `authenticated` that the sync
 * handshake passed (main lifts the limits it keeps for strangers: electron/net/limits.ts).
 */
export type PortMessage =
  | { readonly type: 'data'; readonly bytes: Uint8Array }
  | { readonly type: 'end' }
  | { readonly type: 'error'; readonly code: string; readonly message: string }
  | { readonly type: 'consumed'; readonly count: number }
  | { readonly type: 'authenticated' };

/** What main accepts from the renderer on a port (it never takes `error` from the renderer). */
export const portMessageFromRendererSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('data'),
    bytes: bytesSchema.refine((b) => b.byteLength <= LIMITS.portChunkBytes, 'chunk too large'),
  }),
  z.strictObject({ type: z.literal('end') }),
  z.strictObject({ type: z.literal('consumed'), count: z.number().int().min(1).max(LIMITS.portChunkBytes) }),
  z.strictObject({ type: z.literal('authenticated') }),
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
