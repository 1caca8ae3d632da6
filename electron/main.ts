/**
 * The Electron main process: thin wiring only. The logic lives in small functions that take
 * Electron objects as parameters (window/, ipc/, os/) and is tested in Node.
 * No remote content, no telemetry: no crashReporter, no autoUpdater, nothing fetched.
 */
import { app, BrowserWindow, dialog, ipcMain, MessageChannelMain, powerMonitor, protocol, session } from 'electron';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { IPC_CONTRACT_VERSION, LIMITS, NET_CONNECTION_CHANNEL } from '../shared/ipc/contract';
import { createConnectionAnnouncer } from './ipc/connection-port';
import { registerHandlers } from './ipc/dispatch';
import { sendEvent } from './ipc/events';
import { createHandlers } from './ipc/handlers';
import { createSenderCheck } from './ipc/sender';
import type { NetworkBridge } from './net-bridge';
import { createNetworkBridge } from './net/bridge';
import { createBackupService, type BackupService } from './backup/service';
import { createFileAccess, readLimitedFile, type FileAccess } from './os/files';
import { onSystemLock } from './os/lock';
import { BundleInbox, bundlePathsFromArgv } from './os/opened-bundles';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './window/app-origin';
import { guardWindowClose, type CloseGuard } from './window/close-guard';
import { createAppProtocolHandler } from './window/app-protocol';
import { guardWebContents, hardenSession } from './window/guards';
import { createMainWindow as buildMainWindow } from './window/options';

const RENDERER_ROOT = path.join(__dirname, '..', 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.js');

// Must run before 'ready': app:// behaves like https (standard, secure origin, fetch, modules).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let closeGuard: CloseGuard | null = null;
// Opens no socket until the renderer asks (listen / discover / connect / joinTopic).
const network: NetworkBridge = createNetworkBridge();
const inbox = new BundleInbox({
  read: (file) => readLimitedFile(file, LIMITS.bundleBytes),
  deliver: (file) => {
    if (!mainWindow || mainWindow.isDestroyed()) return false;
    sendEvent(mainWindow.webContents, 'bundle:opened', file);
    return true;
  },
  onError: (error) => console.error('a bundle file opened from the OS could not be read:', (error as Error).message),
});

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function createMainWindow(): BrowserWindow {
  const window = buildMainWindow(BrowserWindow, { preloadPath: PRELOAD_PATH, devTools: !app.isPackaged });
  window.once('ready-to-show', () => window.show());
  // Quitting waits for the renderer to write what is pending and lock (SECURITY.md "Crash safety and backups").
  closeGuard = guardWindowClose(window, () => {
    if (window.isDestroyed() || window.webContents.isCrashed()) return false;
    sendEvent(window.webContents, 'app:closing', {});
    return true;
  });
  window.webContents.on('did-start-loading', () => inbox.rendererGone());
  window.on('closed', () => {
    inbox.rendererGone();
    mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** The second copy of the vault, the marker and folder backups, in the app's own data folder (never a key). */
function createBackups(files: FileAccess): BackupService {
  return createBackupService({
    dir: path.join(app.getPath('userData'), 'backups'),
    chooseFolder: async () => {
      const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    openBackupFile: async () => (await files.open('backup'))?.bytes ?? null,
    // Chromium keeps deleted IndexedDB records in its files until it compacts them: clearing the origin deletes the files.
    clearBrowserStorage: async () => {
      await session.defaultSession.clearStorageData({ origin: APP_ORIGIN });
      return true;
    },
    logError: (what, error) => console.error(`${what}:`, (error as Error).message),
  });
}

function wireIpc(files: FileAccess, backups: BackupService): void {
  const announce = createConnectionAnnouncer({
    newChannel: () => new MessageChannelMain(),
    newId: () => randomUUID(),
    send: (meta, port) => {
      if (!mainWindow || mainWindow.isDestroyed()) return false;
      mainWindow.webContents.postMessage(NET_CONNECTION_CHANNEL, meta, [port]);
      return true;
    },
  });
  const handlers = createHandlers({
    appInfo: () => ({
      name: app.getName(),
      version: app.getVersion(),
      electronVersion: process.versions.electron ?? 'unknown',
      platform: process.platform,
      contractVersion: IPC_CONTRACT_VERSION,
    }),
    files,
    takePendingBundles: () => inbox.take(),
    network,
    announce,
    backups,
    readyToClose: () => closeGuard?.readyToClose(),
  });
  registerHandlers(ipcMain, {
    handlers,
    isTrustedSender: createSenderCheck(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null)),
    logError: (channel, error) => console.error(`${channel} failed:`, error),
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // macOS delivers "open with" as an event, possibly before 'ready'.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    void inbox.open(file);
  });
  app.on('second-instance', (_event, argv) => {
    focusWindow();
    for (const file of bundlePathsFromArgv(argv)) void inbox.open(file);
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_ROOT));
    const files = createFileAccess(dialog, () => mainWindow);
    const backups = createBackups(files);
    backups.start();
    app.on('will-quit', () => void backups.close());
    wireIpc(files, backups);
    onSystemLock(powerMonitor, (reason) => {
      if (mainWindow && !mainWindow.isDestroyed()) sendEvent(mainWindow.webContents, 'app:lock', { reason });
      void network.closeAll(); // a locked app holds no keys, so it does not sync
    });
    mainWindow = createMainWindow();
    for (const file of bundlePathsFromArgv(process.argv.slice(1))) void inbox.open(file);
  });

  app.on('window-all-closed', () => {
    void network.closeAll().finally(() => app.quit());
  });
}
