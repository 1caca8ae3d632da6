import { SerialQueue } from '../../../shared/util/serial-queue';

test('work runs one piece after another, in the order asked', async () => {
  const queue = new SerialQueue();
  const log: string[] = [];
  const slow = queue.run(async () => {
    log.push('a start');
    await new Promise((resolve) => setImmediate(resolve));
    log.push('a end');
    return 'a';
  });
  const fast = queue.run(() => {
    log.push('b');
    return 'b';
  });
  expect(await Promise.all([slow, fast])).toEqual(['a', 'b']);
  expect(log).toEqual(['a start', 'a end', 'b']);
});

test('a failure rejects its own promise only: the next piece still runs', async () => {
  const queue = new SerialQueue();
  const failed = queue.run(() => Promise.reject(new Error('no')));
  const next = queue.run(() => 'ran');
  await expect(failed).rejects.toThrow('no');
  await expect(next).resolves.toBe('ran');
  await expect(queue.idle()).resolves.toBeUndefined();
});

test('idle waits for everything queued so far', async () => {
  const queue = new SerialQueue();
  let done = false;
  void queue.run(async () => {
    await new Promise((resolve) => setImmediate(resolve));
    done = true;
  });
  await queue.idle();
  expect(done).toBe(true);
});
