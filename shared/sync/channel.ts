/**
 * The byte channel the sync protocol runs over: an ordered, reliable stream
 * of bytes (a TCP socket, a Hyperswarm stream, a MessagePort to the main
 * process). Chunk boundaries carry no meaning; the frame decoder rebuilds
 * frames from whatever pieces arrive.
 */

/** Why and by whom a channel ended. `reason` is a free-form note for logs, never member data. */
export interface ChannelEnd {
  /** true when this side called close(); false when the other end or the transport ended it. */
  readonly local: boolean;
  readonly reason?: string;
}

export interface ByteChannel {
  /** Queues bytes for the other end. Ignored after the channel closed. */
  send(bytes: Uint8Array): void;
  /**
   * Receives incoming bytes. Bytes that arrive before the first listener is
   * attached are held and delivered to it, so nothing is lost between
   * connecting and starting a session. A listener that returns a promise is
   * still working on the bytes until it settles: a transport with flow
   * control reads no further than it allows (SECURITY.md "On the wire and on
   * the LAN"). Returns an unsubscribe function.
   */
  onData(listener: DataListener): () => void;
  /** Ends the channel after the bytes already sent; idempotent. */
  close(reason?: string): void;
  /** Called once when the channel ended (immediately if it already has). */
  onClose(listener: (end: ChannelEnd) => void): () => void;
  readonly closed: boolean;
  /**
   * The session on this channel authenticated its peer. Transports that hold
   * strangers to tighter limits (a deadline, a byte budget) lift them here.
   */
  authenticated(): void;
}

/** Takes incoming bytes; a returned promise settles once they have been dealt with. */
export type DataListener = (bytes: Uint8Array) => void | Promise<void>;

/**
 * The bookkeeping every channel implementation needs: buffering until a
 * listener attaches and firing `onClose` exactly once. A transport adapter
 * supplies how to write and how to shut down, and reports what arrives.
 */
export interface ChannelCore {
  readonly channel: ByteChannel;
  /**
   * The transport received bytes. Resolves once every listener has dealt
   * with them (at once when nobody listens yet: held bytes are the
   * transport's budget to bound).
   */
  deliver(bytes: Uint8Array): Promise<void>;
  /** The transport ended (remote close or error). */
  ended(end: ChannelEnd): void;
}

export function createChannelCore(transport: {
  write(bytes: Uint8Array): void;
  shutdown(reason: string | undefined): void;
  authenticated?(): void;
}): ChannelCore {
  const dataListeners = new Set<DataListener>();
  const closeListeners = new Set<(end: ChannelEnd) => void>();
  let held: Uint8Array[] = [];
  let end: ChannelEnd | undefined;

  const finish = (e: ChannelEnd): void => {
    if (end) return;
    end = e;
    held = [];
    for (const listener of [...closeListeners]) listener(e);
    closeListeners.clear();
    dataListeners.clear();
  };

  const channel: ByteChannel = {
    send(bytes) {
      if (!end) transport.write(bytes);
    },
    onData(listener) {
      dataListeners.add(listener);
      if (held.length > 0) {
        const pending = held;
        held = [];
        for (const bytes of pending) listener(bytes);
      }
      return () => dataListeners.delete(listener);
    },
    close(reason) {
      if (end) return;
      finish(reason === undefined ? { local: true } : { local: true, reason });
      transport.shutdown(reason);
    },
    onClose(listener) {
      if (end) listener(end);
      else closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    get closed() {
      return end !== undefined;
    },
    authenticated() {
      if (!end) transport.authenticated?.();
    },
  };

  return {
    channel,
    async deliver(bytes) {
      if (end || bytes.length === 0) return;
      if (dataListeners.size === 0) held.push(bytes);
      else await Promise.all([...dataListeners].map((listener) => listener(bytes)));
    },
    ended: finish,
  };
}

/**
 * Two connected in-memory channels, for tests and for running the protocol
 * inside one process. Delivery is asynchronous (a microtask later), like a
 * socket, and copies the bytes so neither side can alter what the other got.
 */
export function createChannelPair(): [ByteChannel, ByteChannel] {
  const cores: ChannelCore[] = [];
  const make = (other: () => ChannelCore): ChannelCore =>
    createChannelCore({
      write(bytes) {
        const copy = bytes.slice();
        void Promise.resolve().then(() => void other().deliver(copy));
      },
      shutdown(reason) {
        // The other end learns of the close after the bytes already in flight.
        void Promise.resolve().then(() =>
          other().ended(reason === undefined ? { local: false } : { local: false, reason }),
        );
      },
    });
  cores.push(make(() => cores[1] as ChannelCore));
  cores.push(make(() => cores[0] as ChannelCore));
  return [(cores[0] as ChannelCore).channel, (cores[1] as ChannelCore).channel];
}
