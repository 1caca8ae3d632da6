import { EventEmitter } from 'node:events';
import type { CDPSession } from 'playwright-core';
import { PageHeap, totalMb } from './page-heap';

/**
 * A DevTools session of a page with workers, as far as PageHeap uses it: the page answers
 * Runtime.getHeapUsage; each worker answers the messages wrapped for it, as Chromium does in
 * the non-flattened mode (Target.receivedMessageFromTarget), or never, when `silent`.
 */
class FakePageSession extends EventEmitter {
  readonly sent: string[] = [];
  pageHeap = 1000;
  readonly workerHeaps = new Map<string, number>();
  silent = new Set<string>();

  startWorker(sessionId: string, heap: number, type = 'worker'): void {
    this.workerHeaps.set(sessionId, heap);
    this.emit('Target.attachedToTarget', { sessionId, targetInfo: { type, url: `${sessionId}.js` } });
  }

  endWorker(sessionId: string): void {
    this.workerHeaps.delete(sessionId);
    this.emit('Target.detachedFromTarget', { sessionId });
  }

  send(method: string, params: { sessionId?: string; message?: string } = {}): Promise<unknown> {
    this.sent.push(method);
    if (method === 'Runtime.getHeapUsage') return Promise.resolve({ usedSize: this.pageHeap });
    if (method !== 'Target.sendMessageToTarget') return Promise.resolve({});
    const { id, method: inner } = JSON.parse(params.message!) as { id: number; method: string };
    const sessionId = params.sessionId!;
    if (this.silent.has(sessionId)) {
      setImmediate(() => this.endWorker(sessionId));
      return Promise.resolve({});
    }
    const result = inner === 'Runtime.getHeapUsage' ? { usedSize: this.workerHeaps.get(sessionId) } : {};
    setImmediate(() =>
      this.emit('Target.receivedMessageFromTarget', { sessionId, message: JSON.stringify({ id, result }) }),
    );
    return Promise.resolve({});
  }
}

async function follow(): Promise<{ session: FakePageSession; heap: PageHeap }> {
  const session = new FakePageSession();
  const heap = await PageHeap.follow(session as unknown as CDPSession);
  return { session, heap };
}

test("the heap is the page's and every running worker's, each collected first", async () => {
  const { session, heap } = await follow();
  expect(session.sent).toContain('Target.setAutoAttach');
  session.startWorker('engine', 5 * 2 ** 20);
  session.startWorker('argon2id', 2 ** 20);
  expect(await heap.parts()).toEqual([
    { target: 'page', usedBytes: 1000 },
    { target: 'engine.js', usedBytes: 5 * 2 ** 20 },
    { target: 'argon2id.js', usedBytes: 2 ** 20 },
  ]);
  expect(session.sent.filter((m) => m === 'HeapProfiler.collectGarbage')).toHaveLength(2);
  expect(session.sent.filter((m) => m === 'Target.sendMessageToTarget')).toHaveLength(6);
});

test('a worker that ended no longer counts, and other targets (iframes) never do', async () => {
  const { session, heap } = await follow();
  session.startWorker('engine', 2 ** 20);
  session.startWorker('frame', 7 * 2 ** 20, 'iframe');
  session.endWorker('engine');
  session.pageHeap = 2 ** 20;
  expect(await heap.totalMb()).toBe(1);
});

test('a worker that ends while it is asked counts for nothing, without waiting', async () => {
  const { session, heap } = await follow();
  session.startWorker('leaving', 2 ** 20);
  session.silent.add('leaving');
  expect(await heap.parts()).toEqual([{ target: 'page', usedBytes: 1000 }]);
});

test('totalMb adds the parts in MB of 2^20 bytes', () => {
  expect(totalMb([])).toBe(0);
  expect(
    totalMb([
      { target: 'page', usedBytes: 3 * 2 ** 19 },
      { target: 'w.js', usedBytes: 2 ** 19 },
    ]),
  ).toBe(2);
});
