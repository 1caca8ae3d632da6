/**
 * A few rounds of the crash harness inside `npm test` (the soak runs hundreds: `npm run
 * crash-soak`): Chromium SIGKILLed right after the screen said "Saved", right after Lock said the
 * changes were saved, and in the middle of a passphrase change; a torn record left in the store's
 * log, so that Chromium deletes the store two starts later and the app must restore it.
 */
import { runSoak } from '../crash/harness';

test('kills at the worst moments lose nothing shown as saved, and a store Chromium deleted is restored', async () => {
  const lines: string[] = [];
  const report = await runSoak({
    kills: 5,
    seed: 11,
    script: [
      { action: 'edit', killAfterMs: 60_000 }, // killed the moment all three show "Saved"
      { action: 'lock', killAfterMs: 60_000, torn: true }, // killed as the lock screen says "saved"; log torn
      { action: 'edit', killAfterMs: 60_000 }, // the session in between: healthy-looking, appends after the tear
      { action: 'passphrase', killAfterMs: 3500 }, // Chromium deletes the store at this start; then killed mid-change
      { action: 'edit', killAfterMs: 1200 },
    ],
    log: (line) => lines.push(line),
  });
  expect({ failures: report.failures, lines }).toEqual({ failures: [], lines: expect.any(Array) as unknown });
  expect(report).toMatchObject({ kills: 5, losses: 0, duplicates: 0, partialSamples: 0, lockouts: 0 });
  expect(report.recoveries).toBeGreaterThanOrEqual(1);
  expect(report.savedChecked).toBeGreaterThan(4);
}, 480_000); // six starts of Chromium and a dozen key derivations: minutes on a loaded machine
