/**
 * The production app as a crash meets it: one browser host (main's side: the backup folder, the
 * marker) that outlives Chromium, and Chromium on a persistent profile that is killed and started
 * again. Erasing clears the browser's files through DevTools (Storage.clearDataForOrigin), the same
 * browser call Electron's session.clearStorageData makes for the app.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/host';
import { ensureRendererBuild } from '../e2e/build';
import { firstPage, indexedDbDir, launchOnProfile, newestLog, type KillableBrowser } from './chromium';
import { dropUnsynced, launchTraced, storeFileSizes } from './power-cut';

export class CrashRig {
  private current: KillableBrowser | null = null;
  /** A session under strace: its trace file and the store's log sizes before it (power-cut.ts). */
  private traced: { trace: string; sizes: Map<string, number> } | null = null;
  /** Chromium's stderr of every session so far. */
  private logs = '';

  private constructor(
    readonly host: BrowserHost,
    readonly profile: string,
    private readonly root: string,
  ) {}

  static async start(): Promise<CrashRig> {
    const root = mkdtempSync(path.join(tmpdir(), 'crash-rig-'));
    const rendererRoot = await ensureRendererBuild();
    mkdirSync(path.join(root, 'saved'));
    const made: { rig?: CrashRig } = {}; // the host's hook needs the rig it is part of
    const host = await startBrowserHost({
      rendererRoot,
      backupDir: path.join(root, 'backups'),
      saveDir: path.join(root, 'saved'),
      clearBrowserStorage: async (origin) => {
        const browser = made.rig?.current;
        if (!browser) throw new Error('no browser to clear');
        const page = await firstPage(browser.context);
        const cdp = await browser.context.newCDPSession(page);
        await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
        await cdp.detach();
      },
      logError: () => undefined,
    });
    made.rig = new CrashRig(host, path.join(root, 'profile'), root);
    return made.rig;
  }

  get backupDir(): string {
    return this.host.backupDir;
  }

  /**
   * Starts Chromium on the profile and opens the app; resolves once the app has started.
   * `traced`: under strace, so that powerCut() can drop what was written and never synced.
   */
  async launch(options: { traced?: boolean } = {}): Promise<Page> {
    if (this.current) throw new Error('Chromium is already running');
    if (options.traced) {
      const trace = path.join(this.root, `trace-${Date.now()}.txt`);
      this.traced = { trace, sizes: storeFileSizes(this.indexedDb()) };
      this.current = await launchTraced(this.profile, trace);
    } else {
      this.current = await launchOnProfile(this.profile);
    }
    const page = await firstPage(this.current.context);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(this.host.url);
    await page.waitForSelector('[data-app-ready]');
    return page;
  }

  /** SIGKILL to Chromium's browser process. */
  async kill(): Promise<void> {
    const browser = this.current;
    this.current = null;
    if (!browser) return;
    await browser.kill();
    this.logs += browser.log();
    if (this.traced) {
      // Killed without a power cut: the trace is not needed.
      rmSync(this.traced.trace, { force: true });
      this.traced = null;
    }
  }

  /**
   * A power cut: SIGKILL, then every IndexedDB log and blob file is cut back to the length it had at
   * its last fdatasync (the session must have been launched `traced`). Returns the bytes dropped.
   */
  async powerCut(): Promise<number> {
    const traced = this.traced;
    if (!traced) throw new Error('a power cut needs a traced session');
    this.traced = null;
    await this.kill();
    const dropped = dropUnsynced(traced.trace, traced.sizes);
    rmSync(traced.trace, { force: true });
    return dropped;
  }

  /** A clean shutdown of Chromium. */
  async close(): Promise<void> {
    const browser = this.current;
    this.current = null;
    if (!browser) return;
    await browser.close();
    this.logs += browser.log();
  }

  /** Chromium's stderr so far, this session included. */
  chromiumLog(): string {
    return this.logs + (this.current?.log() ?? '');
  }

  /** The app's IndexedDB folder in the profile (LevelDB), or null. */
  indexedDb(): string | null {
    return indexedDbDir(this.profile, this.host.origin);
  }

  /**
   * What a kill between the two write() calls of a LevelDB log record leaves: the record's 7-byte
   * header (checksum, length, type) and no body. The next session reads past it as a short tail
   * and appends after it; the session after finds the checksum mismatch and Chromium deletes the
   * whole database. Chromium must not be running.
   */
  tearStoreLog(): void {
    const dir = this.indexedDb();
    const log = dir && newestLog(dir);
    if (!log) throw new Error('no IndexedDB log to tear');
    appendFileSync(log, Buffer.from([0x12, 0x34, 0x56, 0x78, 200, 0, 1]));
  }

  /** Every file under the profile and the backup folder holding any of `needles`, as byte strings. */
  filesHolding(needles: readonly Uint8Array[]): string[] {
    const found: string[] = [];
    for (const dir of [this.profile, this.backupDir]) {
      for (const file of walk(dir)) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch {
          continue; // gone meanwhile (Chromium's own temporary files)
        }
        if (needles.some((n) => bytes.includes(Buffer.from(n)))) found.push(path.relative(this.root, file));
      }
    }
    return found;
  }

  async dispose(): Promise<void> {
    await this.kill();
    await this.host.close();
    // Chromium's helper processes outlive the killed browser for a moment and may still write there.
    rmSync(this.root, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
  }
}

function walk(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = path.join(dir, name);
    try {
      return statSync(file).isDirectory() ? walk(file) : [file];
    } catch {
      return [];
    }
  });
}
