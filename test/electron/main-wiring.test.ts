/**
 * Smoke test of electron/main.ts, the thin wiring: it is loaded against a hand-written fake of the
 * `electron` module (the one allowed mock; the real module cannot load outside Electron) and we
 * check that it hardens, registers and wires what the tested pieces expect.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { invokeChannelNames } from '../../shared/ipc/contract';
import { FakeEmitter, FakeWebContents, fakeEvent } from './fakes';

interface Recorded {
  calls: Array<[string, ...unknown[]]>;
  windows: FakeWindow[];
  handled: string[];
  listeners: Map<string, (event: unknown, payload: unknown) => Promise<unknown>>;
  app: FakeEmitter;
  powerMonitor: FakeEmitter;
}

class FakeWindow extends FakeEmitter {
  static recorded: Recorded;
  readonly webContents = Object.assign(new FakeWebContents(), {
    id: 1,
    mainFrame: { url: 'app://renderer/index.html', parent: null, processId: 1, routingId: 1 },
    sent: [] as unknown[][],
    send(...args: unknown[]) {
      this.sent.push(args);
    },
    postMessage() {},
    isCrashed: () => false,
  });
  closed = 0;
  close() {
    this.closed++;
  }
  loaded: string[] = [];
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    FakeWindow.recorded.windows.push(this);
  }
  once(name: string, listener: () => void) {
    return this.on(name, listener);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
}

const userData = mkdtempSync(path.join(tmpdir(), 'user-data-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

function fakeElectron(gotLock: boolean) {
  const recorded: Recorded = {
    calls: [],
    windows: [],
    handled: [],
    listeners: new Map(),
    app: new FakeEmitter(),
    powerMonitor: new FakeEmitter(),
  };
  FakeWindow.recorded = recorded;
  const record =
    (name: string, result?: unknown) =>
    (...args: unknown[]) => {
      recorded.calls.push([name, ...args]);
      return result;
    };
  const session = {
    setPermissionRequestHandler: record('setPermissionRequestHandler'),
    setPermissionCheckHandler: record('setPermissionCheckHandler'),
    setDevicePermissionHandler: record('setDevicePermissionHandler'),
    setSpellCheckerEnabled: record('setSpellCheckerEnabled'),
    webRequest: { onBeforeRequest: record('onBeforeRequest'), onHeadersReceived: record('onHeadersReceived') },
    clearStorageData: record('clearStorageData', Promise.resolve()),
  };
  const app = Object.assign(recorded.app, {
    isPackaged: true,
    enableSandbox: record('enableSandbox'),
    requestSingleInstanceLock: record('requestSingleInstanceLock', gotLock),
    quit: record('quit'),
    whenReady: () => Promise.resolve(),
    getName: () => 'Sealed Roster',
    getVersion: () => '0.1.0',
    getPath: (name: string) => {
      recorded.calls.push(['getPath', name]);
      return userData;
    },
  });
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {},
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) => {
        recorded.handled.push(channel);
        recorded.listeners.set(channel, listener);
      },
    },
    MessageChannelMain: class {},
    powerMonitor: recorded.powerMonitor,
    protocol: { registerSchemesAsPrivileged: record('registerSchemesAsPrivileged'), handle: record('protocol.handle') },
    session: { defaultSession: session },
  };
  return { electron, recorded };
}

async function loadMain(gotLock: boolean): Promise<Recorded> {
  const { electron, recorded } = fakeElectron(gotLock);
  jest.isolateModules(() => {
    jest.doMock('electron', () => electron);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fake is installed
    require('../../electron/main');
  });
  await new Promise((resolve) => setImmediate(resolve));
  return recorded;
}

const called = (r: Recorded, name: string) => r.calls.filter(([n]) => n === name);

describe('electron/main.ts wiring (with a fake electron module)', () => {
  let r: Recorded;
  beforeAll(async () => {
    r = await loadMain(true);
  });

  it('registers app:// as a standard, secure scheme and sandboxes every renderer', () => {
    expect(called(r, 'registerSchemesAsPrivileged')[0]?.[1]).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(called(r, 'enableSandbox')).toHaveLength(1);
  });

  it('hardens the session and serves the renderer from app://', () => {
    for (const name of [
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'onBeforeRequest',
      'onHeadersReceived',
    ]) {
      expect(called(r, name)).toHaveLength(1);
    }
    expect(called(r, 'protocol.handle')[0]?.[1]).toBe('app');
  });

  it('opens one hardened window on the app:// entry', () => {
    expect(r.windows).toHaveLength(1);
    const window = r.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(window.loaded).toEqual(['app://renderer/index.html']);
  });

  it('registers a handler for every contract channel', () => {
    expect([...r.handled].sort()).toEqual([...invokeChannelNames].sort());
  });

  it('guards every new WebContents', () => {
    const contents = new FakeWebContents();
    r.app.emit('web-contents-created', fakeEvent(), contents);
    const navigation = fakeEvent();
    contents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('tells the renderer to lock when the screen locks or the machine sleeps', () => {
    r.powerMonitor.emit('lock-screen');
    r.powerMonitor.emit('suspend');
    expect(r.windows[0]!.webContents.sent).toEqual([
      ['app:lock', { reason: 'lock-screen' }],
      ['app:lock', { reason: 'suspend' }],
    ]);
  });

  it('holds the window open when it is asked to close until the renderer says it has locked', async () => {
    const window = r.windows[0]!;
    const close = fakeEvent();
    window.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(window.webContents.sent.at(-1)).toEqual(['app:closing', {}]);
    const ready = r.listeners.get('app:readyToClose')!;
    const fromOurWindow = { sender: { id: window.webContents.id }, senderFrame: window.webContents.mainFrame };
    expect(await ready(fromOurWindow, {})).toEqual({ ok: true, value: undefined });
    expect(window.closed).toBe(1);
  });

  it('hands a bundle file opened from the OS to the renderer when it asks', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'open-file-'));
    try {
      const file = path.join(dir, 'chapter.sroster');
      writeFileSync(file, new Uint8Array([1, 2, 3]));
      const event = fakeEvent();
      r.app.emit('open-file', event, file);
      expect(event.defaultPrevented).toBe(true);
      const window = r.windows[0]!.webContents;
      const fromOurWindow = { sender: { id: window.id }, senderFrame: window.mainFrame };
      const take = r.listeners.get('bundle:takePending')!;
      const expected = { name: 'chapter.sroster', bytes: new Uint8Array([1, 2, 3]) };
      // The file is read asynchronously. If the read ends before the renderer asks, the file waits
      // in the queue; if after, the renderer is listening by then and gets it as an event. Both are right;
      // either way it must arrive exactly once.
      const taken = (await take(fromOurWindow, {})) as { ok: true; value: unknown[] };
      const delivered = () => window.sent.filter(([channel]) => channel === 'bundle:opened');
      for (let i = 0; i < 400 && taken.value.length === 0 && delivered().length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect([...taken.value, ...delivered().map(([, file]) => file)]).toEqual([expected]);
      expect(await take({ sender: { id: 99 }, senderFrame: window.mainFrame }, {})).toMatchObject({
        ok: false,
        code: 'ipc-forbidden-sender',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a second launch', () => {
  it('quits at once when another instance holds the lock, opening no window', async () => {
    const r = await loadMain(false);
    expect(called(r, 'quit')).toHaveLength(1);
    expect(r.windows).toHaveLength(0);
    expect(r.handled).toHaveLength(0);
  });
});
