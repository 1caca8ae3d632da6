/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The top bar's sync status over a real vault and the real sync service: it follows the service's
 * own state (no copy of its own), names connected organizers, the last sync with each, a problem in
 * plain words, and opens Sharing in one click; in English and Spanish.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import en from '../../../renderer/i18n/en.json';
import { SyncIndicator } from '../../../renderer/app/SyncIndicator';
import type { SessionView } from '../../../renderer/sync/state';
import { shortDevice } from '../../../renderer/views/sharing/words';
import { AppError } from '../../../shared/errors';
import { stageSyncState } from '../sync/stage';
import { newVault, renderWithSync } from '../sync/render-with-sync';

async function renderIn(lng: string, onOpen: () => void = () => undefined) {
  return renderWithSync(await newVault('me'), <SyncIndicator onOpen={onOpen} />, lng);
}

const session = (id: string, peer: string, status: SessionView['status']): SessionView => ({
  id,
  transport: 'lan',
  direction: 'outbound',
  status,
  peer: peer as SessionView['peer'],
  spaces: [],
  received: 0,
  sent: 0,
});

test('follows the service: off in a plain window, then connected organizers and the last sync with each', async () => {
  const service = await renderIn('en');
  const status = screen.getByTestId('sync-status');
  expect(status.textContent).toBe('Sync status: Not syncing');
  expect(screen.getByRole('tooltip').textContent).toContain('This window does not sync over the network');
  expect(screen.getByRole('tooltip').textContent).toContain('No organizer has synced with this laptop yet.');
  // What has not reached the others, as far as the service knows: it counts no acknowledgements, so it says when changes travel.
  expect(screen.getByTestId('sync-unsent').textContent).toBe(
    'Changes made here stay on this laptop until the first sync.',
  );

  const a = (await newVault('a')).device.id;
  const b = (await newVault('b')).device.id;
  act(() =>
    stageSyncState(service, (s) => ({
      ...s,
      networking: true,
      // One organizer on two transports counts once; a session still in its handshake does not count.
      sessions: [session('1', a, 'syncing'), session('2', a, 'syncing'), session('3', b, 'handshake')],
      lastSynced: { [a]: Date.now(), [b]: Date.now() - 3 * 3600_000 },
    })),
  );
  expect(status.textContent).toBe('Sync status: 1 connected');
  expect(status.getAttribute('aria-describedby')).toBe(screen.getByRole('tooltip').id);
  const details = screen.getByRole('tooltip').textContent!;
  expect(details).toContain(`Device ${shortDevice(a)}: now`);
  expect(details).toContain(`Device ${shortDevice(b)}: 3 hours ago`);
  expect(screen.getByTestId('sync-unsent').textContent).toBe(
    'Changes made here go to the connected organizers as you make them.',
  );

  act(() => stageSyncState(service, (s) => ({ ...s, sessions: [], lastSynced: { [b]: Date.now() - 3 * 3600_000 } })));
  expect(status.textContent).toBe('Sync status: No one connected');
  expect(screen.getByTestId('sync-unsent').textContent).toBe(
    'Changes made here since the last sync (3 hours ago) reach the others at the next sync.',
  );
});

test('a problem is said in plain words; one click opens Sharing', async () => {
  const user = userEvent.setup();
  const opened: string[] = [];
  const service = await renderIn('en', () => opened.push('sharing'));
  act(() => {
    stageSyncState(service, (s) => ({ ...s, networking: true }));
    service.problems.syncFailed(new AppError('net-failed', 'x')); // as a failed look around reports it
  });
  expect(screen.getByTestId('sync-status').textContent).toBe('Sync status: Sync problem');
  expect(screen.getByRole('tooltip').textContent).toContain(en.errors['net-failed']);
  await user.click(screen.getByTestId('sync-status'));
  expect(opened).toEqual(['sharing']);
});

test('in Spanish, with plurals', async () => {
  const service = await renderIn('es');
  const [a, b] = [(await newVault('a')).device.id, (await newVault('b')).device.id];
  act(() =>
    stageSyncState(service, (s) => ({
      ...s,
      networking: true,
      sessions: [session('1', a, 'syncing'), session('2', b, 'syncing')],
    })),
  );
  expect(screen.getByTestId('sync-status').textContent).toBe('Estado de la sincronización: 2 conectadas');
});
