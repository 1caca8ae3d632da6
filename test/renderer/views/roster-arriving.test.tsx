/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * A newcomer who opens a space still arriving from a peer sees it arriving, with its progress, on the
 * roster: not "No members yet… create a sample chapter", which would invite writing a made-up chapter
 * into the shared space.
 */
import { screen } from '@testing-library/react';
import { Roster } from '../../../renderer/views/roster/Roster';
import { Arrivals } from '../../../renderer/views/sharing/Arrivals';
import { ProvideSync } from '../../../renderer/sync/context';
import { arrivingSpace } from '../sync/arriving';
import { renderView, space } from './render-view';

test('the roster of a space still arriving shows its progress, not the empty roster’s advice', async () => {
  const { service, spaceId, announce } = await arrivingSpace();
  const view = (lng: string) =>
    renderView(
      space('dev-me'),
      <ProvideSync service={service}>
        <Roster />
      </ProvideSync>,
      lng,
      spaceId,
    );
  try {
    const { unmount } = await view('en');
    expect(screen.getByText(/No members yet/)).toBeTruthy();
    await announce(116);
    expect(await screen.findByText(/still arriving from another organizer/)).toBeTruthy();
    expect(screen.queryByText(/No members yet/)).toBeNull();
    const bar = screen.getByRole('progressbar', { name: 'Receiving the space: 0 of 116 changes' });
    // The sentence is the live region; the moving count is not in one (a screen reader would read every step).
    expect(screen.getAllByRole('status').some((s) => /still arriving/.test(s.textContent ?? ''))).toBe(true);
    for (const region of screen.getAllByRole('status')) expect(region.contains(bar)).toBe(false);
    unmount();
    await view('es');
    expect(screen.getByText(/todavía está llegando/)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Recibiendo el espacio: 0 de 116 cambios' })).toBeTruthy();
  } finally {
    service.close();
  }
});

test('Sharing lists the spaces arriving: one sentence in the live region, the moving counts outside it', async () => {
  const { service, spaceId, announce } = await arrivingSpace();
  const view = (lng: string) =>
    renderView(
      space('dev-me'),
      <ProvideSync service={service}>
        <Arrivals />
      </ProvideSync>,
      lng,
      spaceId,
    );
  try {
    await announce(40);
    const { unmount } = await view('en');
    const live = screen.getByRole('status');
    expect(live.textContent).toBe('A space is arriving from another organizer’s device.');
    expect(live.contains(screen.getByRole('progressbar', { name: 'Receiving the space: 0 of 40 changes' }))).toBe(
      false,
    );
    unmount();
    await view('es');
    expect(screen.getByRole('status').textContent).toBe(
      'Un espacio está llegando desde el dispositivo de otra persona organizadora.',
    );
  } finally {
    service.close();
  }
});
