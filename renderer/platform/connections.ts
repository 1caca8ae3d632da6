/**
 * Network connections as the renderer sees them, the same under Electron and under the browser
 * host: each arrives as a MessagePort announced on the window (by the preload, or by the host
 * client), and `portChannel` turns the port into the ByteChannel the sync session runs over.
 */
import type { Unsubscribe } from '../../shared/ipc/api';
import { isConnectionAnnouncement, LIMITS, type ConnectionMeta, type PortMessage } from '../../shared/ipc/contract';
import { createChannelCore, type ByteChannel } from '../../shared/sync/channel';

export interface IncomingConnection {
  readonly meta: ConnectionMeta;
  readonly port: MessagePort;
}

/** Calls `listener` for every connection port announced to this window (ignores any other message). */
export function onConnection(listener: (connection: IncomingConnection) => void, target: Window = window): Unsubscribe {
  const receive = (event: MessageEvent): void => {
    // Only our own window announces ports: not a frame, not another origin.
    if (event.source !== target || event.origin !== target.location.origin) return;
    const port = event.ports[0];
    if (!isConnectionAnnouncement(event.data) || event.ports.length !== 1 || !port) return;
    listener({ meta: event.data.meta, port });
  };
  target.addEventListener('message', receive);
  return () => target.removeEventListener('message', receive);
}

/**
 * A connection port as the sync layer's ByteChannel: data in both directions, `end` to close.
 * Received bytes are reported `consumed` once the session has dealt with them (main reads the
 * socket no further ahead than a window), and `authenticated` once its handshake passed.
 */
export function portChannel(port: MessagePort): ByteChannel {
  let open = true;
  const post = (message: PortMessage): void => {
    if (open) port.postMessage(message);
  };
  const core = createChannelCore({
    write(bytes) {
      for (let at = 0; at < bytes.byteLength; at += LIMITS.portChunkBytes) {
        const message: PortMessage = { type: 'data', bytes: bytes.slice(at, at + LIMITS.portChunkBytes) };
        port.postMessage(message);
      }
    },
    shutdown() {
      post({ type: 'end' });
      open = false;
      port.close();
    },
    authenticated() {
      post({ type: 'authenticated' });
    },
  });
  port.onmessage = (event: MessageEvent<PortMessage>) => {
    const message = event.data;
    if (message?.type === 'data' && message.bytes instanceof Uint8Array) {
      const count = message.bytes.byteLength;
      void core.deliver(message.bytes).then(
        () => {
          // In pieces the contract accepts, should main ever hand over a chunk larger than one.
          for (let left = count; left > 0; left -= LIMITS.portChunkBytes) {
            post({ type: 'consumed', count: Math.min(left, LIMITS.portChunkBytes) });
          }
        },
        () => undefined,
      );
      return;
    }
    // `end`, `error` (the socket failed) or anything unexpected: the connection is over.
    open = false;
    core.ended(message?.type === 'error' ? { local: false, reason: message.code } : { local: false });
    port.close();
  };
  return core.channel;
}
