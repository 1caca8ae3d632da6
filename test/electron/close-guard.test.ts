/** Quitting waits for the renderer to write what is pending and lock (electron/window/close-guard.ts). */
import { CLOSE_WAIT_MS, guardWindowClose, type ClosingWindow } from '../../electron/window/close-guard';
import { FakeEmitter, fakeEvent } from './fakes';

class FakeWindow extends FakeEmitter implements ClosingWindow {
  closed = 0;
  destroyed = false;
  close(): void {
    this.closed++;
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

function setup(rendererThere = true) {
  const window = new FakeWindow();
  const asked: number[] = [];
  const timers: (() => void)[] = [];
  const guard = guardWindowClose(
    window,
    () => {
      asked.push(1);
      return rendererThere;
    },
    CLOSE_WAIT_MS,
    {
      set: ((fn: () => void) => timers.push(fn)) as unknown as typeof setTimeout,
      clear: (() => undefined) as unknown as typeof clearTimeout,
    },
  );
  return { window, asked, timers, guard };
}

test('a close is held until the renderer says it has locked, then the window goes', () => {
  const { window, asked, guard } = setup();
  window.close();
  expect(window.destroyed).toBe(false);
  expect(asked).toHaveLength(1);
  window.close(); // a second click waits for the same answer
  expect(asked).toHaveLength(1);
  guard.readyToClose();
  expect(window.destroyed).toBe(true);
});

test('a renderer that never answers cannot keep the window open', () => {
  const { window, timers } = setup();
  window.close();
  expect(window.destroyed).toBe(false);
  timers[0]!();
  expect(window.destroyed).toBe(true);
});

test('without a renderer to ask, the window closes at once; a stray "ready" does nothing', () => {
  const { window, guard } = setup(false);
  guard.readyToClose();
  expect(window.closed).toBe(0);
  window.close();
  expect(window.destroyed).toBe(true);
});
