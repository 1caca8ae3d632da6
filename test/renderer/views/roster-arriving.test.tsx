/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * A newcomer who opens a space still arriving from a peer sees it arriving, with its progress, on the
 * roster: not "No members yet… create a sample chapter", which would invite writing a made-up chapter
 * into the shared space.
 */
import { act, screen } from '@testing-library/react';
import { Roster } from '../../../renderer/views/roster/Roster';
import { Arrivals } from '../../../renderer/views/sharing/Arrivals';
import { ProvideSync } from '../../../renderer/sync/context';
import { arrivingSpace } from '../sync/arriving';
import { stageSyncState } from '../sync/stage';
import type { SessionView } from '../../../renderer/sync/state';
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

test('a large message on its way, then being stored, is shown in MB in both languages: the count alone would sit still', async () => {
  const { service, spaceId, announce } = await arrivingSpace();
  const session = (more: Partial<SessionView>): SessionView => ({
    id: 'c1',
    transport: 'lan',
    direction: 'outbound',
    status: 'syncing',
    spaces: [spaceId],
    received: 2,
    sent: 0,
    ...more,
  });
  const stage = (view: SessionView) => act(() => stageSyncState(service, (state) => ({ ...state, sessions: [view] })));
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
    await announce(121);
    stage(session({ incoming: { received: 3_140_000, total: 9_460_000 } }));
    const { unmount } = await view('en');
    expect(screen.getByTestId('arriving-bytes').textContent).toBe('A large part is on its way: 3.1 of 9.5 MB received');
    // Not in the live region either: it moves with every piece.
    expect(screen.getByRole('status').contains(screen.getByTestId('arriving-bytes'))).toBe(false);
    stage(session({ storing: 9_460_000 }));
    expect((await screen.findByText(/Checking and storing/)).textContent).toBe('Checking and storing 9.5 MB received…');
    unmount();
    const es = await view('es');
    expect(screen.getByTestId('arriving-bytes').textContent).toBe('Comprobando y guardando 9,5 MB recibidos…');
    stage(session({ incoming: { received: 3_140_000, total: 9_460_000 } }));
    expect((await screen.findByText(/en camino/)).textContent).toBe(
      'Una parte grande está en camino: 3,1 de 9,5 MB recibidos',
    );
    // Small messages (a batch of edits) and other spaces' sessions show nothing more than the count.
    stage(session({ incoming: { received: 10_000, total: 200_000 } }));
    expect(screen.queryByTestId('arriving-bytes')).toBeNull();
    stage(session({ spaces: [], storing: 9_460_000 }));
    expect(screen.queryByTestId('arriving-bytes')).toBeNull();
    es.unmount();
  } finally {
    service.close();
  }
});
