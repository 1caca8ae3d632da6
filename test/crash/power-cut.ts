/**
 * A power cut, for Chromium's IndexedDB: Chromium runs under strace (each open, write() and
 * fdatasync() on the store's LevelDB logs and blob files, with their paths), is SIGKILLed, and then
 * every one of those files is cut back to the length it had at its last fdatasync: what a power loss
 * drops is exactly what was written and never synced. Strict durability (every readwrite transaction
 * of the app) syncs a value's blob file and then the log at each commit, so nothing the screen showed
 * as saved may go (SECURITY.md "Crash safety and backups").
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_PATH } from '../e2e/browser';
import { launchCommand, type KillableBrowser } from './chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--remote-debugging-port=0',
];

/** Chromium on `profile` under strace, which writes its log to `trace`. Kill it with the result's kill(). */
export async function launchTraced(profile: string, trace: string): Promise<KillableBrowser> {
  const traced = await launchCommand('strace', [
    '-f',
    '-qq',
    '-y',
    '-e',
    'trace=openat,write,fdatasync,fsync',
    '-e',
    'signal=none',
    '-o',
    trace,
    CHROMIUM_PATH,
    ...ARGS,
    `--user-data-dir=${profile}`,
    'about:blank',
  ]);
  const stracePid = traced.process.pid!;
  return {
    ...traced,
    // SIGKILL to strace would only detach it and leave Chromium running: kill Chromium's browser process
    // itself, then let strace see its processes go and finish writing the trace (a cut-short trace would
    // count synced writes as unsynced, and the "power cut" would drop committed data).
    async kill() {
      const chromium = execFileSync('ps', ['--ppid', String(stracePid), '-o', 'pid='], { encoding: 'utf8' })
        .split('\n')
        .map((s) => Number(s.trim()))
        .filter((pid) => pid > 0);
      for (const pid of chromium) process.kill(pid, 'SIGKILL');
      const child = traced.process;
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 20_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      await traced.kill();
    },
  };
}

/** What one session did to one of the store's files (a LevelDB log, or a blob file beside it). */
export interface FileState {
  /** Bytes the file held before this session wrote to it. */
  base: number;
  written: number;
  synced: number;
  /** Bytes of writes the kill interrupted (they may or may not have reached the file). */
  interrupted: number;
}

/** A LevelDB log of the store: what a power cut cuts back to its last fdatasync. */
const isLog = (file: string) => /indexeddb\.leveldb\/\d+\.log$/.test(file);
/**
 * A file of the store's blob folder: IndexedDB keeps large values (the space snapshots) there, written
 * and fdatasynced before the log record that names them commits (strict durability); one never synced
 * is what a power cut may lose.
 */
const isBlob = (file: string) => /indexeddb\.blob\/\d+\/[0-9a-f]{2}\/[0-9a-f]+$/.test(file);

/**
 * strace's line for a thread: its id, left-aligned in five columns ("4211  write(…" but "12345 write(…"),
 * then the call or the rest of an unfinished one.
 */
const LINE = /^(\d+)\s+(.*)$/;
const CALL = /^(write|fdatasync|fsync)\(\d+<([^>]+)>/;
/** The end of a call's line: its byte count (for a write) and result, or that it is unfinished. */
const UNFINISHED = /(?:, (\d+))? <unfinished \.\.\.>$/;
const RESULT = /(?:, (\d+))?\)\s+= (-?\d+|\?)(?: [A-Z][^=]*)?$/;
const OPEN = /^openat\([^,]+, "([^"]+)", ([A-Z_|]+)[^)]*(?:\)\s+= (-?\d+)| <unfinished \.\.\.>)/;
const RESUMED = /^<\.\.\. (write|fdatasync|fsync|openat) resumed>.*= (-?\d+|\?)/;

/**
 * The store's files the session wrote (its LevelDB logs and blob files), and how much of each was synced.
 * Reads the trace strace wrote with `-f -y`: a call may be split over two lines (`<unfinished ...>`, then
 * `<... write resumed>`) when another thread's line comes between.
 */
