/**
 * The preload API over the browser host's WebSocket (electron/browser-host/), for tests and
 * development in a plain browser. Same interface as `window.sealedRoster`; each network connection
 * becomes a real MessagePort in the page (a MessageChannel made here), announced exactly as the
 * preload announces Electron's ports, so the renderer's sync code cannot tell the two apart.
 */
import type { SealedRosterApi, Unsubscribe } from '../../shared/ipc/api';
import type { ConnectionMeta } from '../../shared/ipc/contract';
import {
  decodeHostFrame,
  encodeConnectionData,
  encodeWireMessage,
  HOST_SOCKET_PATH,
  HOST_TOKEN_PARAM,
  type ClientMessage,
  type HostMessage,
} from '../../shared/ipc/host-wire';
import type { IpcResult } from '../../shared/ipc/result';
import { buildApi } from '../../shared/ipc/build-api';

/** The parts of a WebSocket used here (the browser's, or `ws` in Node tests). */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface HostClientOptions {
  /** The host's origin, e.g. http://127.0.0.1:43125 */
  readonly origin: string;
  readonly token: string;
  /** Defaults to the browser's WebSocket. */
  readonly openSocket?: (url: string) => SocketLike;
  /** Hands a new connection's port to the page; defaults to the preload's window.postMessage announcement. */
  readonly announce: (meta: ConnectionMeta, port: MessagePort) => void;
}

export interface HostClient {
  readonly api: SealedRosterApi;
  close(): void;
}

const OPEN = 1;

export function connectToHost(options: HostClientOptions): HostClient {
  const url = `${options.origin.replace(/^http/, 'ws')}${HOST_SOCKET_PATH}?${HOST_TOKEN_PARAM}=${encodeURIComponent(options.token)}`;
  const socket = options.openSocket ? options.openSocket(url) : (new WebSocket(url) as unknown as SocketLike);
  socket.binaryType = 'arraybuffer';

  let nextId = 0;
  let closed = false;
  const waiting: Uint8Array[] = [];
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const subscribers = new Map<string, Set<(payload: unknown) => void>>();
  const ports = new Map<string, MessagePort>();

  const sendFrame = (frame: Uint8Array): void => {
    if (closed) return;
    if (socket.readyState === OPEN) socket.send(frame);
    else waiting.push(frame);
  };
  const send = (message: ClientMessage): void => sendFrame(encodeWireMessage(message));

  /** Whatever the renderer posts goes to the host as is: the host validates it (pipeConnectionToPort). */
  const forward = (connectionId: string, data: unknown): void => {
    const message = data as { type?: unknown; bytes?: unknown } | null;
    if (message?.type === 'data' && message.bytes instanceof Uint8Array) {
      sendFrame(encodeConnectionData(connectionId, message.bytes));
      return;
    }
    try {
      send({ t: 'port', connectionId, message: data });
    } catch {
      send({ t: 'port', connectionId, message: null }); // not encodable: still refused by the host
    }
  };

  const closePort = (connectionId: string): void => {
    ports.get(connectionId)?.close();
    ports.delete(connectionId);
  };

  const adopt = (meta: ConnectionMeta): void => {
    const { connectionId } = meta;
    const channel = new MessageChannel();
    const local = channel.port1;
    ports.set(connectionId, local);
    local.onmessage = (event) => forward(connectionId, event.data);
    // Chromium reports a port closed by the renderer; then the host destroys the socket.
    local.addEventListener('close', () => {
      if (ports.delete(connectionId)) send({ t: 'portClosed', connectionId });
    });
    options.announce(meta, channel.port2);
  };

  const onHostMessage = (message: HostMessage): void => {
    switch (message.t) {
      case 'result':
        pending.get(message.id)?.(message.result as IpcResult<unknown>);
        pending.delete(message.id);
        return;
      case 'event':
        for (const listener of [...(subscribers.get(message.channel) ?? [])]) listener(message.payload);
        return;
      case 'connection':
        return adopt(message.meta);
      case 'port':
        ports.get(message.connectionId)?.postMessage(message.message);
        return;
      case 'portClosed':
        return closePort(message.connectionId);
    }
  };

  const shutDown = (): void => {
    if (closed) return;
    closed = true;
    waiting.length = 0;
    const failure = { ok: false, code: 'ipc-failed', message: 'the browser host connection closed' } as const;
    for (const resolve of pending.values()) resolve(failure);
    pending.clear();
    for (const [connectionId, port] of ports) {
      port.postMessage({ type: 'error', code: 'net-failed', message: 'the browser host connection closed' });
      closePort(connectionId);
    }
  };

  socket.addEventListener('open', () => {
    for (const frame of waiting.splice(0)) socket.send(frame);
  });
  socket.addEventListener('message', (event) => {
    if (!(event.data instanceof ArrayBuffer)) return;
    let frame: ReturnType<typeof decodeHostFrame>;
    try {
      frame = decodeHostFrame(new Uint8Array(event.data));
    } catch {
      return socket.close(); // the host speaks this protocol or nothing
    }
    if (frame.kind === 'message') onHostMessage(frame.message);
    else ports.get(frame.connectionId)?.postMessage({ type: 'data', bytes: frame.bytes }, [frame.bytes.buffer]);
  });
  socket.addEventListener('close', shutDown);
  socket.addEventListener('error', shutDown);

  const api = buildApi({
    invoke(channel, payload) {
      if (closed) {
        return Promise.resolve({ ok: false, code: 'ipc-failed', message: 'the browser host connection closed' });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        try {
          send({ t: 'invoke', id, channel, payload });
        } catch {
          // Not silent: the caller gets an ipc-bad-request answer below.
          pending.delete(id);
          resolve({ ok: false, code: 'ipc-bad-request', message: `${channel} refused: the request cannot be sent` });
        }
      });
    },
    subscribe(channel, listener): Unsubscribe {
      const set = subscribers.get(channel) ?? new Set();
      subscribers.set(channel, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  });

  return {
    api,
    close() {
      socket.close();
      shutDown();
    },
  };
}
