/**
 * The browser host: the production renderer on http://127.0.0.1 and the preload API over one local
 * WebSocket, for end-to-end tests and development in a plain browser. It wires the SAME main-side
 * pieces as electron/main.ts (handlers, dispatch, connection announcer, network bridge, bundle inbox);
 * only the transport to the page differs. The WebSocket needs the per-start random token that is
 * handed to the page in the URL fragment (never sent over HTTP); loopback peers only.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import {
  IPC_CONTRACT_VERSION,
  LIMITS,
  type AppInfo,
  type EventChannelName,
  type PayloadOf,
} from '../../shared/ipc/contract';
import { HOST_SOCKET_PATH, HOST_TOKEN_PARAM } from '../../shared/ipc/host-wire';
import { createConnectionAnnouncer } from '../ipc/connection-port';
import { dispatch } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers';
import { createNetworkBridge, type BridgeCounts, type NetworkBridgeOptions } from '../net/bridge';
import { readLimitedFile } from '../os/files';
import { BundleInbox } from '../os/opened-bundles';
import { createBackupService } from '../backup/service';
import { createHostFiles, type HostFiles } from './host-files';
import { CLOSE_REPLACED, createPageSenderCheck, PageClient } from './page-client';
import { SocketPort } from './socket-port';
import { createStaticHandler, isHostHeaderOurs, isLoopbackPeer } from './static-files';

export interface BrowserHostOptions {
  /** The production renderer build (dist/renderer). */
  readonly rendererRoot: string;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Options for the real transports (tests pass a private mDNS port, a loopback LAN host...). */
  readonly network?: NetworkBridgeOptions;
  /** Where "saved" files go; default: a new private temporary directory, deleted on close (saved CSVs are plaintext). */
  readonly saveDir?: string;
  /**
   * The app's backup folder (electron/backup): the second copy of the vault and its marker. Give a
   * folder that outlives the host to keep them across hosts (the crash harness); default: a new
   * private temporary directory, deleted on close.
   */
  readonly backupDir?: string;
  /**
   * Deletes what the browser keeps for the page's origin, as Electron's session.clearStorageData
   * does for the app; whoever launched the browser can (the tests: DevTools' Storage.clearDataForOrigin).
   * Without it, erasing the vault leaves the browser's own copy to the browser.
   */
  readonly clearBrowserStorage?: (origin: string) => Promise<void>;
  readonly logError?: (what: string, error: unknown) => void;
}

export interface BrowserHost {
  /** Open this in a browser: the page URL with the token in its fragment. */
  readonly url: string;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** The file-dialog stand-in: queue files for "open", find "saved" files in `files.saveDir`. */
  readonly files: HostFiles;
  /** Sends a main → renderer event (e.g. `app:lock`) to the current page; false when there is none. */
  sendEvent<E extends EventChannelName>(channel: E, payload: PayloadOf<E>): boolean;
  /** As if the OS asked the app to open this bundle file. */
  openBundle(file: string): Promise<void>;
  /** The app's backup folder (see BrowserHostOptions.backupDir). */
  readonly backupDir: string;
  /** As if the window were closed: sends `app:closing` and resolves once the page answers `app:readyToClose`. */
  closeWindow(): Promise<void>;
  /** What the networking bridge holds now: listeners, connections, strangers, swarms (for tests). */
  netCounts(): BridgeCounts;
  close(): Promise<void>;
}

function appInfo(): AppInfo {
  let version = '0.0.0';
  try {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    version = manifest.version ?? version;
  } catch {
    // the version is informative only
  }
  return {
    name: 'Sealed Roster (browser host)',
    version,
    electronVersion: 'none',
    platform: process.platform,
    contractVersion: IPC_CONTRACT_VERSION,
  };
}

