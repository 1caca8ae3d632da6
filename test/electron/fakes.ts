/**
 * Hand-written fakes of Electron objects. The Electron module cannot load outside Electron
 * (the binary cannot be downloaded here), so these are the ONE allowed mock in the suite: they only record what our functions
 * register on them and let a test fire those listeners. Everything else (files, zod, URLs) is real.
 */
type AnyListener = (...args: never[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, AnyListener[]>();
  on(name: string, listener: AnyListener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  emit(name: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(name) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
  count(name: string): number {
    return this.listeners.get(name)?.length ?? 0;
  }
}

/** An Electron-style event: records preventDefault. */
export function fakeEvent(): { preventDefault: () => void; defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

/** A fake MessagePortMain: records what main posts; `deliver` plays a message from the renderer. */
export class FakePort extends FakeEmitter {
  readonly posted: unknown[] = [];
  started = false;
  closed = false;
  postMessage(message: unknown): void {
    if (this.closed) throw new Error('posted on a closed port');
    this.posted.push(message);
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
  deliver(data: unknown): void {
    this.emit('message', { data, ports: [] });
  }
}
