/** @jest-environment ./test/renderer/sharing/environment.js */
/** The Today screen on a real space: each line opens its place, empty lists say what to do, both languages, "last looked". */
import { act, screen, within } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import userEvent from '@testing-library/user-event';
import { today } from '../../../renderer/app/today';
import { Today } from '../../../renderer/views/today/Today';
import { lookToday } from '../../../renderer/views/today/last-looked';
import { addDays } from '../../../shared/model';
import { NoticesProvider } from '../../../renderer/app/Notices';
import { ProvideSync } from '../../../renderer/sync/context';
import { SyncService } from '../../../renderer/sync/service';
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { createVault } from '../../../shared/vault';
import { renderView, space } from '../views/render-view';
import { arrivingSpace } from '../sync/arriving';
import { AppError } from '../../../shared/errors';

beforeEach(() => localStorage.clear());

function chapter() {
  const data = space('dev-me');
  const ana = data.members.create({ firstName: 'Ana', lastName: 'Ruiz', joinDate: addDays(today(), -1) });
  const ben = data.members.create({ firstName: 'Ben', lastName: 'Okafor', joinDate: addDays(today(), -1) });
  data.notes.create({
    kind: 'call',
    memberId: ana,
    date: addDays(today(), -5),
    nextStep: 'Ask about childcare',
    dueDate: addDays(today(), -2),
  });
  const event = data.attendance.create({
    eventName: 'General meeting',
    kind: 'general_meeting',
    date: addDays(today(), 3),
  });
  data.roles.create({
    role: 'treasurer',
    holderId: ben,
    termStart: addDays(today(), -400),
    termEnd: addDays(today(), -10),
  });
  return { data, ana, ben, event };
}

test('every line opens the place to act on it, by keyboard', async () => {
  const user = userEvent.setup();
  const { data, ana, event } = chapter();
  const { routes } = await renderView(data, <Today />);
  expect(screen.getByRole('heading', { level: 1, name: 'Today' })).toBeTruthy();
  const followUps = screen.getByRole('region', { name: 'My follow-up due (1)' });
  const step = within(followUps).getByRole('button', { name: 'Ask about childcare (Ana Ruiz)' });
  step.focus();
  await user.keyboard('{Enter}');
  expect(routes.pop()).toEqual({ view: 'member', memberId: ana });
  await user.click(
    within(screen.getByRole('region', { name: 'Meeting coming up (1)' })).getByRole('button', {
      name: 'General meeting',
    }),
  );
  expect(routes.pop()).toEqual({ view: 'event', eventId: event });
  const joined = screen.getByRole('region', { name: 'Newly joined (2)' });
  expect(
    within(joined)
      .getAllByRole('button')
      .map((b) => b.textContent),
  ).toEqual(['Ana Ruiz', 'Ben Okafor']);
  await user.click(
    within(screen.getByRole('region', { name: 'Needs you (1)' })).getByRole('button', {
      name: 'Rotation due: Treasurer (Ben Okafor)',
    }),
  );
  expect(routes.pop()).toEqual({ view: 'leadership' });
});

test('empty lists say what to do and offer the screen to do it on', async () => {
  const user = userEvent.setup();
  const { routes } = await renderView(space('dev-me'), <Today />);
  const followUps = screen.getByRole('region', { name: 'My follow-ups due (0)' });
  expect(within(followUps).getByText(/add a next step and a due date/)).toBeTruthy();
  await user.click(within(followUps).getByRole('button', { name: 'Open notes' }));
  expect(routes.pop()).toEqual({ view: 'notes' });
  const synced = screen.getByRole('region', { name: 'Synced with 0 organizers' });
  await user.click(within(synced).getByRole('button', { name: 'Open sharing' }));
  expect(routes.pop()).toEqual({ view: 'sharing' });
  expect(screen.getByText('Nothing needs you right now.')).toBeTruthy();
});

test('in Spanish, with plurals', async () => {
  const { data } = chapter();
  await renderView(data, <Today />, 'es');
  expect(screen.getByRole('heading', { level: 1, name: 'Hoy' })).toBeTruthy();
  expect(screen.getByRole('region', { name: 'Mi seguimiento pendiente (1)' })).toBeTruthy();
  expect(screen.getByRole('region', { name: 'Recién unidos (2)' })).toBeTruthy();
  expect(screen.getByRole('region', { name: 'Mis reuniones individuales esta semana (0)' })).toBeTruthy();
});

