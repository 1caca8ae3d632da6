/**
 * Node streams (TCP sockets, Hyperswarm Noise streams) as the bridge's
 * ByteConnection, and a ByteConnection as the protocol's ByteChannel (so the
 * sync session can run over a socket in Node tests and tools).
 *
 * Each connection keeps its own limits (./limits.ts): reading pauses while
 * the receiver has more than a window of bytes it has not consumed, and until
 * the session authenticates the peer, a deadline and a byte budget apply.
 */
import type { Duplex } from 'stream';
import { createChannelCore, type ByteChannel } from '../../shared/sync/channel';
import { FrameDecoder, MAX_HANDSHAKE_FRAME_BYTES } from '../../shared/sync/frames';
import type { ByteConnection, ByteConnectionInfo } from '../net-bridge';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './limits';

/** After `end()`, a peer that never finishes its side is cut off after this long. */
const END_GRACE_MS = 5_000;

export function connectionFromStream(
  stream: Duplex,
  info: ByteConnectionInfo,
  limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
): ByteConnection {
  let onData: ((bytes: Uint8Array) => void) | undefined;
  const closeListeners: Array<(error?: Error) => void> = [];
  const authListeners: Array<() => void> = [];
  let failure: Error | undefined;
  let closed = false;
  let authenticated = false;
  let received = 0;
  let unconsumed = 0;
  let paused = false;
  // How far a stranger's handshake got, as main can tell without keys: whole frames it sent.
  // The stranger pool evicts those that got least far first (limits.ts); the renderer still checks every frame.
  let frames: FrameDecoder | undefined = new FrameDecoder(MAX_HANDSHAKE_FRAME_BYTES);
  let handshakeFrames = 0;

  const cutOff = (why: string): void => {
    failure ??= new Error(why);
    stream.destroy();
  };
  const deadline = setTimeout(() => cutOff('the peer did not authenticate in time'), limits.handshakeMs);
  deadline.unref();

  stream.on('error', (e: Error) => (failure ??= e));
  // We never keep a half-open stream: when the peer ends its side, we end ours.
  stream.on('end', () => stream.end());
  stream.on('close', () => {
    if (closed) return;
    closed = true;
    clearTimeout(deadline);
    for (const listener of closeListeners.splice(0)) listener(failure);
  });

  return {
    info,
    write(bytes) {
      if (!closed && !stream.writableEnded && !stream.destroyed) stream.write(bytes);
    },
    end() {
      if (closed || stream.writableEnded) return;
      stream.end();
      setTimeout(() => stream.destroy(), END_GRACE_MS).unref();
    },
    destroy() {
      stream.destroy();
    },
    onData(listener) {
      onData = listener;
      // Attaching the listener starts the flow; until then the stream's own
      // buffer holds what arrived (bounded by backpressure), so nothing is lost.
      stream.on('data', (chunk: Uint8Array) => {
        if (closed) return;
        received += chunk.length;
        if (!authenticated && received > limits.strangerBytes)
          return cutOff('the peer sent too much before authenticating');
        if (!authenticated && frames) {
          try {
            handshakeFrames += frames.push(chunk).length;
          } catch {
            frames = undefined; // a frame too large for a handshake: the renderer refuses it; we stop counting
          }
        }
        unconsumed += chunk.length;
        onData?.(chunk);
        if (!paused && unconsumed >= limits.windowBytes) {
          paused = true;
          stream.pause();
        }
      });
    },
    onClose(listener) {
      if (closed) listener(failure);
      else closeListeners.push(listener);
    },
    consumed(count) {
      unconsumed = Math.max(0, unconsumed - count);
      if (paused && unconsumed <= limits.windowBytes / 2) {
        paused = false;
        if (!closed) stream.resume();
      }
    },
    authenticated() {
      if (authenticated || closed) return;
      authenticated = true;
      frames = undefined;
      clearTimeout(deadline);
      for (const listener of authListeners.splice(0)) listener();
    },
    get isAuthenticated() {
      return authenticated;
    },
    get handshakeFrames() {
      return handshakeFrames;
    },
    onAuthenticated(listener) {
      if (authenticated) listener();
      else authListeners.push(listener);
    },
  };
}

/** The sync protocol's view of a connection. Closing the channel ends the connection gracefully. */
export function channelOfConnection(connection: ByteConnection): ByteChannel {
  const core = createChannelCore({
    write: (bytes) => connection.write(bytes),
    shutdown: () => connection.end(),
    authenticated: () => connection.authenticated(),
  });
  connection.onData((bytes) => {
    void core.deliver(bytes).then(
      () => connection.consumed(bytes.length),
      () => connection.destroy(), // a receiver that failed on the bytes will not read on
    );
  });
  connection.onClose((error) => core.ended(error ? { local: false, reason: error.message } : { local: false }));
  return core.channel;
}
