/**
 * The power-cut simulator's reading of strace's trace (power-cut.ts): it must cut each of the store's
 * files back to exactly what was synced. Cutting too far drops committed transactions, after which
 * Chromium has already deleted the blob files they replaced: the store then holds records whose blob
 * is gone ("Data lost due to missing file"), a fault of the simulator that a real power cut cannot make.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropUnsynced, storeFileSizes, syncedLengths } from './power-cut';

let root: string;
let leveldb: string;
let log: string;
let blob: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'power-cut-'));
  leveldb = path.join(root, 'Default/IndexedDB/http_127.0.0.1_4000.indexeddb.leveldb');
  log = path.join(leveldb, '000004.log');
  blob = path.join(root, 'Default/IndexedDB/http_127.0.0.1_4000.indexeddb.blob/2/00/b');
  mkdirSync(leveldb, { recursive: true });
  mkdirSync(path.dirname(blob), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A trace as `strace -f -y` writes it: thread ids padded to five columns, calls split across threads. */
function trace(lines: string[]): string {
  const file = path.join(root, 'trace.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const w = (thread: number, file: string, bytes: number) =>
  `${String(thread).padEnd(5)} write(31<${file}>, "\\1\\2\\3"..., ${bytes}) = ${bytes}`;
const sync = (thread: number, file: string) => `${String(thread).padEnd(5)} fdatasync(31<${file}>) = 0`;

test('threads with four-digit ids (strace pads them) are read: synced writes are kept', () => {
  writeFileSync(log, Buffer.alloc(100 + 7 + 200 + 7 + 50));
  const file = trace([
    `4211  openat(AT_FDCWD</work>, "${log}", O_WRONLY|O_APPEND) = 31<${log}>`,
    w(4211, log, 7),
    w(4211, log, 200),
    sync(4211, log),
    w(4212, log, 7),
    w(4212, log, 50),
  ]);
  const sizes = new Map([[log, 100]]);
  expect(syncedLengths(file, sizes).get(log)).toEqual({ base: 100, written: 264, synced: 207, interrupted: 0 });
  expect(dropUnsynced(file, sizes)).toBe(57);
  expect(statSync(log).size).toBe(307);
});

test('a call split over two lines by another thread counts when it returns; a sync the kill cut short counts for nothing', () => {
  writeFileSync(log, Buffer.alloc(7 + 300 + 7 + 40 + 7));
  const file = trace([
    `12345 openat(AT_FDCWD</work>, "${log}", O_WRONLY|O_CREAT|O_TRUNC, 0600 <unfinished ...>`,
    `987   write(9<pipe:[1]>, "x", 1) = 1`,
    `12345 <... openat resumed>)             = 31<${log}>`,
    `12345 write(31<${log}>, "\\0"..., 7 <unfinished ...>`,
    `987   write(9<pipe:[1]>, "x", 1) = 1`,
    `12345 <... write resumed>)              = 7`,
    w(12345, log, 300),
    `12345 fdatasync(31<${log}> <unfinished ...>`,
    w(987, log, 7),
    `12345 <... fdatasync resumed>)          = 0`,
    w(987, log, 40),
    `987   fdatasync(31<${log}>) = ?`,
    `4000  write(31<${log}>, "\\0"..., 7 <unfinished ...>`,
  ]);
  // The file existed (a database deleted and made again): O_TRUNC starts it from nothing.
  const state = syncedLengths(file, new Map([[log, 5000]])).get(log);
  expect(state).toEqual({ base: 0, written: 354, synced: 314, interrupted: 7 });
  expect(dropUnsynced(file, new Map([[log, 5000]]))).toBe(47);
  expect(statSync(log).size).toBe(314);
});

test('a blob file written and never synced is cut back (it holds no committed value); a synced one is kept', () => {
  const synced = blob.replace(/b$/, 'a');
  writeFileSync(blob, Buffer.alloc(65536));
  writeFileSync(synced, Buffer.alloc(65536));
  const file = trace([
    `5741  openat(AT_FDCWD</work>, "${synced}", O_WRONLY|O_CREAT|O_TRUNC, 0600) = 40<${synced}>`,
    `5741  write(40<${synced}>, "\\0"..., 32768) = 32768`,
    `5741  write(40<${synced}>, "\\0"..., 32768) = 32768`,
    `5741  fdatasync(40<${synced}>) = 0`,
    `5741  openat(AT_FDCWD</work>, "${blob}", O_WRONLY|O_CREAT|O_TRUNC, 0600) = 41<${blob}>`,
    `5741  write(41<${blob}>, "\\0"..., 32768) = 32768`,
    `5741  write(41<${blob}>, "\\0"..., 32768) = 32768`,
  ]);
  expect(dropUnsynced(file, storeFileSizes(leveldb))).toBe(65536);
  expect(statSync(blob).size).toBe(0);
  expect(statSync(synced).size).toBe(65536);
});

test('a trace that does not account for what a file holds is refused, not used to cut committed data', () => {
  writeFileSync(log, Buffer.alloc(100 + 207));
  // The session's writes are missing from the trace (cut short, or read wrongly).
  const file = trace([`4211  openat(AT_FDCWD</work>, "${log}", O_WRONLY|O_APPEND) = 31<${log}>`]);
  expect(() => dropUnsynced(file, new Map([[log, 100]]))).toThrow(/accounts for 100 bytes .* which holds 307/);
  expect(statSync(log).size).toBe(307);
});

test('a log only read (LevelDB reads its logs as it opens) keeps what the session wrote to it', () => {
  writeFileSync(log, Buffer.alloc(100 + 50));
  const file = trace([
    `4211  openat(AT_FDCWD</work>, "${log}", O_WRONLY|O_APPEND) = 31<${log}>`,
    w(4211, log, 50),
    sync(4211, log),
    `4212  openat(AT_FDCWD</work>, "${log}", O_RDONLY) = 32<${log}>`,
  ]);
  expect(dropUnsynced(file, new Map([[log, 100]]))).toBe(0);
  expect(statSync(log).size).toBe(150);
});

test('a log Chromium closes and opens again while it runs keeps what the session wrote before', () => {
  writeFileSync(log, Buffer.alloc(7233 + 19 + 200));
  const file = trace([
    `31107 openat(AT_FDCWD</work>, "${log}", O_WRONLY|O_APPEND) = 133<${log}>`,
    w(31107, log, 7),
    w(31107, log, 12),
    sync(31107, log),
    `31107 openat(AT_FDCWD</work>, "${log}", O_RDONLY) = 141<${log}>`,
    `31107 openat(AT_FDCWD</work>, "${log}", O_WRONLY|O_APPEND <unfinished ...>`,
    `31107 <... openat resumed>)             = 141<${log}>`,
    w(31107, log, 7),
    w(31107, log, 193),
  ]);
  const sizes = new Map([[log, 7233]]);
  expect(syncedLengths(file, sizes).get(log)).toEqual({ base: 7233, written: 219, synced: 19, interrupted: 0 });
  expect(dropUnsynced(file, sizes)).toBe(200);
  expect(statSync(log).size).toBe(7233 + 19);
});
