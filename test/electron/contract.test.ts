/**
 * The IPC contract end to end, minus Electron: every channel has a preload function and a main
 * handler, a malformed payload or a forged sender is refused before any handler runs, and the
 * preload API exposes nothing but the contract. ipcRenderer/ipcMain are small fakes (the one
 * allowed mock); dispatch, zod validation and the handlers are the real code.
 */
import { dispatch, registerHandlers, type DispatchDeps } from '../../electron/ipc/dispatch';
import { createHandlers, type Handlers } from '../../electron/ipc/handlers';
import { createSenderCheck, type SenderInfo } from '../../electron/ipc/sender';
import { createPreloadApi, forwardConnectionPorts, type PreloadIpc } from '../../electron/preload-api';
import type { SealedRosterApi } from '../../shared/ipc/api';
import { apiPathOf, subscriptionNameOf } from '../../shared/ipc/api';
import {
  eventChannelNames,
  invokeChannelNames,
  IPC_CONTRACT_VERSION,
  isConnectionAnnouncement,
  LIMITS,
  NET_CONNECTION_CHANNEL,
  type InvokeChannelName,
} from '../../shared/ipc/contract';
import { appErrorFromIpc, type IpcResult } from '../../shared/ipc/result';
import { tempBackups } from './backup/fixtures';
import { forgedSenders, RecordingBridge, trustedSender, trustedWindow } from './ipc-fixtures';

const backupsForContract = tempBackups();
afterAll(() => backupsForContract.dispose());

const TOPIC = 'ab'.repeat(32);
const TAG = '0123456789abcdef';
const UUID = '2f1c1a52-5f3a-4c59-9d0e-6f0f3c1e9b7a';

/** One valid request per channel; a test below checks that this table covers the whole contract. */
const validRequests: Record<InvokeChannelName, unknown> = {
  'app:info': {},
  'bundle:takePending': {},
  'dialog:openCsv': {},
  'dialog:openBundle': {},
  'dialog:saveCsv': { suggestedName: 'members.csv', bytes: new Uint8Array([1]) },
  'dialog:saveBundle': { suggestedName: 'chapter.sroster', bytes: new Uint8Array([1]) },
  'dialog:savePdf': { suggestedName: 'call-sheet.pdf', bytes: new Uint8Array([1]) },
  'net:listen': { tags: [TAG] },
  'net:advertise': { listenerId: 'listener-1', tags: [TAG] },
  'net:discover': { tags: [TAG], timeoutMs: 500 },
  'net:addresses': {},
  'net:connect': { host: '192.168.1.20', port: 45124 },
  'net:joinTopic': { topic: TOPIC },
  'net:leaveTopic': { topic: TOPIC },
  'net:close': { all: true },
  'backup:status': {},
  'mirror:append': { frames: [{ seq: 1, bytes: new Uint8Array([1]) }] },
  'mirror:beginBase': { covers: 0 },
  'mirror:addToBase': { uploadId: UUID, bytes: new Uint8Array([1]) },
  'mirror:commitBase': { uploadId: UUID },
  'mirror:openCopy': { source: 'mirror' },
  'mirror:readCopy': { copyId: UUID, from: 0 },
  'mirror:closeCopy': { copyId: UUID },
  'vault:mark': {},
  'vault:unlockFailed': {},
  'vault:unlocked': {},
  'vault:setWipeAfter': { wipeAfter: 10 },
  'vault:erase': {},
  'backup:chooseFolder': {},
  'backup:setSchedule': { every: 'daily' },
  'backup:saveNow': {},
  'app:readyToClose': {},
};

