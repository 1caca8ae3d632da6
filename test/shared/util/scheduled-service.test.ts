import { MAX_TIMER_MS, ScheduledService, type ScheduleReason } from '../../../shared/util/scheduled-service';
import { FakeClock, settle } from './fake-clock';

/** A gate a run waits on, so a test can hold a run open. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

function everyMinute(clock: FakeClock, run: () => void | Promise<void> = () => undefined) {
  const errors: unknown[] = [];
  const reasons: ScheduleReason[] = [];
  const runs: number[] = [];
  const service = new ScheduledService({
    clock,
    run: async () => {
      runs.push(clock.now());
      await run();
    },
    next: (now, reason) => {
      reasons.push(reason);
      return now + 60_000;
    },
    onError: (e) => errors.push(e),
  });
  return { service, errors, reasons, runs };
}

test('nothing runs before start; after start it runs when due, then again on its schedule', async () => {
  const clock = new FakeClock();
  const t0 = clock.now();
  const { service, runs, reasons } = everyMinute(clock);
  await clock.advance(120_000);
  expect(runs).toEqual([]);
  expect(clock.timers).toBe(0);

  const started = clock.now();
  service.start();
  expect(service.nextRunAt).toBe(started + 60_000);
  await clock.advance(59_999);
  expect(runs).toEqual([]);
  await clock.advance(1);
  expect(runs).toEqual([started + 60_000]);
  await clock.advance(120_000);
  expect(runs).toEqual([started + 60_000, started + 120_000, started + 180_000]);
  expect(reasons).toEqual(['start', 'ran', 'ran', 'ran']);
  expect(t0).toBeLessThan(started);
});

test('stop: no run after it, the timer is cleared, and it waits for a run going on', async () => {
  const clock = new FakeClock();
  const held = gate();
  let ended = false;
  const { service, runs } = everyMinute(clock, async () => {
    await held.wait;
    ended = true;
  });
  service.start();
  await clock.advance(60_000);
  expect(runs).toHaveLength(1);

  let stopped = false;
  const stopping = service.stop().then(() => (stopped = true));
  await settle();
  expect(stopped).toBe(false); // the run is still going on
  held.open();
  await stopping;
  expect(ended).toBe(true);
  expect(clock.timers).toBe(0); // the run's end scheduled nothing
  await clock.advance(10 * 60_000);
  expect(runs).toHaveLength(1);
  await service.runNow();
  expect(runs).toHaveLength(1); // asked after stop: not run
});

test('runs never overlap: asked while running, it runs once more afterwards however many times it was asked', async () => {
  const clock = new FakeClock();
  let active = 0;
  let most = 0;
  const gates = [gate(), gate()];
  let i = 0;
  const { service, runs } = everyMinute(clock, async () => {
    active++;
    most = Math.max(most, active);
    await gates[i++]?.wait;
    active--;
  });
  service.start();
  const first = service.runNow();
  const second = service.runNow();
  const third = service.runNow();
  expect(second).toBe(third);
  await settle();
  expect(runs).toHaveLength(1);
  gates[0]!.open();
  await first;
  await settle();
  expect(runs).toHaveLength(2);
  gates[1]!.open();
  await Promise.all([second, third]);
  expect(runs).toHaveLength(2);
  expect(most).toBe(1);
  // The schedule goes on from the end of the last run.
  expect(service.nextRunAt).toBe(clock.now() + 60_000);
});

test('no scheduled run starts while a run is going on; the schedule resumes from its end', async () => {
  const clock = new FakeClock();
  const held = gate();
  let active = 0;
  let most = 0;
  let calls = 0;
  const service = new ScheduledService({
    clock,
    run: async () => {
      active++;
      most = Math.max(most, active);
      if (calls++ === 0) await held.wait;
      active--;
    },
    next: (now) => now + 1_000,
    onError: () => undefined,
  });
  service.start();
  const asked = service.runNow(); // holds the first run open
  service.wake(); // a run is going on: nothing more is scheduled
  expect(service.nextRunAt).toBeUndefined();
  await clock.advance(5_000);
  expect(calls).toBe(1);
  held.open();
  await asked;
  await settle();
  expect(service.nextRunAt).toBe(clock.now() + 1_000);
  await clock.advance(1_000);
  expect(calls).toBe(2);
  expect(most).toBe(1);
  await service.stop();
});

test("a scheduled run's failure is reported, not swallowed, and the schedule goes on", async () => {
  const clock = new FakeClock();
  let n = 0;
  const { service, errors, runs } = everyMinute(clock, () => {
    if (++n === 1) throw new Error('disk full');
  });
  service.start();
  await clock.advance(60_000);
  expect(errors).toEqual([new Error('disk full')]);
  await clock.advance(60_000);
  expect(runs).toHaveLength(2);
  expect(errors).toHaveLength(1);
  await service.stop();
});

test('runNow rejects its caller with the failure (and does not report it twice)', async () => {
  const clock = new FakeClock();
  const { service, errors } = everyMinute(clock, () => {
    throw new Error('no network');
  });
  service.start();
  await expect(service.runNow()).rejects.toThrow('no network');
  expect(errors).toEqual([]);
  await service.stop();
});

test('wake asks for the next time only when nothing is scheduled; a scheduled time is kept', async () => {
  const clock = new FakeClock();
  let due: number | undefined;
  const reasons: ScheduleReason[] = [];
  const runs: number[] = [];
  const service = new ScheduledService({
    clock,
    run: () => void runs.push(clock.now()),
    next: (_now, reason) => {
      reasons.push(reason);
      return due;
    },
    onError: () => undefined,
  });
  service.start();
  expect(service.nextRunAt).toBeUndefined();
  due = clock.now() + 5_000;
  service.wake();
  expect(service.nextRunAt).toBe(due);
  const kept = due;
  due = clock.now() + 1_000;
  service.wake();
  expect(service.nextRunAt).toBe(kept);
  due = undefined;
  await clock.advance(5_000);
  expect(runs).toEqual([kept]);
  expect(reasons).toEqual(['start', 'wake', 'ran']);
  expect(service.nextRunAt).toBeUndefined();
  await service.stop();
});

test('a time past the timer limit is reached in steps, and not run early', async () => {
  const clock = new FakeClock();
  const at = clock.now() + MAX_TIMER_MS + 10_000;
  const runs: number[] = [];
  const service = new ScheduledService({
    clock,
    run: () => void runs.push(clock.now()),
    next: (_now, reason) => (reason === 'start' ? at : undefined),
    onError: () => undefined,
  });
  service.start();
  await clock.advance(MAX_TIMER_MS);
  expect(runs).toEqual([]);
  expect(service.nextRunAt).toBe(at);
  await clock.advance(10_000);
  expect(runs).toEqual([at]);
});

test('idle waits for the run going on and the one asked for after it', async () => {
  const clock = new FakeClock();
  const gates = [gate(), gate()];
  let i = 0;
  let ended = 0;
  const { service } = everyMinute(clock, async () => {
    await gates[i++]?.wait;
    ended++;
  });
  service.start();
  await service.idle(); // nothing going on
  void service.runNow();
  void service.runNow();
  let idle = false;
  const waiting = service.idle().then(() => (idle = true));
  gates[0]!.open();
  await settle();
  expect(ended).toBe(1);
  expect(idle).toBe(false);
  gates[1]!.open();
  await waiting;
  expect(ended).toBe(2);
  await service.stop();
});
