/**
 * Direct TCP: a listener for inbound peers and a dialer for a known address
 * (a peer found over mDNS, or host and port typed by hand when multicast
 * does not work on the network).
 */
import * as net from 'net';
import { AppError } from '../../shared/errors';
import type { ByteConnection, ByteConnectionInfo } from '../net-bridge';
import { connectionFromStream } from './connection';
import type { ConnectionLimits } from './limits';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface TcpListener {
  readonly host: string;
  readonly port: number;
  /** Stops accepting; connections already handed over stay open. */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** '0.0.0.0' on a LAN; tests use '127.0.0.1'. */
  readonly host?: string;
  /** 0 lets the OS choose. */
  readonly port?: number;
  readonly listenerId?: string;
  readonly limits?: ConnectionLimits;
}

export function listenTcp(
  options: ListenOptions,
  onConnection: (connection: ByteConnection) => void,
): Promise<TcpListener> {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true); // small frames (heads, live edits) should not wait for Nagle
    const info: ByteConnectionInfo = {
      transport: 'lan',
      direction: 'inbound',
      ...(options.listenerId !== undefined && { listenerId: options.listenerId }),
      ...(socket.remoteAddress !== undefined && { remoteHost: socket.remoteAddress }),
      ...(socket.remotePort !== undefined && { remotePort: socket.remotePort }),
    };
    onConnection(connectionFromStream(socket, info, options.limits));
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new AppError('net-failed', `could not listen (${e.code ?? 'error'})`)),
    );
    server.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        host: address.address,
        port: address.port,
        close: () =>
          new Promise((done) => {
            server.close();
            done();
          }),
      });
    });
  });
}

export function connectTcp(
  host: string,
  port: number,
  timeoutMs: number = DEFAULT_CONNECT_TIMEOUT_MS,
  limits?: ConnectionLimits,
): Promise<ByteConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (why: string) => {
      socket.destroy();
      reject(new AppError('net-failed', `could not connect (${why})`));
    };
    const timer = setTimeout(() => fail('timeout'), timeoutMs);
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(e.code ?? 'error');
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(
        connectionFromStream(
          socket,
          { transport: 'lan', direction: 'outbound', remoteHost: host, remotePort: port },
          limits,
        ),
      );
    });
  });
}
