/**
 * Hands a network connection to the renderer as a MessagePort that carries bytes (PortMessage).
 * Main only copies opaque, already-encrypted chunks between the socket and the port.
 */
import type { MessagePortMain } from 'electron';
import { portMessageFromRendererSchema, type ConnectionMeta, type PortMessage } from '../../shared/ipc/contract';
import type { ByteConnection } from '../net-bridge';

/** The parts of MessagePortMain used here (tests pass a small fake). */
export type MainPort = Pick<MessagePortMain, 'postMessage' | 'on' | 'start' | 'close'>;

/**
 * Pipes `connection` ↔ `port` until either side ends. A message from the renderer that is not a
 * valid PortMessage (wrong shape, oversized chunk, `error`) ends the connection: it is reported on
 * the port and the socket is destroyed, never written. The renderer's `consumed` and
 * `authenticated` reports go to the connection's flow control and stranger limits.
 */
export function pipeConnectionToPort(connection: ByteConnection, port: MainPort): void {
  let open = true;
  const post = (message: PortMessage): void => port.postMessage(message);
  const finish = (last: PortMessage | null): void => {
    if (!open) return;
    open = false;
    if (last) post(last);
    port.close();
  };

  connection.onData((bytes) => {
    if (open) post({ type: 'data', bytes });
  });
  connection.onClose((error) =>
    finish(error ? { type: 'error', code: 'net-failed', message: error.message } : { type: 'end' }),
  );

  port.on('message', (event) => {
    if (!open) return;
    const parsed = portMessageFromRendererSchema.safeParse(event.data);
    if (!parsed.success) {
      // Report first: destroying may call onClose synchronously, which must not post 'end' instead.
      finish({ type: 'error', code: 'ipc-bad-request', message: 'invalid message on a connection port' });
      connection.destroy();
      return;
    }
    switch (parsed.data.type) {
      case 'data':
        return connection.write(parsed.data.bytes);
      case 'consumed':
        return connection.consumed(parsed.data.count);
      case 'authenticated':
        return connection.authenticated();
      case 'end':
        connection.end();
        finish(null);
    }
  });
  // The renderer closed its end (or reloaded): nobody reads this socket any more.
  port.on('close', () => {
    if (!open) return;
    open = false;
    connection.destroy();
  });
  port.start();
}

export interface PortPair<P> {
  readonly port1: P;
  readonly port2: P;
}

export interface AnnouncerDeps<P extends MainPort> {
  /** `() => new MessageChannelMain()` in Electron. */
  readonly newChannel: () => PortPair<P>;
  /** Posts the renderer's end; false when there is no window to take it. */
  readonly send: (meta: ConnectionMeta, port: P) => boolean;
  readonly newId: () => string;
}

/** Returns a function that gives each connection an id and a port, and sends the port to the renderer. */
export function createConnectionAnnouncer<P extends MainPort>(
  deps: AnnouncerDeps<P>,
): (connection: ByteConnection) => ConnectionMeta {
  return (connection) => {
    const meta: ConnectionMeta = { connectionId: deps.newId(), ...connection.info };
    const { port1, port2 } = deps.newChannel();
    pipeConnectionToPort(connection, port1);
    if (!deps.send(meta, port2)) connection.destroy();
    return meta;
  };
}
