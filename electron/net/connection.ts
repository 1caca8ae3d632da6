/**
 * Node streams (TCP sockets, Hyperswarm Noise streams) as the bridge's
 * ByteConnection, and a ByteConnection as the protocol's ByteChannel (so the
 * sync session can run over a socket in Node tests and tools).
 */
import type { Duplex } from 'stream';
import { createChannelCore, type ByteChannel } from '../../shared/sync/channel';
import type { ByteConnection, ByteConnectionInfo } from '../net-bridge';

/** After `end()`, a peer that never finishes its side is cut off after this long. */
const END_GRACE_MS = 5_000;

export function connectionFromStream(stream: Duplex, info: ByteConnectionInfo): ByteConnection {
  let onData: ((bytes: Uint8Array) => void) | undefined;
  let onClose: ((error?: Error) => void) | undefined;
  let failure: Error | undefined;
  let closed = false;
  let closedBeforeListener = false;

  stream.on('error', (e: Error) => (failure ??= e));
  // We never keep a half-open stream: when the peer ends its side, we end ours.
  stream.on('end', () => stream.end());
  stream.on('close', () => {
    if (closed) return;
    closed = true;
    if (onClose) onClose(failure);
    else closedBeforeListener = true;
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
        if (!closed) onData?.(chunk);
      });
    },
    onClose(listener) {
      onClose = listener;
      if (closedBeforeListener) listener(failure);
    },
  };
}

/** The sync protocol's view of a connection. Closing the channel ends the connection gracefully. */
export function channelOfConnection(connection: ByteConnection): ByteChannel {
  const core = createChannelCore({
    write: (bytes) => connection.write(bytes),
    shutdown: () => connection.end(),
  });
  connection.onData((bytes) => core.deliver(bytes));
  connection.onClose((error) => core.ended(error ? { local: false, reason: error.message } : { local: false }));
  return core.channel;
}
