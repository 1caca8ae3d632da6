/**
 * Main-side handlers with real files in a temp directory. The Electron dialog is a fake (the one
 * allowed mock) that "chooses" a path; the network bridge is the recording stand-in.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHandlers } from '../../electron/ipc/handlers';
import { createFileAccess, readLimitedFile, type FileDialogs } from '../../electron/os/files';
import { isAppError } from '../../shared/errors';
import { unusedBackups } from './backup/fixtures';
import { MemoryConnection, RecordingBridge } from './ipc-fixtures';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'handlers-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fake Electron dialog that answers with the given path (or cancels) and records its options. */
function fakeDialog(answer: string | null) {
  const asked: unknown[] = [];
  const dialog = {
    showOpenDialog: async (...args: unknown[]) => {
      asked.push(args.at(-1));
      return { canceled: answer === null, filePaths: answer === null ? [] : [answer] };
    },
    showSaveDialog: async (...args: unknown[]) => {
      asked.push(args.at(-1));
      return { canceled: answer === null, filePath: answer ?? '' };
    },
  };
  return { dialog: dialog as unknown as FileDialogs, asked };
}

function handlersWith(dialog: FileDialogs, bridge = new RecordingBridge()) {
  const announced: MemoryConnection[] = [];
  const handlers = createHandlers({
    appInfo: () => ({ name: 'n', version: 'v', electronVersion: 'e', platform: 'p', contractVersion: 1 }),
    files: createFileAccess(dialog, () => null),
    takePendingBundles: () => [{ name: 'a.sroster', bytes: new Uint8Array([1]) }],
    network: bridge,
    announce: (c) => {
      announced.push(c as MemoryConnection);
      return { connectionId: `c${announced.length}`, ...c.info };
    },
    backups: unusedBackups,
    readyToClose: () => undefined,
  });
  return { handlers, bridge, announced };
}

describe('file dialogs', () => {
  it('opens a CSV: only its base name and bytes reach the renderer', async () => {
    const file = path.join(dir, 'national-list.csv');
    writeFileSync(file, 'AK_ID,first_name\n1,Ana\n');
    const { dialog, asked } = fakeDialog(file);
    const opened = await handlersWith(dialog).handlers['dialog:openCsv']({});
    expect(opened?.name).toBe('national-list.csv');
    expect(Buffer.from(opened!.bytes).toString()).toBe('AK_ID,first_name\n1,Ana\n');
    expect(asked[0]).toMatchObject({ filters: [{ extensions: ['csv'] }] });
  });

  it('returns null when the user cancels', async () => {
    expect(await handlersWith(fakeDialog(null).dialog).handlers['dialog:openBundle']({})).toBeNull();
    expect(
      await handlersWith(fakeDialog(null).dialog).handlers['dialog:saveCsv']({
        suggestedName: 'x.csv',
        bytes: new Uint8Array(1),
      }),
    ).toEqual({ saved: false });
  });

  it('saves bundle bytes under the chosen name, leaving no temporary file', async () => {
    const target = path.join(dir, 'chapter.sroster');
    const { dialog, asked } = fakeDialog(target);
    const result = await handlersWith(dialog).handlers['dialog:saveBundle']({
      suggestedName: 'chapter.sroster',
      bytes: new Uint8Array([5, 6, 7]),
    });
    expect(result).toEqual({ saved: true });
    expect(new Uint8Array(readFileSync(target))).toEqual(new Uint8Array([5, 6, 7]));
    expect(readdirSync(dir)).toEqual(['chapter.sroster']);
    expect(asked[0]).toMatchObject({ defaultPath: 'chapter.sroster', filters: [{ extensions: ['sroster'] }] });
  });

  it('saves a PDF under the chosen name, offering only PDF files', async () => {
    const target = path.join(dir, 'call-sheet.pdf');
    const { dialog, asked } = fakeDialog(target);
    const result = await handlersWith(dialog).handlers['dialog:savePdf']({
      suggestedName: 'call-sheet.pdf',
      bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    });
    expect(result).toEqual({ saved: true });
    expect(readFileSync(target).toString()).toBe('%PDF');
    expect(asked[0]).toMatchObject({ defaultPath: 'call-sheet.pdf', filters: [{ extensions: ['pdf'] }] });
  });

  it('a failed save reports file-failed and leaves nothing behind', async () => {
    const { dialog } = fakeDialog(path.join(dir, 'missing-dir', 'x.csv'));
    const error = await handlersWith(dialog)
      .handlers['dialog:saveCsv']({ suggestedName: 'x.csv', bytes: new Uint8Array(1) })
      .catch((e: unknown) => e);
    expect(isAppError(error, 'file-failed')).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a file above the size limit without reading it, and a directory', async () => {
    const file = path.join(dir, 'big.sroster');
    writeFileSync(file, new Uint8Array(11));
    await expect(readLimitedFile(file, 10)).rejects.toMatchObject({ code: 'file-too-large' });
    await expect(readLimitedFile(dir, 10)).rejects.toMatchObject({ code: 'file-failed' });
    await expect(readLimitedFile(path.join(dir, 'nope'), 10)).rejects.toMatchObject({ code: 'file-failed' });
  });
});

describe('networking handlers', () => {
  const topic = 'cd'.repeat(32);

  it('hands an outbound connection to the renderer and returns its id', async () => {
    const { handlers, bridge, announced } = handlersWith(fakeDialog(null).dialog);
    expect(await handlers['net:connect']({ host: '10.0.0.2', port: 4000 })).toEqual({ connectionId: 'c1' });
    expect(bridge.calls).toEqual([['connect', '10.0.0.2', 4000]]);
    expect(announced[0]?.info).toMatchObject({ remoteHost: '10.0.0.2', remotePort: 4000 });
  });

  it('hands every inbound connection (LAN listener, Hyperswarm topic) to the renderer', () => {
    const { bridge, announced } = handlersWith(fakeDialog(null).dialog);
    const inbound = new MemoryConnection({ transport: 'hyperswarm', direction: 'inbound', topic });
    bridge.inbound?.(inbound);
    expect(announced).toEqual([inbound]);
  });

  it('passes listen, advertise, discover, topics and close through to the bridge', async () => {
    const { handlers, bridge } = handlersWith(fakeDialog(null).dialog);
    await handlers['net:listen']({ tags: ['00ff00ff00ff00ff'] });
    expect(await handlers['net:listen']({ tags: [], port: 41234 })).toEqual({ listenerId: 'listener-1', port: 41234 });
    await handlers['net:advertise']({ listenerId: 'listener-1', tags: ['11ff00ff00ff00ff'] });
    await handlers['net:discover']({ tags: ['00ff00ff00ff00ff'], timeoutMs: 250 });
    await handlers['net:joinTopic']({ topic });
    await handlers['net:leaveTopic']({ topic });
    await handlers['net:close']({ listenerId: 'listener-1' });
    await handlers['net:close']({ all: true });
    expect(bridge.calls).toEqual([
      ['listen', ['00ff00ff00ff00ff'], undefined],
      ['listen', [], 41234],
      ['advertise', 'listener-1', ['11ff00ff00ff00ff']],
      ['discover', ['00ff00ff00ff00ff'], 250],
      ['joinTopic', topic],
      ['leaveTopic', topic],
      ['closeListener', 'listener-1'],
      ['closeAll'],
    ]);
  });

  it('returns pending bundles and app info', async () => {
    const { handlers } = handlersWith(fakeDialog(null).dialog);
    expect(await handlers['bundle:takePending']({})).toHaveLength(1);
    expect((await handlers['app:info']({})).contractVersion).toBe(1);
  });
});