/** Malformed payloads: wrong types, extra keys, bad formats, path tricks, oversize. */
const malformed: Array<[InvokeChannelName, unknown]> = [
  ['app:info', undefined],
  ['app:info', { extra: 1 }],
  ['app:info', 'info'],
  ['bundle:takePending', null],
  ['dialog:openCsv', { path: '/etc/passwd' }],
  ['dialog:saveCsv', { suggestedName: '../members.csv', bytes: new Uint8Array([1]) }],
  ['dialog:saveCsv', { suggestedName: 'a/b.csv', bytes: new Uint8Array([1]) }],
  ['dialog:saveCsv', { suggestedName: 'C:\\x.csv', bytes: new Uint8Array([1]) }],
  ['dialog:saveCsv', { suggestedName: 'a\u0000.csv', bytes: new Uint8Array([1]) }],
  ['dialog:saveCsv', { suggestedName: '..', bytes: new Uint8Array([1]) }],
  ['dialog:saveCsv', { suggestedName: 'm.csv', bytes: [1, 2, 3] }],
  ['dialog:saveCsv', { suggestedName: 'm.csv', bytes: new Uint8Array(LIMITS.csvBytes + 1) }],
  ['dialog:saveBundle', { suggestedName: 'b.sroster', bytes: 'AAAA' }],
  ['dialog:savePdf', { suggestedName: '../sheet.pdf', bytes: new Uint8Array([1]) }],
  ['dialog:savePdf', { suggestedName: 'sheet.pdf', bytes: new Uint8Array(LIMITS.pdfBytes + 1) }],
  ['dialog:saveBundle', { suggestedName: 'b.sroster', bytes: new Uint8Array(1), directory: '/tmp' }],
  ['net:listen', { tags: [TAG], port: 0 }],
  ['net:listen', { tags: [TAG], port: 65536 }],
  ['net:listen', { tags: [TAG], port: 80.5 }],
  ['net:advertise', { tags: [TAG] }],
  ['net:advertise', { listenerId: 'listener-1', tags: ['ABCDEF0123456789'] }],
  ['net:advertise', { listenerId: '../x', tags: [] }],
  ['net:listen', { tags: 'abcdef0123456789' }],
  ['net:listen', { tags: ['not hex at all!!'] }],
  ['net:listen', { tags: ['ABCDEF0123456789'] }],
  ['net:listen', { tags: Array.from({ length: LIMITS.tagsPerRequest + 1 }, () => TAG) }],
  ['net:discover', { tags: [TAG], timeoutMs: 10 * 60_000 }],
  ['net:discover', { tags: [TAG], timeoutMs: 1.5 }],
  ['net:addresses', { interface: 'eth0' }],
  ['net:addresses', null],
  ['net:connect', { host: '192.168.1.20', port: 70000 }],
  ['net:connect', { host: '192.168.1.20', port: '80' }],
  ['net:connect', { host: 'evil host; rm -rf', port: 80 }],
  ['net:connect', { host: '', port: 80 }],
  ['net:joinTopic', { topic: 'abcd' }],
  ['net:joinTopic', { topic: 'zz'.repeat(32) }],
  ['net:leaveTopic', {}],
  ['net:close', {}],
  ['net:close', { all: false }],
  ['net:close', { listenerId: '../../x' }],
  ['mirror:append', { frames: [] }],
  ['mirror:append', { frames: [{ seq: 0, bytes: new Uint8Array([1]) }] }],
  ['mirror:append', { frames: [{ seq: 1.5, bytes: new Uint8Array([1]) }] }],
  ['mirror:append', { frames: [{ seq: 1, bytes: [1, 2] }] }],
  ['mirror:append', { frames: [{ seq: 1, bytes: new Uint8Array(LIMITS.mirrorFrameBytes + 1) }] }],
  [
    'mirror:append',
    {
      frames: Array.from({ length: LIMITS.mirrorFramesPerAppend + 1 }, (_, i) => ({
        seq: i + 1,
        bytes: new Uint8Array(),
      })),
    },
  ],
  ['mirror:beginBase', { covers: -1 }],
  ['mirror:addToBase', { uploadId: '../../etc', bytes: new Uint8Array([1]) }],
  ['mirror:addToBase', { uploadId: UUID, bytes: new Uint8Array(LIMITS.mirrorChunkBytes + 1) }],
  ['mirror:openCopy', { source: '/home/maria/backup.srbackup' }],
  ['mirror:readCopy', { copyId: UUID, from: -1 }],
  ['vault:setWipeAfter', { wipeAfter: 1 }],
  ['vault:setWipeAfter', { wipeAfter: '10' }],
  ['vault:erase', { confirm: true }],
  ['backup:setSchedule', { every: 'hourly' }],
  ['backup:chooseFolder', { folder: '/tmp' }],
];

