/**
 * The main-side end of one network connection when the renderer lives behind the browser host:
 * it stands where Electron's MessagePortMain stands, so the SAME `pipeConnectionToPort` moves the
 * bytes and validates what the page sends. Its other end is the page's WebSocket client (client.ts),
 * which turns it back into a real MessagePort inside the page.
 */
import type { MessageEvent, MessagePortMain } from 'electron';
import type { PortMessage } from '../../shared/ipc/contract';
import type { MainPort } from '../ipc/connection-port';

/** How an adopted port reaches the page: post a message, and say that main closed its end. */
export interface PortSink {
  post(message: PortMessage): void;
  closed(): void;
}

export class SocketPort implements MainPort {
  private sink: PortSink | null = null;
  private queued: PortMessage[] = [];
  private readonly messageListeners: Array<(event: MessageEvent) => void> = [];
  private readonly closeListeners: Array<() => void> = [];
  private isClosed = false;

  /** Bytes can arrive before the page has been told about the connection: they wait here. */
  postMessage(message: PortMessage): void {
    if (this.isClosed) return;
    if (this.sink) this.sink.post(message);
    else this.queued.push(message);
  }

  on(event: 'close', listener: () => void): MessagePortMain;
  on(event: 'message', listener: (messageEvent: MessageEvent) => void): MessagePortMain;
  on(event: 'close' | 'message', listener: ((messageEvent: MessageEvent) => void) | (() => void)): MessagePortMain {
    if (event === 'message') this.messageListeners.push(listener as (messageEvent: MessageEvent) => void);
    else this.closeListeners.push(listener as () => void);
    // Electron's typing returns the port for chaining; nothing here chains, so this stands in for it.
    return this as unknown as MessagePortMain;
  }

  start(): void {}

  /** Main closed its end (after `end`/`error`, or on a bad message): the page's port is closed too. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.sink?.closed(); // not attached yet: attach() delivers what was queued, then the close
  }

  /** The page's client took this port: flush what waited. */
  attach(sink: PortSink): void {
    this.sink = sink;
    const waiting = this.queued;
    this.queued = [];
    for (const message of waiting) sink.post(message);
    if (this.isClosed) sink.closed();
  }

  /** Something the page posted on its port (validated by pipeConnectionToPort, not here). */
  receive(data: unknown): void {
    if (this.isClosed) return;
    for (const listener of [...this.messageListeners]) listener({ data, ports: [] });
  }

  /** The page closed its port, or its WebSocket went away. */
  remoteClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.queued = [];
    for (const listener of [...this.closeListeners]) listener();
  }
}