test('"last looked" is kept per space on this device and stays put within one day', () => {
  const day = '2026-03-12';
  expect(lookToday('space-a', day)).toBeUndefined(); // first visit
  expect(lookToday('space-a', day)).toBeUndefined(); // same day: still counted from the start
  expect(lookToday('space-a', addDays(day, 2))).toBe(day);
  expect(lookToday('space-a', addDays(day, 2))).toBe(day); // opened again that day: unchanged
  expect(lookToday('space-b', day)).toBeUndefined(); // another space has its own
  localStorage.setItem('sealed-roster.today-looked.space-c', '{"seen":"not a day"}');
  expect(lookToday('space-c', day)).toBeUndefined(); // a damaged value counts as a first visit
});

test('a long list shows five lines and one click to the rest', async () => {
  const user = userEvent.setup();
  const data = space('dev-me');
  for (let i = 0; i < 7; i++) {
    const holder = data.members.create({ firstName: `Holder${i}` });
    data.roles.create({
      role: 'other',
      title: `Seat ${i}`,
      holderId: holder,
      termStart: addDays(today(), -400),
      termEnd: addDays(today(), -10 - i),
    });
  }
  const { routes } = await renderView(data, <Today />);
  const attention = screen.getByRole('region', { name: 'Needs you (7)' });
  expect(within(attention).getAllByRole('listitem')).toHaveLength(5);
  await user.click(within(attention).getByRole('button', { name: 'Show 2 more' }));
  expect(routes.pop()).toEqual({ view: 'leadership' });
});

test('the problems the app needs the organizer to know are listed under "Needs you", each opening the notices', async () => {
  await initCrypto();
  const user = userEvent.setup();
  const { vault } = await createVault({ indexedDB: new IDBFactory(), IDBKeyRange }, 'passphrase of me', {
    kdfCost: 'test',
  });
  const service = await SyncService.start({ vault, api: null, onConnection: () => () => undefined });
  const opened: string[] = [];
  const notices = { open: () => opened.push('notices'), spaceName: () => 'Eastside' };
  const view = (
    <ProvideSync service={service}>
      <NoticesProvider value={notices}>
        <Today />
      </NoticesProvider>
    </ProvideSync>
  );
  try {
    const { routes } = await renderView(space('dev-me'), view);
    expect(screen.getByText('Nothing needs you right now.')).toBeTruthy();
    act(() => service.problems.add({ kind: 'rotated', space: 'space-1' as SpaceId }));
    const attention = await screen.findByRole('region', { name: 'Needs you (1)' });
    const line = within(attention).getByRole('button', { name: /Eastside/ });
    expect(line.getAttribute('aria-haspopup')).toBe('dialog');
    line.focus();
    await user.keyboard('{Enter}');
    expect(opened).toEqual(['notices']);
    expect(routes).toEqual([]);

    // A failure of sync's background work is one line, from the stream, however often it happens.
    act(() => {
      service.problems.syncFailed(new AppError('net-failed', 'main could not listen'));
      service.problems.syncFailed(new AppError('net-failed', 'nor this time'));
    });
    const both = await screen.findByRole('region', { name: 'Needs you (2)' });
    expect(within(both).getAllByRole('button', { name: /ran into a problem/ })).toHaveLength(1);
  } finally {
    service.close();
  }
});

test('a space still arriving from a peer says so, with its progress, instead of offering to set up an empty roster', async () => {
  const { service, spaceId, announce } = await arrivingSpace();
  const view = (lng: string) =>
    renderView(
      space('dev-me'),
      <ProvideSync service={service}>
        <Today />
      </ProvideSync>,
      lng,
      spaceId,
    );
  try {
    const { unmount } = await view('en');
    expect(screen.getByRole('region', { name: 'Your roster is empty' })).toBeTruthy();
    await announce(116);
    const arriving = await screen.findByRole('region', { name: 'This space is still arriving' });
    expect(screen.queryByRole('region', { name: 'Your roster is empty' })).toBeNull();
    // Said once in the live region; the count moving with every group received is not in it.
    const live = within(arriving).getByRole('status');
    expect(live.textContent).toMatch(/^It comes from another organizer’s device/);
    const bar = within(arriving).getByRole('progressbar', { name: 'Receiving the space: 0 of 116 changes' });
    expect(live.contains(bar)).toBe(false);
    unmount();
    await view('es');
    const llegando = screen.getByRole('region', { name: 'Este espacio todavía está llegando' });
    expect(within(llegando).getByRole('status').textContent).toMatch(/^Llega desde el dispositivo de otra persona/);
    expect(within(llegando).getByRole('progressbar', { name: 'Recibiendo el espacio: 0 de 116 cambios' })).toBeTruthy();
  } finally {
    service.close();
  }
});
