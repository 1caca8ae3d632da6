/**
 * Chromium killed (SIGKILL of the browser on a persistent profile, test/crash/rig.ts) while the sample
 * chapter is being created: after a restart and unlock, the roster holds a whole number of the
 * generator's member steps (SAMPLE_STEP.members each), every one of them readable, and fewer than the
 * chapter's 10,000: a clean prefix of the chapter, never a half-written member.
 */
import { SAMPLE_STEP } from '../../shared/sample/generate';
import { createVault, go, unlock } from './flows';
import { rosterCount } from './sample';
import { useCrashRig } from './crash-rig';

const rig = useCrashRig('each test');

test('a kill half way through the sample chapter leaves whole members made so far, and nothing half written', async () => {
  let page = await rig.launch();
  await createVault(page);
  await go(page, 'Settings');
  await page.getByLabel('Members', { exact: true }).selectOption('10000');
  await page.getByRole('button', { name: 'Create sample members' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Creating the sample chapter: [3-9],\d{3} of 10,000 members$/ })
    .waitFor({ timeout: 120_000 });
  await rig.kill();

  page = await rig.launch();
  await unlock(page);
  await go(page, 'Roster');
  await page.getByTestId('roster-count').waitFor({ timeout: 60_000 });
  const count = await rosterCount(page);
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(10_000);
  expect(count % SAMPLE_STEP.members).toBe(0);
  // Nothing half written: no record the app could not read, so nothing new among the notices.
  expect(await page.getByRole('button', { name: 'Notices', exact: true }).count()).toBe(1);
}, 300_000);
