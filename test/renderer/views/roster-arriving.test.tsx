/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * A newcomer who opens a space still arriving from a peer sees it arriving, with its progress, on the
 * roster: not "No members yet… create a sample chapter", which would invite writing a made-up chapter
 * into the shared space.
 */
import { screen } from '@testing-library/react';
import { Roster } from '../../../renderer/views/roster/Roster';
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
