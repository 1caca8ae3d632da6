/**
 * A power cut, for Chromium's IndexedDB: Chromium runs under strace (each write() and fdatasync()
 * on the store's LevelDB log, with its path), is SIGKILLed, and then every log file is cut back to
 * the length it had at its last fdatasync: what a power loss drops is exactly what was written and
 * never synced. Strict durability (every readwrite transaction of the app) syncs at each commit,
 * so nothing the screen showed as saved may go.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
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

interface LogState {
  /** Bytes the file held before this session wrote to it. */
  base: number;
  written: number;
  synced: number;
}

/** The LevelDB log files (".log") the session wrote, and how much of each was synced. */
export function syncedLengths(trace: string, sizesBefore: ReadonlyMap<string, number>): Map<string, LogState> {
  const logs = new Map<string, LogState>();
  const pending = new Map<string, { call: string; file: string }>(); // an <unfinished ...> call, by thread
  const isLog = (file: string) => /indexeddb\.leveldb\/\d+\.log$/.test(file);
  const finish = (call: string, file: string, result: number) => {
    if (!isLog(file) || result < 0) return;
    const state = logs.get(file) ?? { base: sizesBefore.get(file) ?? 0, written: 0, synced: 0 };
    logs.set(file, state);
    if (call === 'write') state.written += result;
    if (call === 'fdatasync' || call === 'fsync') state.synced = state.written;
  };
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const thread = /^(\d+) /.exec(line)?.[1];
    if (!thread) continue;
    const open = /openat\([^,]+, "([^"]+)", ([A-Z_|]+)[^)]*\)\s+= (\d+)/.exec(line);
    if (open && isLog(open[1]!)) {
      // A new or truncated log starts empty; one opened to append continues after what it held.
      const base = open[2]!.includes('O_TRUNC') ? 0 : (sizesBefore.get(open[1]!) ?? 0);
      logs.set(open[1]!, { base, written: 0, synced: 0 });
      continue;
    }
    const call = /^\d+ (write|fdatasync|fsync)\(\d+<([^>]+)>/.exec(line);
    if (call) {
      const done = /\)\s+= (-?\d+)/.exec(line);
      if (line.includes('<unfinished ...>')) pending.set(thread, { call: call[1]!, file: call[2]! });
      else if (done) finish(call[1]!, call[2]!, Number(done[1]));
      continue;
    }
    const resumed = /^\d+ <\.\.\. (write|fdatasync|fsync) resumed>.*= (-?\d+)/.exec(line);
    const waiting = pending.get(thread);
    if (resumed && waiting) {
      pending.delete(thread);
      finish(waiting.call, waiting.file, Number(resumed[2]));
    }
  }
  return logs;
}

/** Sizes of the store's log files now (before a traced session). */
export function logSizes(leveldb: string | null): Map<string, number> {
  const sizes = new Map<string, number>();
  if (!leveldb || !existsSync(leveldb)) return sizes;
  for (const name of execFileSync('ls', [leveldb], { encoding: 'utf8' }).split('\n')) {
    if (/^\d+\.log$/.test(name)) sizes.set(path.join(leveldb, name), statSync(path.join(leveldb, name)).size);
  }
  return sizes;
}

/** Cuts every log the session wrote back to its last synced length; returns the bytes dropped. */
export function dropUnsynced(trace: string, sizesBefore: ReadonlyMap<string, number>): number {
  let dropped = 0;
  for (const [file, state] of syncedLengths(trace, sizesBefore)) {
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
