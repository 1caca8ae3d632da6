/**
 * The crash harness (SECURITY.md "Crash safety and backups"): the production app on the browser
 * host, Chromium on a persistent profile SIGKILLed at a random moment of an edit, an import of the
 * national list, a sample chapter, a lock or a passphrase change; sometimes a torn record is left
 * in IndexedDB's log as a kill between its two write() calls leaves it. After every kill: start
 * again, unlock (or restore, when the browser lost the store), and check what is stored against
 * what the screen claimed: every change shown as saved is there, nothing is there twice, a sample
 * chapter is all or nothing, a finished import is whole, the old or the new passphrase opens.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { nationalList } from '../shared/csv/national-list-generator';
import { probeSource } from '../e2e/host/probe-bundle';
import * as act from './actions';
import type { CrashProbe, StoredSpace } from './probe';
import { CrashRig } from './rig';

export type Action = 'edit' | 'import' | 'sample' | 'lock' | 'passphrase';
const ACTIONS: readonly Action[] = ['edit', 'edit', 'edit', 'lock', 'lock', 'import', 'sample', 'passphrase'];
/** How long into each action the kill may come (ms): a little past its usual length. */
const KILL_WINDOW_MS: Record<Action, number> = { edit: 2500, import: 9000, sample: 5000, lock: 3000, passphrase: 9000 };
export const IMPORT_ROWS = 120;
export const SAMPLE_SIZE = 100;

export interface SoakOptions {
  readonly kills: number;
  readonly seed?: number;
  /** Leave a torn record in the store's log after this share of kills (0..1). */
  readonly tornShare?: number;
  /** Make this share of kills a power cut: Chromium under strace, unsynced log writes dropped (power-cut.ts). */
  readonly powerCutShare?: number;
  /** Where to keep the evidence of a failure (the screen, Chromium's log, a copy of the profile and backups). */
  readonly evidence?: string;
  /** Actions to run, in order, instead of random ones (the test inside `npm test`). */
  readonly script?: readonly { action: Action; killAfterMs?: number; torn?: boolean; powerCut?: boolean }[];
  readonly log?: (line: string) => void;
  /** Asked before each kill: true ends the soak early (its last check still runs and the numbers are returned). */
  readonly stopped?: () => boolean;
}

export interface SoakReport {
  kills: number;
  torn: number;
  /** Kills that were power cuts, and the unsynced IndexedDB log bytes they dropped. */
  powerCuts: number;
  droppedBytes: number;
  /** Starts that found the store lost (Chromium deleted it, or a restore was cut short) and restored it. */
  recoveries: number;
  /** Changes shown as saved that were missing afterwards: must be 0. */
  losses: number;
  /** Members or national-list rows stored twice, sample chapters half-made: must be 0. */
  duplicates: number;
  partialSamples: number;
  /** Starts where neither passphrase opened, or the app offered a first run: must be 0. */
  lockouts: number;
  savedChecked: number;
  byAction: Record<Action, number>;
  failures: string[];
}

/** A small seeded generator, so a failing soak can be run again exactly. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Resolves when `work` ends or `ms` pass, whichever is first (and leaves no timer behind). */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

