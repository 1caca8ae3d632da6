/**
 * One authenticated page, seen from the host: decodes what it sends, runs invokes through the SAME
 * `dispatch` as Electron's ipcMain (sender check, zod validation, handler), and carries its
 * connections' ports (socket-port.ts) over the WebSocket.
 */
import type { WebSocket } from 'ws';
import { isAppError } from '../../shared/errors';
import {
  invokeChannels,
  type ConnectionMeta,
  type EventChannelName,
  type InvokeChannelName,
  type PayloadOf,
} from '../../shared/ipc/contract';
import {
  decodeClientFrame,
  encodeConnectionData,
  encodeWireMessage,
  type ClientMessage,
  type HostMessage,
} from '../../shared/ipc/host-wire';
import type { IpcResult } from '../../shared/ipc/result';
import type { SenderInfo } from '../ipc/sender';
import type { SocketPort } from './socket-port';

/** The WebSocket close code for a page that broke the wire protocol (RFC 6455: policy violation). */
export const CLOSE_POLICY = 1008;
/** Sent to an older page when a newer one connects: like Electron, the host serves one window. */
export const CLOSE_REPLACED = 4001;

export type Invoke = (channel: InvokeChannelName, payload: unknown, sender: SenderInfo) => Promise<IpcResult<unknown>>;

/**
 * The "sender" of an invoke that came over the WebSocket, in the shape `dispatch` checks. The page
 * proved the token when it connected; the ids name its socket, so the check can tell the current
 * page from one that has been replaced (see `createPageSenderCheck`).
 */
export function pageSender(clientId: number, origin: string): SenderInfo {
  return {
    sender: { id: clientId },
    senderFrame: { url: `${origin}/`, parent: null, processId: 0, routingId: clientId },
  };
}

/** Only the current page may call, as in Electron only our window's main frame may. */
export function createPageSenderCheck(current: () => PageClient | null): (event: SenderInfo) => boolean {
  return (event) => {
    const page = current();
    const frame = event.senderFrame;
    return (
      page !== null &&
      page.isOpen &&
      event.sender.id === page.id &&
      frame !== null &&
      frame.parent === null &&
      frame.routingId === page.id
    );
  };
}

export class PageClient {
  private readonly ports = new Map<string, SocketPort>();

  constructor(
    readonly id: number,
    private readonly socket: WebSocket,
    private readonly origin: string,
    private readonly invoke: Invoke,
  ) {
    socket.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    socket.on('close', () => this.gone());
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  sendEvent<E extends EventChannelName>(channel: E, payload: PayloadOf<E>): void {
    this.send({ t: 'event', channel, payload });
  }

  /** Hands a connection's port to the page (the `send` of `createConnectionAnnouncer`). */
  adopt(meta: ConnectionMeta, port: SocketPort): void {
    const { connectionId } = meta;
    this.ports.set(connectionId, port);
    this.send({ t: 'connection', meta });
    port.attach({
      post: (message) => {
        if (message.type === 'data') this.sendBytes(encodeConnectionData(connectionId, message.bytes));
        else this.send({ t: 'port', connectionId, message });
      },
      closed: () => {
        if (this.ports.delete(connectionId)) this.send({ t: 'portClosed', connectionId });
      },
    });
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  private send(message: HostMessage): void {
    this.sendBytes(encodeWireMessage(message));
  }

  private sendBytes(bytes: Uint8Array): void {
    if (this.isOpen) this.socket.send(bytes, { binary: true });
  }

  private onFrame(data: unknown, isBinary: boolean): void {
    let frame: ReturnType<typeof decodeClientFrame>;
    try {
      if (!isBinary || !(data instanceof Uint8Array)) throw new Error('text frames are not part of the protocol');
      frame = decodeClientFrame(data);
    } catch (error) {
      // A page that breaks the envelope is buggy or hostile: say why and hang up.
      this.close(CLOSE_POLICY, isAppError(error) ? error.message : 'browser host message refused: binary only');
      return;
    }
    if (frame.kind === 'data') this.ports.get(frame.connectionId)?.receive({ type: 'data', bytes: frame.bytes });
    else void this.onMessage(frame.message);
  }

  private async onMessage(message: ClientMessage): Promise<void> {
    switch (message.t) {
      case 'invoke': {
        const result = Object.hasOwn(invokeChannels, message.channel)
          ? await this.invoke(message.channel as InvokeChannelName, message.payload, pageSender(this.id, this.origin))
          : ({ ok: false, code: 'ipc-bad-request', message: 'refused: no such channel' } as const);
        this.send({ t: 'result', id: message.id, result });
        return;
      }
      case 'port':
        this.ports.get(message.connectionId)?.receive(message.message);
        return;
      case 'portClosed': {
        const port = this.ports.get(message.connectionId);
        this.ports.delete(message.connectionId);
        port?.remoteClosed();
      }
    }
  }

  /** The page went away (reload, closed tab, replaced): every connection it held is destroyed. */
  private gone(): void {
    const ports = [...this.ports.values()];
    this.ports.clear();
    for (const port of ports) port.remoteClosed();
  }
}
