/**
 * What the IPC handlers need from the peer-to-peer transports (implemented in electron/net/).
 * Everything here moves opaque bytes: the sync layer in the renderer has already encrypted them,
 * so main never holds plaintext or keys. Tags and topics are keyed hashes the renderer derived.
 */
import type { LanAddress, LanPeer, Transport } from '../shared/ipc/contract';

/** Where a connection came from; becomes the port's ConnectionMeta (plus a connectionId) for the renderer. */
export interface ByteConnectionInfo {
  readonly transport: Transport;
  readonly direction: 'inbound' | 'outbound';
  /** The listener that accepted an inbound LAN connection. */
  readonly listenerId?: string;
  /** Hyperswarm topic (64 hex) the connection was found on, when known. */
  readonly topic?: string;
  readonly remoteHost?: string;
  readonly remotePort?: number;
}

/**
 * One duplex byte stream (a TCP socket or a Hyperswarm Noise stream).
 * Contract for implementers:
 * - `onData` may be called once, before any data flows; data that arrives earlier is buffered until
 *   it is set (so no byte is lost between accept and hand-over);
 * - each `onClose` listener (any number, added at any time) is called exactly once: with no argument
 *   after a clean end by either side, with an Error when the socket failed or a limit cut it off;
 *   no `onData` callback follows;
 * - flow control: reading pauses while the bytes handed to `onData` and not yet reported `consumed`
 *   exceed a window, and resumes once the receiver caught up;
 * - until `authenticated()` the peer is a stranger: it is cut off past a deadline or a byte budget
 *   (electron/net/limits.ts);
 * - `write` after close is ignored; `end` half-closes gracefully; `destroy` closes at once.
 */
export interface ByteConnection {
  readonly info: ByteConnectionInfo;
  write(bytes: Uint8Array): void;
  end(): void;
  destroy(): void;
  onData(listener: (bytes: Uint8Array) => void): void;
  onClose(listener: (error?: Error) => void): void;
  /** The receiver has dealt with `count` more bytes of what `onData` delivered. */
  consumed(count: number): void;
  /** The sync session authenticated the peer: the limits kept for strangers no longer apply. */
  authenticated(): void;
  readonly isAuthenticated: boolean;
  /** Whole frames the peer sent before it was authenticated: how far its handshake got, as main can tell. */
  readonly handshakeFrames: number;
  onAuthenticated(listener: () => void): void;
}

export interface LanListener {
  /** Chosen by the bridge; url-safe, at most 64 characters (the contract's id format). */
  readonly listenerId: string;
  /** The TCP port actually bound (the one asked for when it was free). */
  readonly port: number;
}

/**
 * The transports, as the handlers use them. Inbound connections (LAN listeners, and every
 * Hyperswarm connection on a joined topic) are delivered to the `onConnection` listener; outbound
 * `connect` returns its connection directly. Errors are thrown as AppError('net-failed', ...).
 */
export interface NetworkBridge {
  /**
   * Binds a TCP listener on the LAN, on `port` when it is free (else any), and answers mDNS queries
   * for its tags (never announcing them unasked).
   */
  listen(tags: readonly string[], port?: number): Promise<LanListener>;
  /** Replaces the tags a listener answers to (same socket, same port); unknown id → AppError('net-failed'). */
  advertise(listenerId: string, tags: readonly string[]): void;
  /** Browses mDNS for `timeoutMs` and returns peers advertising any of the tags (never our own listeners). */
  discover(tags: readonly string[], timeoutMs: number): Promise<LanPeer[]>;
  /** This machine's non-internal IPv4/IPv6 addresses, to show next to a listener's port. */
  addresses(): LanAddress[];
  /** Opens a TCP connection by address (manual entry, or a discovered peer). */
  connect(host: string, port: number): Promise<ByteConnection>;
  /** Joins a Hyperswarm topic (32 bytes hex) as client and server; joining twice is a no-op. */
  joinTopic(topicHex: string): Promise<void>;
  /** Leaves the topic; its open connections stay open until closed. Leaving an unknown topic is a no-op. */
  leaveTopic(topicHex: string): Promise<void>;
  /** Stops one listener and withdraws its advertisement; unknown id → AppError('net-failed'). */
  closeListener(listenerId: string): Promise<void>;
  /** Stops every listener, leaves every topic and destroys every connection (on lock and on quit). */
  closeAll(): Promise<void>;
  /** Registers the single receiver of inbound connections. */
  onConnection(listener: (connection: ByteConnection) => void): void;
}

/** The factory electron/net/ exports for main.ts to call once the app is ready. */
export type CreateNetworkBridge = () => NetworkBridge;