/** Handlers that only record that they ran: dispatch must never reach them for a refused call. */
function recordingHandlers(): { handlers: Handlers; ran: string[] } {
  const ran: string[] = [];
  const handlers = Object.fromEntries(
    invokeChannelNames.map((channel) => [channel, async () => void ran.push(channel)]),
  ) as unknown as Handlers;
  return { handlers, ran };
}

function realHandlers(): { handlers: Handlers; bridge: RecordingBridge } {
  const bridge = new RecordingBridge();
  const handlers = createHandlers({
    appInfo: () => ({
      name: 'Sealed Roster',
      version: '0.1.0',
      electronVersion: '45',
      platform: 'linux',
      contractVersion: IPC_CONTRACT_VERSION,
    }),
    files: { open: async () => null, save: async () => false },
    takePendingBundles: () => [],
    network: bridge,
    announce: (connection) => ({ connectionId: 'c1', ...connection.info }),
    backups: backupsForContract.backups,
    readyToClose: () => undefined,
  });
  return { handlers, bridge };
}

/** A fake ipcRenderer whose invoke goes straight into main's dispatch, as Electron would carry it. */
function wiredIpc(deps: DispatchDeps, sender: SenderInfo = trustedSender) {
  const listeners = new Map<string, Set<Parameters<PreloadIpc['on']>[1]>>();
  const ipc: PreloadIpc & {
    fire(channel: string, payload: unknown, ports?: unknown[]): void;
    count(c: string): number;
  } = {
    invoke: (channel, payload) => dispatch(channel as InvokeChannelName, payload, sender, deps),
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
    fire: (channel, payload, ports = []) => listeners.get(channel)?.forEach((l) => l({ ports }, payload)),
    count: (channel) => listeners.get(channel)?.size ?? 0,
  };
  return ipc;
}

