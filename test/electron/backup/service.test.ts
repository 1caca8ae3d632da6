/**
 * Main's backup service on real files: the marker and the erase-after-N count, folder backups on
 * a schedule, restoring from a backup file, reading a copy in chunks, and erasing everything.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDue, KEEP_EXTERNAL, NO_SETTINGS, SCHEDULE_MS } from '../../../electron/backup/external';
import { READ_CHUNK_BYTES, createBackupService, type BackupServiceDeps } from '../../../electron/backup/service';

let root: string;
beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), 'backup-service-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

function service(overrides: Partial<BackupServiceDeps> = {}) {
  const chosen: (string | null)[] = [];
  const files: (Uint8Array | null)[] = [];
  let cleared = 0;
  let clock = Date.UTC(2025, 2, 14, 9, 30);
  const backups = createBackupService({
    dir: path.join(root, 'backups'),
    chooseFolder: async () => chosen.shift() ?? null,
    openBackupFile: async () => files.shift() ?? null,
    clearBrowserStorage: async () => {
      cleared++;
      return true;
    },
    now: () => clock,
    ...overrides,
  });
  return {
    backups,
    chosen,
    files,
    cleared: () => cleared,
    advance: (ms: number) => (clock += ms),
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the marker', () => {
  test('a new computer has none; once marked, a vault existed, with no erase setting', async () => {
    const { backups } = service();
    expect((await backups.status()).vaultExisted).toBe(false);
    expect(await backups.markVault()).toEqual({ wipeAfter: null, failures: 0 });
    expect((await backups.status()).vaultExisted).toBe(true);
    await backups.close();
  });

  test('wrong attempts are counted on disk and reset by an unlock; changing the setting resets them too', async () => {
    const { backups } = service();
    await backups.markVault();
    await backups.setWipeAfter(5);
    await backups.unlockFailed();
    expect(await backups.unlockFailed()).toEqual({ wipeAfter: 5, failures: 2 });
    // The count survives a restart of main.
    await backups.close();
    const again = service().backups;
    expect((await again.status()).guard).toEqual({ wipeAfter: 5, failures: 2 });
    expect(await again.unlocked()).toEqual({ wipeAfter: 5, failures: 0 });
    await again.unlockFailed();
    expect(await again.setWipeAfter(null)).toEqual({ wipeAfter: null, failures: 0 });
    await again.close();
  });

  test('a damaged marker still says a vault existed (never a first run)', async () => {
    const { backups } = service();
    await backups.markVault();
    writeFileSync(path.join(root, 'backups', 'marker.json'), '{"v":1,"wipeAft');
    expect(await backups.status()).toMatchObject({ vaultExisted: true, guard: { wipeAfter: null, failures: 0 } });
    await backups.close();
  });
});

describe('folder backups', () => {
  test('are due once per day or week after the last one, never when off or without a folder', () => {
    const t = Date.UTC(2025, 0, 1);
    const weekly = { ...NO_SETTINGS, folder: '/media/usb', every: 'weekly' as const, lastAt: t };
    expect(isDue(weekly, t + SCHEDULE_MS.weekly - 1)).toBe(false);
    expect(isDue(weekly, t + SCHEDULE_MS.weekly)).toBe(true);
    expect(isDue({ ...weekly, lastAt: null }, t)).toBe(true);
    expect(isDue({ ...weekly, every: 'off' }, t + 10 * SCHEDULE_MS.weekly)).toBe(false);
    expect(isDue({ ...weekly, folder: null, lastAt: null }, t)).toBe(false);
  });

  test('write the newest copy into the chosen folder, which a restore can read back; only the newest few are kept', async () => {
    const usb = path.join(root, 'usb');
    mkdirSync(usb);
    const { backups, chosen, files, advance } = service();
    await backups.markVault();
    await backups.append([
      { seq: 1, bytes: bytes('first') },
      { seq: 2, bytes: bytes('second') },
    ]);
    chosen.push(usb);
    const chosenStatus = await backups.chooseFolder();
    expect(chosenStatus).toMatchObject({ folderName: 'usb', every: 'weekly', lastAt: null });
    for (let i = 0; i < KEEP_EXTERNAL + 2; i++) {
      const status = await backups.saveNow();
      expect(status).toMatchObject({ folderName: 'usb', lastError: null });
      advance(60_000);
    }
    const written = readdirSync(usb).sort();
    expect(written).toHaveLength(KEEP_EXTERNAL);
    expect(written.every((n) => /^sealed-roster-backup-[0-9-]+\.srbackup$/.test(n))).toBe(true);

    files.push(new Uint8Array(readFileSync(path.join(usb, written.at(-1)!))));
    const summary = await backups.openCopy('file');
    expect(summary).toMatchObject({ seq: 2, frames: 2 });
    const read = await backups.readCopy(summary!.copyId, 0);
    expect(read.frames.map((f) => [f.seq, new TextDecoder().decode(f.bytes)])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    await backups.close();
  });

  test('a folder that went away (the USB stick was pulled) is reported, and the next attempt succeeds again', async () => {
    const usb = path.join(root, 'usb');
    mkdirSync(usb);
    const { backups, chosen } = service({ logError: () => undefined });
    await backups.markVault();
    await backups.append([{ seq: 1, bytes: bytes('x') }]);
    chosen.push(usb);
    await backups.chooseFolder();
    rmSync(usb, { recursive: true });
    expect(await backups.saveNow()).toMatchObject({ lastError: 'file-failed', lastAt: null });
    mkdirSync(usb);
    expect(await backups.saveNow()).toMatchObject({ lastError: null });
    expect(readdirSync(usb)).toHaveLength(1);
    await backups.close();
  });

  test('cancelling the folder dialog changes nothing', async () => {
    const { backups } = service();
    expect(await backups.chooseFolder()).toEqual({ folderName: null, every: 'off', lastAt: null, lastError: null });
    await backups.close();
  });
});

describe('restoring', () => {
  test('a file that is not a complete backup is refused with a clear error', async () => {
    const { backups, files } = service();
    files.push(bytes('SRBACKP1 but nothing after it'));
    await expect(backups.openCopy('file')).rejects.toMatchObject({ code: 'bad-backup' });
    files.push(bytes('a CSV,perhaps\n'));
    await expect(backups.openCopy('file')).rejects.toMatchObject({ code: 'bad-backup' });
    files.push(null);
    expect(await backups.openCopy('file')).toBeNull();
    await backups.close();
  });

  test('a big copy is read in chunks, in order', async () => {
    const { backups } = service();
    const big = new Uint8Array(READ_CHUNK_BYTES / 2 + 1);
    await backups.append([1, 2, 3, 4, 5].map((seq) => ({ seq, bytes: big })));
    const summary = (await backups.openCopy('mirror'))!;
    expect(summary).toMatchObject({ frames: 5, seq: 5, bytes: 5 * big.byteLength });
    const seqs: number[] = [];
    let next: number | null = 0;
    let calls = 0;
    while (next !== null) {
      const read = await backups.readCopy(summary.copyId, next);
      seqs.push(...read.frames.map((f) => f.seq));
      next = read.next;
      calls++;
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(calls).toBe(3);
    await backups.closeCopy(summary.copyId);
    await expect(backups.readCopy(summary.copyId, 0)).rejects.toMatchObject({ code: 'ipc-bad-request' });
    await backups.close();
  });
});

test('erasing overwrites and deletes every file of the backup folder and clears the browser storage', async () => {
  const { backups, cleared } = service();
  const canary = bytes('CANARY-0123456789-sealed-record-bytes');
  await backups.markVault();
  await backups.append([{ seq: 1, bytes: canary }]);
  const id = await backups.beginBase(1);
  await backups.addToBase(id, canary);
  await backups.commitBase(id);
  const dir = path.join(root, 'backups');
  const holding = readdirSync(dir).filter((n) => readFileSync(path.join(dir, n)).includes(Buffer.from(canary)));
  expect(holding.length).toBeGreaterThan(1); // the scan below can see the canary where it is

  expect(await backups.erase()).toEqual({ browserStorageCleared: true });
  expect(cleared()).toBe(1);
  expect(readdirSync(dir)).toEqual([]);
  expect((await backups.status()).vaultExisted).toBe(false);
  await backups.close();
  expect(existsSync(dir)).toBe(true);
});
