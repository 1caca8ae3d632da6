/** @jest-environment jsdom */
/**
 * Auto-lock after the idle time the person set, and lock on the OS's signal (`app:lock`), as the
 * shell uses them: a component with the real hooks, Jest's fake clock, real DOM input events.
 */
import { act, fireEvent, render } from '@testing-library/react';
import { useCallback } from 'react';
import type { PayloadOf } from '../../../shared/ipc/contract';
import { useIdleLock } from '../../../renderer/app/useIdleLock';
import { useSystemLock } from '../../../renderer/app/useSystemLock';

const MINUTE = 60_000;

function Idle({ minutes, onIdle }: { minutes: number; onIdle: () => void }) {
  useIdleLock(minutes, onIdle);
  return <input aria-label="field" />;
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('auto-lock after the idle time', () => {
  it('locks once the set minutes pass with no input', () => {
    const onIdle = jest.fn();
    render(<Idle minutes={5} onIdle={onIdle} />);
    act(() => jest.advanceTimersByTime(5 * MINUTE - 1));
    expect(onIdle).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a key press', (el: Element) => fireEvent.keyDown(el, { key: 'a' })],
    ['a click', (el: Element) => fireEvent.pointerDown(el)],
    ['the mouse moving', (el: Element) => fireEvent.pointerMove(el)],
    ['scrolling', (el: Element) => fireEvent.wheel(el)],
  ])('%s postpones it by the whole idle time', (_what, act_) => {
    const onIdle = jest.fn();
    const { getByLabelText } = render(<Idle minutes={2} onIdle={onIdle} />);
    act(() => jest.advanceTimersByTime(2 * MINUTE - 1000));
    act_(getByLabelText('field'));
    act(() => jest.advanceTimersByTime(2 * MINUTE - 1));
    expect(onIdle).not.toHaveBeenCalled(); // 4 minutes in, but only 2 minus 1 ms since the input
    act(() => jest.advanceTimersByTime(1));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('a new idle time set in Settings applies from the change', () => {
    const onIdle = jest.fn();
    const { rerender } = render(<Idle minutes={15} onIdle={onIdle} />);
    act(() => jest.advanceTimersByTime(10 * MINUTE));
    rerender(<Idle minutes={1} onIdle={onIdle} />);
    act(() => jest.advanceTimersByTime(MINUTE));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('after unmounting (locked) nothing fires and input is no longer watched', () => {
    const onIdle = jest.fn();
    const { unmount } = render(<Idle minutes={1} onIdle={onIdle} />);
    unmount();
    fireEvent.keyDown(window, { key: 'a' });
    act(() => jest.advanceTimersByTime(10 * MINUTE));
    expect(onIdle).not.toHaveBeenCalled();
  });
});

/** The platform API's event side, as the preload or the browser host client delivers it. */
function lockSignal() {
  const listeners = new Set<(payload: PayloadOf<'app:lock'>) => void>();
  const api = {
    app: {
      info: async () => ({ name: '', version: '', electronVersion: '', platform: '', contractVersion: 2 }),
      onLock: (listener: (payload: PayloadOf<'app:lock'>) => void) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
  };
  return { api, fire: (payload: PayloadOf<'app:lock'>) => listeners.forEach((l) => l(payload)), listeners };
}

function OsLock({ api, onLock }: { api: ReturnType<typeof lockSignal>['api'] | null; onLock: () => void }) {
  useSystemLock(
    api,
    useCallback(() => onLock(), [onLock]),
  );
  return null;
}

describe('lock on the OS signal', () => {
  it('locks when the screen locks or the machine sleeps, and unsubscribes once locked', () => {
    const signal = lockSignal();
    const onLock = jest.fn();
    const { unmount } = render(<OsLock api={signal.api} onLock={onLock} />);
    act(() => signal.fire({ reason: 'lock-screen' }));
    act(() => signal.fire({ reason: 'suspend' }));
    expect(onLock).toHaveBeenCalledTimes(2);
    unmount();
    expect(signal.listeners.size).toBe(0);
  });

  it('does nothing in a plain browser tab (no platform)', () => {
    expect(() => render(<OsLock api={null} onLock={jest.fn()} />)).not.toThrow();
  });
});