describe('the IPC contract', () => {
  it('the request table used below covers every channel', () => {
    expect(Object.keys(validRequests).sort()).toEqual([...invokeChannelNames].sort());
  });

  it('every channel has a main-side handler', () => {
    const { handlers } = realHandlers();
    expect(Object.keys(handlers).sort()).toEqual([...invokeChannelNames].sort());
    for (const channel of invokeChannelNames) expect(typeof handlers[channel]).toBe('function');
  });

  it('registerHandlers registers exactly one ipcMain.handle per channel', () => {
    const registered: string[] = [];
    registerHandlers({ handle: (channel: string) => void registered.push(channel) } as never, {
      handlers: realHandlers().handlers,
      isTrustedSender: () => true,
    });
    expect(registered.sort()).toEqual([...invokeChannelNames].sort());
  });

  it('the preload exposes exactly one function per channel and one subscription per event, nothing else', () => {
    const api = createPreloadApi(wiredIpc({ handlers: recordingHandlers().handlers, isTrustedSender: () => true }));
    const expected = [...invokeChannelNames.map(apiPathOf), ...eventChannelNames.map(subscriptionNameOf)].map(
      ({ group, member }) => `${group}.${member}`,
    );
    const exposed = Object.entries(api).flatMap(([group, members]) =>
      Object.entries(members as Record<string, unknown>).map(([member, fn]) => {
        expect(typeof fn).toBe('function');
        return `${group}.${member}`;
      }),
    );
    expect(exposed.sort()).toEqual(expected.sort());
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|send|invoke/i);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each(invokeChannelNames)('%s: a valid request from our window reaches its handler', async (channel) => {
    const { handlers, ran } = recordingHandlers();
    const result = await dispatch(channel, validRequests[channel], trustedSender, {
      handlers,
      isTrustedSender: createSenderCheck(trustedWindow),
    });
    expect(result.ok).toBe(true);
    expect(ran).toEqual([channel]);
  });

  it.each(malformed)('%s refuses the malformed payload %p before acting', async (channel, payload) => {
    const { handlers, ran } = recordingHandlers();
    const result = await dispatch(channel, payload, trustedSender, { handlers, isTrustedSender: () => true });
    expect(result).toMatchObject({ ok: false, code: 'ipc-bad-request' });
    expect(!result.ok && result.message).toContain(channel);
    expect(ran).toEqual([]);
  });

  it('a refusal names the field, never the value sent', async () => {
    const result = await dispatch('net:connect', { host: 'Maria Lopez <maria@example.org>', port: 1 }, trustedSender, {
      handlers: recordingHandlers().handlers,
      isTrustedSender: () => true,
    });
    expect(!result.ok && result.message).toContain('host');
    expect(JSON.stringify(result)).not.toContain('Maria');
  });

  describe.each(forgedSenders)('a forged sender: %s', (_label, sender) => {
    it.each(invokeChannelNames)('is refused on %s before acting', async (channel) => {
      const { handlers, ran } = recordingHandlers();
      const result = await dispatch(channel, validRequests[channel], sender, {
        handlers,
        isTrustedSender: createSenderCheck(trustedWindow),
      });
      expect(result).toMatchObject({ ok: false, code: 'ipc-forbidden-sender' });
      expect(ran).toEqual([]);
    });
  });

  it('refuses every sender once the window is closed', async () => {
    const result = await dispatch('app:info', {}, trustedSender, {
      handlers: recordingHandlers().handlers,
      isTrustedSender: createSenderCheck(() => null),
    });
    expect(result).toMatchObject({ ok: false, code: 'ipc-forbidden-sender' });
  });

  it('an unexpected handler failure is reported by code without its text', async () => {
    const handlers = {
      ...recordingHandlers().handlers,
      'app:info': async () => {
        throw new Error('/home/maria/secret path');
      },
    } as Handlers;
    const logged: unknown[] = [];
    const result = await dispatch('app:info', {}, trustedSender, {
      handlers,
      isTrustedSender: () => true,
      logError: (_c, e) => logged.push(e),
    });
    expect(result).toEqual({ ok: false, code: 'ipc-failed', message: 'app:info failed' });
    expect(logged).toHaveLength(1);
  });
});

describe('the preload API over the real dispatch', () => {
  const { handlers, bridge } = realHandlers();
  const ipc = wiredIpc({ handlers, isTrustedSender: createSenderCheck(trustedWindow) });
  const api: SealedRosterApi = createPreloadApi(ipc);

  it('calls a channel and returns its typed response', async () => {
    const info = await api.app.info();
    expect(info.contractVersion).toBe(IPC_CONTRACT_VERSION);
    const listening: { listenerId: string; port: number } = await api.net.listen({ tags: [TAG] });
    expect(listening).toEqual({ listenerId: 'listener-1', port: 45123 });
    expect(await api.net.discover({ tags: [TAG] })).toEqual({
      peers: [{ host: '192.168.1.20', port: 45124, tags: [TAG] }],
    });
    expect(bridge.calls).toContainEqual(['discover', [TAG], LIMITS.discoverTimeoutMs.default]);
    expect(await api.net.addresses()).toEqual({ addresses: [{ address: '192.168.1.20', family: 'IPv4' }] });
    expect(await api.net.connect({ host: '192.168.1.20', port: 45124 })).toEqual({ connectionId: 'c1' });
    await api.net.close({ listenerId: 'listener-1' });
    await api.net.close({ all: true });
    expect(bridge.calls.slice(-2)).toEqual([['closeListener', 'listener-1'], ['closeAll']]);
  });

  it('carries the second copy of the vault to main and back as bytes', async () => {
    const sealed = new Uint8Array([0, 255, 7, 42]);
    expect(await api.mirror.append({ frames: [{ seq: 1, bytes: sealed }] })).toMatchObject({ lastSeq: 1 });
    const copy = await api.mirror.openCopy({ source: 'mirror' });
    const read = await api.mirror.readCopy({ copyId: copy!.copyId, from: 0 });
    expect(read).toEqual({ frames: [{ seq: 1, bytes: sealed }], next: null });
    expect(await api.vault.mark()).toEqual({ wipeAfter: null, failures: 0 });
    expect((await api.backup.status()).vaultExisted).toBe(true);
  });

  it('is typed by the contract (checked by tsc, never run)', () => {
    const typeChecks = (): void => {
      // @ts-expect-error net.listen needs its request
      void api.net.listen();
      // @ts-expect-error app.info takes no request
      void api.app.info({ extra: 1 });
      // @ts-expect-error the port is a number
      void api.net.connect({ host: 'h', port: '1' });
    };
    expect(typeof typeChecks).toBe('function');
  });

  it('turns a refusal into a rejected promise whose code the renderer can recover', async () => {
    const error = await api.net.joinTopic({ topic: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(appErrorFromIpc(error).code).toBe('ipc-bad-request');
    expect(bridge.calls.some(([name]) => name === 'joinTopic')).toBe(false);
  });

  it('refuses calls from a forged sender through the same path', async () => {
    const forged = createPreloadApi(
      wiredIpc({ handlers, isTrustedSender: createSenderCheck(trustedWindow) }, forgedSenders[2]![1]),
    );
    const error = await forged.app.info().catch((e: unknown) => e);
    expect(appErrorFromIpc(error).code).toBe('ipc-forbidden-sender');
  });

  it('delivers events with their payload only (never the IPC event) and unsubscribes', () => {
    const seen: unknown[] = [];
    const unsubscribe = api.app.onLock((payload) => seen.push(payload));
    ipc.fire('app:lock', { reason: 'suspend' });
    expect(seen).toEqual([{ reason: 'suspend' }]);
    unsubscribe();
    expect(ipc.count('app:lock')).toBe(0);
    ipc.fire('app:lock', { reason: 'lock-screen' });
    expect(seen).toHaveLength(1);
    expect(() => (api.bundle.onOpened as (l: unknown) => unknown)('not a function')).toThrow(TypeError);
  });

  it('forwards a connection port to the page with an announcement the renderer recognises', () => {
    const posted: Array<[unknown, readonly unknown[]]> = [];
    forwardConnectionPorts(ipc, (message, ports) => posted.push([message, ports]));
    const port = { fake: 'MessagePort' };
    ipc.fire(NET_CONNECTION_CHANNEL, { connectionId: 'c9', transport: 'hyperswarm', direction: 'inbound' }, [port]);
    ipc.fire(NET_CONNECTION_CHANNEL, { connectionId: 'c10', transport: 'lan', direction: 'inbound' }, []);
    expect(posted).toHaveLength(1);
    expect(isConnectionAnnouncement(posted[0]![0])).toBe(true);
    expect(posted[0]![1]).toEqual([port]);
    expect(isConnectionAnnouncement({ type: 'something-else' })).toBe(false);
  });

  it('the IpcResult envelope round-trips an AppError code', async () => {
    const failure: IpcResult<never> = { ok: false, code: 'net-failed', message: 'no route' };
    const failing = createPreloadApi({ invoke: async () => failure, on: () => 0, removeListener: () => 0 });
    const error = await failing.app.info().catch((e: unknown) => e);
    expect(appErrorFromIpc(error)).toMatchObject({ code: 'net-failed', message: 'no route' });
    // Electron prefixes errors thrown across invoke; the code survives that too.
    expect(
      appErrorFromIpc(new Error('Error invoking remote method: sealed-roster:net-failed: no route')),
    ).toMatchObject({
      code: 'net-failed',
      message: 'no route',
    });
  });
});