interface State {
  /** The passphrase that last opened the vault, and one a change may have set. */
  passphrase: string;
  pending: string | null;
  /** A passphrase change the screen said was done: the new one must open. */
  confirmed: boolean;
  created: boolean;
  /** Members whose addition the screen showed as saved. */
  saved: Set<string>;
  /** The national list imported to the end, shown as saved. */
  importDone: boolean;
  /** Sample spaces whose creation the screen showed as done and saved. */
  samplesDone: Set<string>;
  samples: number;
  nextMember: number;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const rand = random(options.seed ?? Date.now());
  const rig = await CrashRig.start();
  const files = mkdtempSync(path.join(tmpdir(), 'crash-list-'));
  const list = path.join(files, 'national.csv');
  writeFileSync(list, nationalList(IMPORT_ROWS, 1));
  const listIds = new Set(
    nationalList(IMPORT_ROWS, 1)
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(',')[0]!),
  );
  const report: SoakReport = {
    kills: 0,
    torn: 0,
    powerCuts: 0,
    droppedBytes: 0,
    recoveries: 0,
    losses: 0,
    duplicates: 0,
    partialSamples: 0,
    lockouts: 0,
    savedChecked: 0,
    byAction: { edit: 0, import: 0, sample: 0, lock: 0, passphrase: 0 },
    failures: [],
  };
  const state: State = {
    passphrase: 'crash soak passphrase violet harbor 0',
    pending: null,
    confirmed: false,
    created: false,
    saved: new Set(),
    importDone: false,
    samplesDone: new Set(),
    samples: 0,
    nextMember: 0,
  };
  const fail = (what: string) => {
    report.failures.push(`kill ${report.kills}: ${what}`);
    log(`FAILURE after kill ${report.kills}: ${what}`);
  };

  /** Keeps what a failure looked like: the screen's words and picture, Chromium's log, the profile and the copy. */
  async function keepEvidence(page: Page | null): Promise<void> {
    if (!options.evidence) return;
    const dir = path.join(options.evidence, `after-kill-${report.kills}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'chromium.log'), rig.chromiumLog().slice(-200_000));
    if (page) {
      await page.screenshot({ path: path.join(dir, 'screen.png'), fullPage: true }).catch(() => undefined);
      const text = await page.evaluate(() => document.body.innerText).catch(() => '');
      writeFileSync(path.join(dir, 'screen.txt'), text);
    }
    await rig.kill();
    // Chromium's Singleton* links point at nothing once it is dead; evidence that cannot be copied must not end the soak.
    const copy = (from: string, to: string) => {
      try {
        cpSync(from, to, { recursive: true, filter: (file) => !path.basename(file).startsWith('Singleton') });
      } catch (error) {
        log(`evidence: ${from} could not be copied (${(error as Error).message})`);
      }
    };
    copy(rig.profile, path.join(dir, 'profile'));
    copy(rig.backupDir, path.join(dir, 'backups'));
    log(`evidence kept in ${dir}`);
  }

  /** Starts the app and gets it unlocked (creating, restoring as needed); null when it could not. */
  async function open(traced = false): Promise<Page | null> {
    const page = await rig.launch({ traced });
    opening = page;
    const where = await act.landing(page);
    if (where === 'first-run') {
      if (state.created) {
        fail('the app offered a first run: the vault was lost');
        report.lockouts++;
        return null;
      }
      await act.createVault(page, state.passphrase);
      state.created = true;
      return page;
    }
    if (where === 'lost') {
      await act.restoreFromBackup(page);
      report.recoveries++;
    }
    const order =
      state.confirmed && state.pending ? [state.pending, state.passphrase] : [state.passphrase, state.pending];
    const candidates = order.filter((p): p is string => p !== null);
    let outcome = await act.unlockWithAny(page, candidates);
    if (outcome.opened === null && outcome.damaged) {
      // The store opened but cannot be read (Chromium may delete it while it runs): restore, as the screen offers.
      await act.restoreDamaged(page);
      report.recoveries++;
      outcome = await act.unlockWithAny(page, candidates);
    }
    const opened = outcome.opened;
    if (!opened) {
      fail('neither the old nor the new passphrase opened the vault');
      report.lockouts++;
      return null;
    }
    if (state.confirmed && opened !== state.pending)
      fail('the passphrase change was shown as done, but the old one opened');
    state.passphrase = opened;
    state.pending = null;
    state.confirmed = false;
    return page;
  }

  /** Reads the store (through the real engine, in the page) and checks it against the screen's claims. */
  async function check(page: Page): Promise<void> {
    await page.evaluate(probeSource(path.join(__dirname, 'probe.ts')));
    const spaces = (await page.evaluate(`globalThis.crashProbe.read(${JSON.stringify(state.passphrase)})`)) as Awaited<
      ReturnType<CrashProbe['read']>
    >;
    const main = spaces.find((s) => s.name === ''); // the first space is created unnamed
    if (!main) return fail('the first space is missing');
    const names = new Map<string, number>();
    for (const m of main.members) names.set(m.name, (names.get(m.name) ?? 0) + 1);
    for (const name of state.saved) {
      report.savedChecked++;
      if (!names.has(name)) {
        report.losses++;
        fail(`"${name}" was shown as saved and is gone`);
      }
    }
    for (const [name, count] of names) {
      if (name.startsWith('Crash') && count > 1) {
        report.duplicates++;
        fail(`"${name}" is stored ${count} times`);
      }
    }
    const ids = main.members.flatMap((m) => (m.actionkitId ? [m.actionkitId] : []));
    if (new Set(ids).size !== ids.length) {
      report.duplicates++;
      fail('a row of the national list is stored twice');
    }
    if (state.importDone && [...listIds].some((id) => !ids.includes(id))) {
      report.losses++;
      fail('an import shown as done and saved is missing rows');
    }
    checkSamples(spaces);
    const shown = await act.rosterCount(page);
    if (shown !== main.members.length)
      fail(`the roster shows ${shown} members, the store holds ${main.members.length}`);
  }

  function checkSamples(spaces: StoredSpace[]): void {
    for (const space of spaces.filter((s) => s.name.startsWith('Sample '))) {
      const n = space.members.length;
      if (n !== 0 && n !== SAMPLE_SIZE) {
        report.partialSamples++;
        fail(`${space.name} holds ${n} of ${SAMPLE_SIZE} sample members`);
      }
      if (state.samplesDone.has(space.name) && n !== SAMPLE_SIZE) {
        report.losses++;
        fail(`${space.name} was shown as created and saved, and holds ${n} members`);
      }
    }
  }

  /** One action; the kill lands at `killAfterMs` from its start whatever it is doing then. */
  async function perform(page: Page, action: Action): Promise<void> {
    switch (action) {
      case 'edit': {
        for (let i = 0; i < 3; i++) {
          const name = `Crash${state.nextMember++}`;
          await act.addMember(page, name, 'Soak');
          await act.untilSaved(page);
          state.saved.add(`${name} Soak`);
        }
        return;
      }
      case 'lock': {
        const name = `Crash${state.nextMember++}`;
        await act.addMember(page, name, 'Locked');
        await act.lock(page); // clicked at once: the edit is written as the lock begins
        state.saved.add(`${name} Locked`);
        return;
      }
      case 'import': {
        const outcome = await act.importList(page, () => rig.host.files.willOpen('csv', list));
        await act.untilSaved(page);
        if (outcome === 'applied' || outcome === 'nothing') state.importDone = true;
        return;
      }
      case 'sample': {
        const name = `Sample ${++state.samples}`;
        await act.sampleSpace(page, name, SAMPLE_SIZE);
        await act.untilSaved(page);
        state.samplesDone.add(name);
        return;
      }
      case 'passphrase': {
        const next = `crash soak passphrase violet harbor ${report.kills + 1}`;
        const replace = (['passphrase', 'recovery', 'master'] as const)[Math.floor(rand() * 3)]!;
        await act.changePassphrase(page, state.passphrase, next, replace, () => (state.pending = next));
        state.confirmed = true;
        return;
      }
    }
  }

  let opening: Page | null = null;
  /** Starts the app, unlocks and checks it; a failure is recorded with its evidence, and the soak goes on. */
  async function startAndCheck(traced: boolean): Promise<Page | null> {
    opening = null;
    try {
      const page = await open(traced);
      if (page && state.created && state.saved.size + state.samples > 0) await check(page);
      return page;
    } catch (error) {
      fail(`the app could not be started, unlocked and checked: ${(error as Error).message.split('\n')[0]}`);
      await keepEvidence(opening);
      await rig.kill();
      return null;
    }
  }

  try {
    let stuck = 0;
    for (let i = 0; i < options.kills && !options.stopped?.(); i++) {
      const step = options.script?.[i];
      const powerCut = step?.powerCut ?? rand() < (options.powerCutShare ?? 0);
      const page = await startAndCheck(powerCut);
      if (!page) {
        if (++stuck >= 3) break; // three starts in a row that fail: stop, the evidence is kept
        continue;
      }
      stuck = 0;
      const action = step?.action ?? ACTIONS[Math.floor(rand() * ACTIONS.length)]!;
      // A quarter of kills land the moment the action is done (everything it showed as saved is then at stake).
      const killAfter = step?.killAfterMs ?? (rand() < 0.25 ? 600_000 : Math.floor(rand() * KILL_WINDOW_MS[action]));
      report.byAction[action]++;
      const started = Date.now();
      const running = perform(page, action).catch(() => undefined); // the kill ends it mid-way
      await within(running, killAfter);
      // A finished action is killed straight after: what it showed as saved must already be on disk.
      if (powerCut) {
        report.droppedBytes += await rig.powerCut();
        report.powerCuts++;
      } else {
        await rig.kill();
      }
      report.kills++;
      await running;
      const torn = step?.torn ?? rand() < (options.tornShare ?? 0.08);
      if (torn && rig.indexedDb()) {
        rig.tearStoreLog();
        report.torn++;
      }
      log(
        `kill ${report.kills}: ${action} at ${Math.min(killAfter, Date.now() - started)} ms` +
          `${powerCut ? ', power cut' : ''}${torn ? ', log torn' : ''}; ` +
          `saved so far ${state.saved.size}, recoveries ${report.recoveries}, failures ${report.failures.length}`,
      );
    }
    // The last word: start once more and check everything.
    await startAndCheck(false);
    await rig.kill();
  } finally {
    await rig.dispose();
    rmSync(files, { recursive: true, force: true });
  }
  return report;
}
