/**
 * The JS heap of a page AND of its workers (rows/unlock.ts, heap_after_unlock_10k). The page's own
 * isolate is not the whole story: the Argon2id worker, and any part of the engine that runs in a Web
 * Worker, keep their heaps in isolates of their own, which Runtime.getHeapUsage on the page does not
 * see. A design that moved the document into a worker would otherwise look as if it freed it.
 *
 * Workers are reached through DevTools' auto-attach on the page's session, in the non-flattened mode
 * (commands wrapped in Target.sendMessageToTarget): playwright-core's CDPSession cannot address a
 * child session any other way. A page reload ends its workers; new ones attach as they start.
 */
import type { CDPSession } from 'playwright-core';

export interface HeapPart {
  /** 'page', or the worker's URL. */
  readonly target: string;
  readonly usedBytes: number;
}

interface AttachedEvent {
  readonly sessionId: string;
  readonly targetInfo: { readonly type: string; readonly url: string };
}

interface TargetReply {
  readonly id?: number;
  readonly result?: unknown;
  readonly error?: { readonly message: string };
}

class WorkerGone extends Error {
  constructor() {
    super('the worker ended');
  }
}

/** A worker that does not answer within this is a failure, not a zero. */
const REPLY_TIMEOUT = 60_000;

export class PageHeap {
  private readonly workers = new Map<string, string>();
  private readonly replies = new Map<
    number,
    { readonly sessionId: string; resolve(v: unknown): void; reject(e: Error): void }
  >();
  private nextId = 1;

  private constructor(private readonly cdp: CDPSession) {}

  /** Starts following the page's workers (call once, on a session of the page). */
  static async follow(cdp: CDPSession): Promise<PageHeap> {
    const heap = new PageHeap(cdp);
    cdp.on('Target.attachedToTarget', (e: AttachedEvent) => {
      if (e.targetInfo.type === 'worker') heap.workers.set(e.sessionId, e.targetInfo.url);
    });
    cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => {
      heap.workers.delete(e.sessionId);
      for (const waiting of heap.replies.values())
        if (waiting.sessionId === e.sessionId) waiting.reject(new WorkerGone());
    });
    cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const reply = JSON.parse(e.message) as TargetReply;
      const waiting = reply.id === undefined ? undefined : heap.replies.get(reply.id);
      if (!waiting) return;
      heap.replies.delete(reply.id!);
      if (reply.error) waiting.reject(new Error(reply.error.message));
      else waiting.resolve(reply.result);
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return heap;
  }

  private inWorker(sessionId: string, method: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(id);
        reject(new Error(`the worker did not answer ${method}`));
      }, REPLY_TIMEOUT);
      this.replies.set(id, {
        sessionId,
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), this.replies.delete(id), reject(e)),
      });
      this.cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch((e: Error) => this.replies.get(id)?.reject(e));
    });
  }

  /** Used JS heap of the page and of each worker, each after two full collections. */
  async parts(): Promise<HeapPart[]> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    await this.cdp.send('HeapProfiler.collectGarbage');
    const parts: HeapPart[] = [{ target: 'page', usedBytes: (await this.cdp.send('Runtime.getHeapUsage')).usedSize }];
    for (const [sessionId, url] of [...this.workers]) {
      try {
        await this.inWorker(sessionId, 'HeapProfiler.collectGarbage');
        await this.inWorker(sessionId, 'HeapProfiler.collectGarbage');
        const { usedSize } = (await this.inWorker(sessionId, 'Runtime.getHeapUsage')) as { usedSize: number };
        parts.push({ target: url, usedBytes: usedSize });
      } catch (e) {
        // A worker that ended meanwhile holds nothing any more.
        if (!(e instanceof WorkerGone)) throw e;
      }
    }
    return parts;
  }

  /** The page's and its workers' used JS heap together, MB. */
  async totalMb(): Promise<number> {
    return totalMb(await this.parts());
  }
}

/** The parts' used heap together, MB (2^20 bytes). */
export function totalMb(parts: readonly HeapPart[]): number {
  return parts.reduce((n, p) => n + p.usedBytes, 0) / 2 ** 20;
}
