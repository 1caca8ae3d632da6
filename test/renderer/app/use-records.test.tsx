/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * useRecords on a real space document under a provider that never changes (as the shell's): a view
 * re-reads and re-renders after a change to a collection it reads, and not after a change to another
 * collection; the result is the same object until then; a burst of changes re-renders once.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { useSpace, SpaceContext, type SpaceState } from '../../../renderer/app/SpaceContext';
import { useRecords } from '../../../renderer/app/useRecords';
import { SpaceChanges } from '../../../renderer/app/space-changes';
import { space } from '../views/render-view';

const nextFrame = () => act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));

function setup() {
  const data = space();
  const state: SpaceState = { data, spaceId: 's', deviceId: data.author, navigate: () => undefined };
  const renders: string[] = [];
  const reads: string[] = [];
  const seen: unknown[] = [];
  function GroupNames({ prefix }: { prefix: string }) {
    const names = useRecords(
      (d) => {
        reads.push(prefix);
        return d.groups.all().map((g) => `${prefix}${g.name}`);
      },
      [prefix],
      'groups',
    );
    renders.push(prefix);
    seen.push(names);
    return <p>{names.join(', ') || 'none'}</p>;
  }
  const view = (prefix: string) => (
    <SpaceContext.Provider value={state}>
      <GroupNames prefix={prefix} />
    </SpaceContext.Provider>
  );
  const result = render(view('#'));
  return { data, renders, reads, seen, view, ...result };
}

test('a change to the collection a view reads re-renders it with the new records', async () => {
  const { data } = setup();
  expect(screen.getByText('none')).toBeTruthy();
  act(() => void data.groups.create({ name: 'Tenants' }));
  await nextFrame();
  expect(screen.getByText('#Tenants')).toBeTruthy();
});

test('a change to another collection neither re-reads nor re-renders it', async () => {
  const { data, renders, reads } = setup();
  act(() => void data.skills.create({ name: 'Spanish' }));
  act(() => void data.members.create({ firstName: 'Ana', lastName: 'Ruiz' }));
  await nextFrame();
  expect(renders).toEqual(['#']);
  expect(reads).toEqual(['#']);
});

test('many changes in one frame re-render once, and the result is the same object until a change', async () => {
  const { data, renders, seen, rerender, view } = setup();
  rerender(view('#'));
  expect(seen[1]).toBe(seen[0]);
  act(() => {
    data.groups.create({ name: 'A' });
    data.groups.create({ name: 'B' });
    data.groups.create({ name: 'C' });
  });
  await nextFrame();
  expect(renders).toHaveLength(3);
  expect(screen.getByText('#A, #B, #C')).toBeTruthy();
});

test('a new value of a dependency reads again at once', () => {
  const { reads, rerender, view } = setup();
  rerender(view('>'));
  expect(reads).toEqual(['#', '>']);
});

test('the tracker tells a listener once per flush for the sources it asked for, and stamps only those', () => {
  const data = space();
  const flushes: (() => void)[] = [];
  const changes = new SpaceChanges(data.doc, (flush) => {
    flushes.push(flush);
    return () => undefined;
  });
  const told: string[] = [];
  changes.subscribe(['groups', 'meta'], () => told.push('groups+meta'));
  changes.subscribe(['notes'], () => told.push('notes'));
  const before = changes.stamp(['notes']);
  data.groups.create({ name: 'A' });
  data.setName('Eastside');
  expect(changes.stamp(['notes'])).toBe(before);
  expect(changes.stamp(['groups'])).toBeGreaterThan(before);
  expect(flushes).toHaveLength(1);
  flushes[0]!();
  expect(told).toEqual(['groups+meta']);
});

test('useSpace outside a space still says so', () => {
  function Outside() {
    useSpace();
    return null;
  }
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  expect(() => render(<Outside />)).toThrow('useSpace outside an open space');
});

test('a view’s earlier render is not kept alive by the subscription: what its reader held can be collected', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const data = space();
  const state: SpaceState = { data, spaceId: 's', deviceId: data.author, navigate: () => undefined };
  // A reader that holds a large value of its render (the roster's first render holds the read index's records).
  function Count({ held }: { held: readonly string[] }) {
    const n = useRecords((d) => d.groups.size + held.length, [held], 'groups');
    return <p>{n}</p>;
  }
  // The value changes through state, as a view's own data does (not through render's `rerender`, which keeps its first element).
  let hold: (held: readonly string[]) => void = () => undefined;
  function Holder({ initial }: { initial: () => readonly string[] }) {
    const [held, setHeld] = useState(initial);
    hold = setHeld;
    return <Count held={held} />;
  }
  let first: WeakRef<readonly string[]> | undefined;
  const initial = () => {
    const held = Array.from({ length: 1000 }, (_, i) => `member ${i}`);
    first = new WeakRef(held);
    return held;
  };
  render(
    <SpaceContext.Provider value={state}>
      <Holder initial={initial} />
    </SpaceContext.Provider>,
  );
  expect(screen.getByText('1000')).toBeTruthy();
  act(() => hold(['one']));
  act(() => hold(['one', 'two']));
  expect(screen.getByText('2')).toBeTruthy();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  expect(first!.deref()).toBeUndefined();
});
