/**
 * Shared set-up for the IPC tests: a sender that looks like our window's main frame, forged
 * variants of it, and a stand-in NetworkBridge. The real transports live in electron/net/ and are
 * tested there over real sockets; here the bridge only records what the handlers ask of it.
 */
import type { ByteConnection, ByteConnectionInfo, NetworkBridge } from '../../electron/net-bridge';
import type { SenderInfo, TrustedContents } from '../../electron/ipc/sender';

export const WINDOW_ID = 7;
const mainFrame = { url: 'app://renderer/index.html', parent: null, processId: 3, routingId: 1 };

/** The trusted window as `createSenderCheck` sees it (a fake of Electron's WebContents). */
export const trustedWindow: TrustedContents = () =>
  ({ id: WINDOW_ID, mainFrame }) as unknown as ReturnType<TrustedContents>;

export const trustedSender: SenderInfo = { sender: { id: WINDOW_ID }, senderFrame: { ...mainFrame } } as SenderInfo;

export const forgedSenders: ReadonlyArray<[string, SenderInfo]> = [
  ['no frame (frame already gone)', { sender: { id: WINDOW_ID }, senderFrame: null }],
  ['another WebContents', { sender: { id: WINDOW_ID + 1 }, senderFrame: { ...mainFrame } } as SenderInfo],
  [
    'a sub-frame of our window',
    { sender: { id: WINDOW_ID }, senderFrame: { ...mainFrame, parent: {}, routingId: 2 } } as unknown as SenderInfo,
  ],
  [
    'a frame with another routing id',
    { sender: { id: WINDOW_ID }, senderFrame: { ...mainFrame, routingId: 9 } } as SenderInfo,
  ],
  [
    'our main frame after navigating to a remote page',
    { sender: { id: WINDOW_ID }, senderFrame: { ...mainFrame, url: 'https://evil.example/' } } as SenderInfo,
  ],
  [
    'our main frame showing a file:// page',
    { sender: { id: WINDOW_ID }, senderFrame: { ...mainFrame, url: 'file:///tmp/index.html' } } as SenderInfo,
  ],
  [
    'a look-alike app:// host',
    { sender: { id: WINDOW_ID }, senderFrame: { ...mainFrame, url: 'app://renderer.evil/index.html' } } as SenderInfo,
  ],
];

/** An in-memory ByteConnection that records writes and lets a test play the remote side. */
export class MemoryConnection implements ByteConnection {
  readonly written: Uint8Array[] = [];
  ended = false;
  destroyed = false;
  /** Bytes the receiver reported consumed so far. */
  consumedBytes = 0;
  isAuthenticated = false;
  handshakeFrames = 0;
  private dataListener: ((bytes: Uint8Array) => void) | null = null;
  private closeListener: ((error?: Error) => void) | null = null;
  private authListeners: Array<() => void> = [];
  constructor(readonly info: ByteConnectionInfo = { transport: 'lan', direction: 'outbound' }) {}
  write(bytes: Uint8Array): void {
    if (!this.ended && !this.destroyed) this.written.push(bytes);
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.closeListener?.();
  }
  onData(listener: (bytes: Uint8Array) => void): void {
    this.dataListener = listener;
  }
  onClose(listener: (error?: Error) => void): void {
    this.closeListener = listener;
  }
  consumed(count: number): void {
    this.consumedBytes += count;
  }
  authenticated(): void {
    this.isAuthenticated = true;
    for (const listener of this.authListeners.splice(0)) listener();
  }
  onAuthenticated(listener: () => void): void {
    this.authListeners.push(listener);
  }
  receive(bytes: Uint8Array): void {
    this.dataListener?.(bytes);
  }
  remoteClosed(error?: Error): void {
    this.closeListener?.(error);
  }
}

export class RecordingBridge implements NetworkBridge {
  readonly calls: Array<[string, ...unknown[]]> = [];
  inbound: ((connection: ByteConnection) => void) | null = null;
  async listen(tags: readonly string[], port?: number) {
    this.calls.push(['listen', tags, port]);
    return { listenerId: 'listener-1', port: port ?? 45123 };
  }
  advertise(listenerId: string, tags: readonly string[]) {
    this.calls.push(['advertise', listenerId, tags]);
  }
  async discover(tags: readonly string[], timeoutMs: number) {
    this.calls.push(['discover', tags, timeoutMs]);
    return [{ host: '192.168.1.20', port: 45124, tags: [tags[0] ?? ''] }];
  }
  addresses() {
    this.calls.push(['addresses']);
    return [{ address: '192.168.1.20', family: 'IPv4' as const }];
  }
  async connect(host: string, port: number) {
    this.calls.push(['connect', host, port]);
    return new MemoryConnection({ transport: 'lan', direction: 'outbound', remoteHost: host, remotePort: port });
  }
  async joinTopic(topic: string) {
    this.calls.push(['joinTopic', topic]);
  }
  async leaveTopic(topic: string) {
    this.calls.push(['leaveTopic', topic]);
  }
  async closeListener(listenerId: string) {
    this.calls.push(['closeListener', listenerId]);
  }
  async closeAll() {
    this.calls.push(['closeAll']);
  }
  onConnection(listener: (connection: ByteConnection) => void): void {
    this.inbound = listener;
  }
}
