/**
 * Chromium as a crash kills it: one process on a persistent profile (`--user-data-dir`), reached
 * over the DevTools protocol, killed with SIGKILL (the browser process itself: no shutdown, no
 * flush), and started again on the same profile. Used by the crash e2e test and `npm run crash-soak`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../e2e/browser';

export interface KillableBrowser {
  readonly process: ChildProcess;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Everything Chromium wrote to stderr so far (it says when it finds corruption and deletes a database). */
  log(): string;
  /** SIGKILL to the browser process; resolves once it is gone. */
  kill(): Promise<void>;
  /** Closes Chromium the ordinary way (a clean shutdown). */
  close(): Promise<void>;
}

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

/** Starts Chromium on `profile` (created if missing) and attaches to it. */
export async function launchOnProfile(profile: string, extraArgs: readonly string[] = []): Promise<KillableBrowser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}`);
  return launchCommand(CHROMIUM_PATH, [...ARGS, ...extraArgs, `--user-data-dir=${profile}`, 'about:blank']);
}

/** Starts `command args…` (Chromium, or Chromium under strace) and attaches to the Chromium it starts. */
export async function launchCommand(command: string, args: readonly string[]): Promise<KillableBrowser> {
  // Its own process group: a kill takes Chromium's helper processes too (zygote, renderer, GPU), as when
  // the app itself dies, instead of leaving them writing into the profile after the browser is gone.
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already: nothing left to stop.
    }
  };
  let stderr = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${stderr.slice(-2000)}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before it listened:\n${stderr.slice(-2000)}`));
    });
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    browser,
    context,
    log: () => stderr,
    async kill() {
      signalGroup('SIGKILL');
      await exited;
      await browser.close().catch(() => undefined);
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (child.exitCode === null) signalGroup('SIGTERM');
      await exited;
    },
  };
}

/** The page the browser opened, or a new one. */
export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** Where Chromium keeps IndexedDB in `profile`: one folder per origin, named by `originFolderStem`. */
export function indexedDbRoot(profile: string): string {
  return path.join(profile, 'Default', 'IndexedDB');
}

/** `http://127.0.0.1:8080` → `http_127.0.0.1_8080`: the origin's part of its IndexedDB folder names. */
export function originFolderStem(origin: string): string {
  const host = new URL(origin);
  return `${host.protocol.replace(':', '')}_${host.hostname}_${host.port || '0'}`;
}

/** The LevelDB folder that holds the origin's IndexedDB in `profile`, or null. */
export function indexedDbDir(profile: string, origin: string): string | null {
  const root = indexedDbRoot(profile);
  if (!existsSync(root)) return null;
  const name = `${originFolderStem(origin)}.indexeddb.leveldb`;
  return readdirSync(root).includes(name) ? path.join(root, name) : null;
}

/** The newest LevelDB log file in `dir` (where the next write goes). */
export function newestLog(dir: string): string | null {
  const logs = readdirSync(dir)
    .filter((n) => /^\d+\.log$/.test(n))
    .sort();
  return logs.length > 0 ? path.join(dir, logs[logs.length - 1]!) : null;
}
