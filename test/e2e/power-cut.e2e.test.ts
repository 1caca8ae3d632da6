/**
 * A power cut in the middle of edits, for real Chromium: it runs under strace, is SIGKILLed, and
 * every IndexedDB log file is cut back to its last fdatasync (test/crash/power-cut.ts), as a power
 * loss drops what was written and never synced. Every change the screen showed as saved is there
 * afterwards: the app's transactions are strict (synced at commit), and its second copy in main's
 * folder is fsynced before "Saved" shows.
 */
import path from 'node:path';
import { changePassphrase, sampleSpace, untilSaved } from '../crash/actions';
import type { CrashProbe } from '../crash/probe';
import { addMember, createVault, go, PASSPHRASE, unlock } from './flows';
import { probeSource } from './host/probe-bundle';
import { useCrashRig } from './crash-rig';

const rig = useCrashRig('whole file');

test('after a power cut every change shown as saved is still there', async () => {
  let page = await rig.launch();
  await createVault(page);
  await rig.kill();

  page = await rig.launch({ traced: true });
  await unlock(page);
  const names: string[] = [];
  for (let i = 0; i < 4; i++) {
    await addMember(page, { first: `Powercut${i}`, last: 'Saved' });
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 30_000 });
    names.push(`Powercut${i} Saved`);
  }
  // One more, cut while it is still "Saving…": it may go, and the screen never said otherwise.
  await addMember(page, { first: 'Unsure', last: 'Saving' });
  const dropped = await rig.powerCut();
  process.stdout.write(`power cut: ${dropped} bytes of unsynced IndexedDB log dropped\n`);

  page = await rig.launch();
  const restore = page.getByRole('button', { name: 'Restore my vault' });
  await restore
    .or(page.getByRole('heading', { name: 'Unlock', level: 1 }))
    .first()
    .waitFor({ timeout: 60_000 });
  if (await restore.count()) await restore.click();
  await unlock(page);
  await go(page, 'Roster');
  for (const name of names) await page.getByRole('button', { name, exact: true }).waitFor({ timeout: 30_000 });
}, 240_000);

// The soak's seeds 4242 and 9191 ended here: a power cut after the space snapshots (large values, which
// IndexedDB keeps in blob files beside its log) were sealed again under a new master key. The simulator
// misread strace's trace (thread ids under 10000 are padded) and cut the log back past committed,
// synced transactions, to records naming blob files Chromium had already deleted: "Data lost due to
// missing file". Chromium syncs each blob file before the record naming it commits (power-cut.ts), so
// a real power cut keeps both; every space must read in full.
test('a power cut after snapshots were sealed again under a new master key leaves every space readable', async () => {
  const next = 'violet tractor harbor 43 lantern';
  await rig.kill();
  let page = await rig.launch();
  await unlock(page);
  await sampleSpace(page, 'Sample A', 100);
  await untilSaved(page);
  await rig.kill();

  page = await rig.launch({ traced: true });
  await unlock(page);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor({ timeout: 60_000 });
  await changePassphrase(page, PASSPHRASE, next, 'master', () => undefined);
  const dropped = await rig.powerCut();
  process.stdout.write(`power cut after a new master key: ${dropped} bytes of unsynced IndexedDB files dropped\n`);

  page = await rig.launch();
  await unlock(page, next);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor({ timeout: 60_000 });
  await page.evaluate(probeSource(path.join(__dirname, '..', 'crash', 'probe.ts')));
  const spaces = (await page.evaluate(`globalThis.crashProbe.read(${JSON.stringify(next)})`)) as Awaited<
    ReturnType<CrashProbe['read']>
  >;
  expect(spaces.find((s) => s.name === 'Sample A')?.members).toHaveLength(100);
  expect(spaces.some((s) => s.members.some((m) => m.name === 'Powercut0 Saved'))).toBe(true);
}, 300_000);