function tokenMatches(request: IncomingMessage, token: string): boolean {
  const given = Buffer.from(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get(HOST_TOKEN_PARAM) ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function refuseUpgrade(socket: Socket, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const logError = options.logError ?? ((what, error) => console.error(`browser host: ${what}:`, error));
  const token = randomBytes(32).toString('base64url');
  const ownSaveDir = options.saveDir === undefined ? mkdtempSync(path.join(os.tmpdir(), 'sealed-roster-host-')) : null;
  const files = createHostFiles(options.saveDir ?? ownSaveDir!);
  const ownBackupDir =
    options.backupDir === undefined ? mkdtempSync(path.join(os.tmpdir(), 'sealed-roster-backups-')) : null;
  const backupDir = options.backupDir ?? ownBackupDir!;
  const backups = createBackupService({
    dir: backupDir,
    chooseFolder: () => files.chooseFolder(),
    openBackupFile: async () => (await files.open('backup'))?.bytes ?? null,
    clearBrowserStorage: async () => {
      if (!options.clearBrowserStorage) return false;
      await options.clearBrowserStorage(origin());
      return true;
    },
    logError,
  });
  backups.start();
  let closing: (() => void) | null = null;
  const network = createNetworkBridge(options.network);
  let boundPort = 0;
  let current: PageClient | null = null;
  let nextClientId = 1;

  const live = (): PageClient | null => (current?.isOpen ? current : null);
  const inbox = new BundleInbox({
    read: (file) => readLimitedFile(file, LIMITS.bundleBytes),
    deliver: (file) => {
      const page = live();
      page?.sendEvent('bundle:opened', file);
      return page !== null;
    },
    onError: (error) => logError('a bundle file could not be read', error),
  });
  const announce = createConnectionAnnouncer({
    newChannel: () => {
      const port = new SocketPort();
      return { port1: port, port2: port };
    },
    newId: () => randomUUID(),
    send: (meta, port) => {
      const page = live();
      page?.adopt(meta, port);
      return page !== null;
    },
  });
  const handlers = createHandlers({
    appInfo,
    files,
    takePendingBundles: () => inbox.take(),
    network,
    announce,
    backups,
    readyToClose: () => closing?.(),
  });
  const origin = (): string => `http://127.0.0.1:${boundPort}`;
  const isTrustedSender = createPageSenderCheck(() => current);

  const serveFile = createStaticHandler(options.rendererRoot, () => boundPort);
  const server = createServer((request, response) => {
    serveFile(request, response).catch((error: unknown) => {
      logError('serving a file failed', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: LIMITS.bundleBytes + 1024 * 1024 });

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (pathname !== HOST_SOCKET_PATH) return refuseUpgrade(socket, '404 Not Found');
    if (!isLoopbackPeer(request) || !isHostHeaderOurs(request.headers.host, boundPort))
      return refuseUpgrade(socket, '403 Forbidden');
    // Browsers always send Origin on a WebSocket handshake: only our own page may connect.
    if (request.headers.origin !== origin()) return refuseUpgrade(socket, '403 Forbidden');
    if (!tokenMatches(request, token)) return refuseUpgrade(socket, '401 Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => {
      current?.close(CLOSE_REPLACED, 'a newer page connected');
      inbox.rendererGone();
      const page = new PageClient(nextClientId++, ws, origin(), (channel, payload, sender) =>
        dispatch(channel, payload, sender, {
          handlers,
          isTrustedSender,
          logError: (c, error) => logError(`${c} failed`, error),
        }),
      );
      ws.on('close', () => {
        if (current === page) inbox.rendererGone();
      });
      current = page;
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;

  return {
    url: `${origin()}/#${HOST_TOKEN_PARAM}=${token}`,
    origin: origin(),
    port: boundPort,
    token,
    files,
    sendEvent(channel, payload) {
      const page = live();
      page?.sendEvent(channel, payload);
      return page !== null;
    },
    openBundle: (file) => inbox.open(file),
    backupDir,
    closeWindow() {
      return new Promise<void>((resolve) => {
        closing = () => {
          closing = null;
          resolve();
        };
        const page = live();
        if (page) page.sendEvent('app:closing', {});
        else resolve();
      });
    },
    netCounts: () => network.counts(),
    async close() {
      await backups.close();
      for (const ws of sockets.clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await network.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownSaveDir) rmSync(ownSaveDir, { recursive: true, force: true });
      if (ownBackupDir) rmSync(ownBackupDir, { recursive: true, force: true });
    },
  };
}