export function syncedLengths(trace: string, sizesBefore: ReadonlyMap<string, number>): Map<string, FileState> {
  const files = new Map<string, FileState>();
  // An <unfinished ...> call, by thread.
  const pending = new Map<string, { call: string; file: string; flags?: string; length?: number }>();
  const stateOf = (file: string): FileState => {
    let state = files.get(file);
    if (!state) files.set(file, (state = { base: sizesBefore.get(file) ?? 0, written: 0, synced: 0, interrupted: 0 }));
    return state;
  };
  const opened = (file: string, flags: string) => {
    // A new or truncated file starts empty. One opened to append continues after what it held, and after
    // what this session already wrote to it: Chromium closes and opens the store again while it runs, and
    // what it wrote before (synced or not) stays as it was. A file only read changes nothing.
    if (flags.includes('O_TRUNC')) files.set(file, { base: 0, written: 0, synced: 0, interrupted: 0 });
    else if (flags.includes('O_WRONLY') || flags.includes('O_RDWR')) stateOf(file);
  };
  const finish = (call: string, file: string, result: string, length = 0) => {
    if (!isLog(file) && !isBlob(file)) return;
    const state = stateOf(file);
    if (result === '?') {
      if (call === 'write') state.interrupted += length; // killed inside the call: a sync that never returned synced nothing
      return;
    }
    if (Number(result) < 0) return;
    if (call === 'write') state.written += Number(result);
    if (call === 'fdatasync' || call === 'fsync') state.synced = state.written;
  };
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const parts = LINE.exec(line);
    if (!parts) continue;
    const [, thread, rest] = parts as unknown as [string, string, string];
    const open = OPEN.exec(rest);
    if (open) {
      const [, file, flags, result] = open as unknown as [string, string, string, string | undefined];
      if (!isLog(file) && !isBlob(file)) continue;
      if (result === undefined) pending.set(thread, { call: 'openat', file, flags });
      else if (Number(result) >= 0) opened(file, flags);
      continue;
    }
    const call = CALL.exec(rest);
    if (call) {
      const [, name, file] = call as unknown as [string, string, string];
      const unfinished = UNFINISHED.exec(rest);
      const done = unfinished ? null : RESULT.exec(rest);
      if (unfinished) pending.set(thread, { call: name, file, length: Number(unfinished[1] ?? 0) });
      else if (done) finish(name, file, done[2]!, Number(done[1] ?? 0));
      continue;
    }
    const resumed = RESUMED.exec(rest);
    const waiting = pending.get(thread);
    if (resumed && waiting && resumed[1] === waiting.call) {
      pending.delete(thread);
      if (waiting.call === 'openat') {
        if (resumed[2] !== '?' && Number(resumed[2]) >= 0) opened(waiting.file, waiting.flags!);
      } else finish(waiting.call, waiting.file, resumed[2]!, waiting.length);
    }
  }
  // A call the kill left unfinished (no "resumed" line ever came).
  for (const waiting of pending.values()) {
    if (waiting.call === 'write' && (isLog(waiting.file) || isBlob(waiting.file)))
      stateOf(waiting.file).interrupted += waiting.length ?? 0;
  }
  return files;
}

/** Sizes of the store's files now (before a traced session): its LevelDB logs and its blob files. */
export function storeFileSizes(leveldb: string | null): Map<string, number> {
  const sizes = new Map<string, number>();
  if (!leveldb || !existsSync(leveldb)) return sizes;
  for (const name of readdirSync(leveldb)) {
    if (/^\d+\.log$/.test(name)) sizes.set(path.join(leveldb, name), statSync(path.join(leveldb, name)).size);
  }
  const blobs = leveldb.replace(/\.leveldb$/, '.blob');
  if (existsSync(blobs)) {
    for (const name of readdirSync(blobs, { recursive: true, encoding: 'utf8' })) {
      const file = path.join(blobs, name);
      if (isBlob(file) && statSync(file).isFile()) sizes.set(file, statSync(file).size);
    }
  }
  return sizes;
}

/**
 * Cuts every log and blob file the session wrote back to its last synced length; returns the bytes
 * dropped. Throws when the trace does not account for what the files hold (a trace cut short or read
 * wrongly would make the "power cut" drop committed data: a fault of the simulator, not of the app).
 */
export function dropUnsynced(trace: string, sizesBefore: ReadonlyMap<string, number>): number {
  const files = syncedLengths(trace, sizesBefore);
  for (const [file, state] of files) {
    if (!existsSync(file)) continue;
    const size = statSync(file).size;
    const least = state.base + state.written;
    if (size < least || size > least + state.interrupted)
      throw new Error(
        `power cut: the trace accounts for ${least}` +
          `${state.interrupted ? `–${least + state.interrupted}` : ''} bytes of ${file}, which holds ${size}`,
      );
  }
  let dropped = 0;
  for (const [file, state] of files) {
    if (!existsSync(file)) continue;
    const keep = state.base + state.synced;
    const size = statSync(file).size;
    if (size > keep) {
      truncateSync(file, keep);
      dropped += size - keep;
    }
  }
  return dropped;
}
