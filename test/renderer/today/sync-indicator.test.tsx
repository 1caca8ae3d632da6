/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The top bar's sync status over a real vault and the real sync service: it follows the service's
 * own state (no copy of its own), names connected organizers, the last sync with each, a problem in
 * plain words, and opens Sharing in one click; in English and Spanish.
 */
import { act, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { ProvideSync } from '../../../renderer/sync/context';
import { SyncService } from '../../../renderer/sync/service';
import userEvent from '@testing-library/user-event';
import en from '../../../renderer/i18n/en.json';
import { SyncIndicator } from '../../../renderer/app/SyncIndicator';
import type { SessionView, UnsentChanges } from '../../../renderer/sync/state';
import type { SpaceId } from '../../../shared/crypto';
import { addByBundle, makeDevice } from '../../shared/sync/peers';
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
  // Not counted at unlock (counting opens every space): the panel says so until it is first shown.
  expect(screen.getByTestId('sync-unsent').textContent).toBe('Counting the changes not yet sent…');
  act(() => status.focus());
  // No space is shared with anyone: nothing can be unsent, and the panel does not pretend it was sent.
  await screen.findByText('No other organizer shares your spaces yet: your changes stay on this laptop.');

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

  act(() => stageSyncState(service, (s) => ({ ...s, sessions: [], lastSynced: { [b]: Date.now() - 3 * 3600_000 } })));
  expect(status.textContent).toBe('Sync status: No one connected');
});

const space1 = 's1' as SpaceId;
const space2 = 's2' as SpaceId;

test('unsent changes: the count, who lacks them, and when all have arrived', async () => {
  const service = await renderIn('en');
  const [a, b] = [(await newVault('a')).device.id, (await newVault('b')).device.id];
  const stage = (unsent: UnsentChanges[]) =>
    act(() => stageSyncState(service, (s) => ({ ...s, unsent, unsentCounted: true })));
  // The same change lacking at two organizers counts once; changes of two spaces add up.
  stage([
    { space: space1, device: a, count: 3, synced: true },
    { space: space1, device: b, count: 1234, synced: false },
    { space: space2, device: a, count: 2, synced: true },
  ]);
  const unsent = screen.getByTestId('sync-unsent');
  expect(unsent.querySelector('p')!.textContent).toBe('1,236 changes not yet sent');
  expect([...unsent.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
    `Device ${shortDevice(b)}: 1,234 changes waiting for its first sync`,
    `Device ${shortDevice(a)}: 5 changes not yet received`,
  ]);
  stage([
    { space: space1, device: a, count: 1, synced: true },
    { space: space1, device: b, count: 0, synced: true },
  ]);
  expect(unsent.textContent).toBe(`1 change not yet sent` + `Device ${shortDevice(a)}: 1 change not yet received`);
  stage([{ space: space1, device: a, count: 0, synced: true }]);
  expect(unsent.textContent).toBe('All your changes have reached the others.');
});

test("the service's own count: an organizer added here waits for its first sync, and a new edit adds one", async () => {
  const [me, other] = [await makeDevice('me'), await makeDevice('other')];
  const space = await me.vault.createSpace('Chapter');
  await addByBundle(me, space, other, 'editor');
  await renderWithSync(me.vault, <SyncIndicator onOpen={() => undefined} />);
  await userEvent.setup().hover(screen.getByTestId('sync-status')); // the panel shown: the count starts
  const handle = await me.vault.openSpace(space);
  const own = () =>
    handle.heads().access.filter((h) => h.author === me.card.id)[0]!.seq +
    (handle.heads().content.find((h) => h.author === me.card.id)?.seq ?? 0);
  const line = (n: number) =>
    `Device ${shortDevice(other.card.id)}: ${n} ${n === 1 ? 'change' : 'changes'} waiting for its first sync`;
  await screen.findByText(line(own()), {}, { timeout: 10_000 });
  const before = own();
  act(() => handle.doc.getMap('members').set('m1', 'x'));
  await act(() => handle.flush());
  expect(own()).toBe(before + 1);
  await screen.findByText(line(before + 1), {}, { timeout: 10_000 });
  expect(screen.getByTestId('sync-unsent').querySelector('p')!.textContent).toBe(`${before + 1} changes not yet sent`);
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
  const unsent = screen.getByTestId('sync-unsent');
  expect(unsent.textContent).toBe('Contando los cambios aún no enviados…');
  act(() => screen.getByTestId('sync-status').focus());
  await screen.findByText(
    'Ninguna otra persona organizadora comparte sus espacios todavía: sus cambios se quedan en este equipo.',
  );
  const stage = (unsent: UnsentChanges[]) =>
    act(() => stageSyncState(service, (s) => ({ ...s, unsent, unsentCounted: true })));
  stage([
    { space: space1, device: a, count: 1, synced: true },
    { space: space1, device: b, count: 1, synced: false },
  ]);
  expect(unsent.querySelector('p')!.textContent).toBe('1 cambio sin enviar');
  // As many changes each: in the order of the devices' ids.
  expect([...unsent.querySelectorAll('li')].map((li) => li.textContent)).toEqual(
    [
      [a, `Dispositivo ${shortDevice(a)}: 1 cambio aún no recibido`],
      [b, `Dispositivo ${shortDevice(b)}: 1 cambio espera su primera sincronización`],
    ]
      .sort(([x], [y]) => (x! < y! ? -1 : 1))
      .map(([, line]) => line),
  );
  stage([
    { space: space1, device: a, count: 12_345, synced: true },
    { space: space1, device: b, count: 2, synced: false },
  ]);
  expect(unsent.querySelector('p')!.textContent).toBe('12.345 cambios sin enviar');
  expect([...unsent.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
    `Dispositivo ${shortDevice(a)}: 12.345 cambios aún no recibidos`,
    `Dispositivo ${shortDevice(b)}: 2 cambios esperan su primera sincronización`,
  ]);
  stage([{ space: space1, device: a, count: 0, synced: true }]);
  expect(unsent.textContent).toBe('Todos sus cambios han llegado a las demás personas.');
});

test('shown before the sync service is there (just after unlock), the panel counts once it comes; not before it is shown', async () => {
  const vault = await newVault('me');
  const service = await SyncService.start({ vault, api: null, onConnection: () => () => undefined });
  try {
    const count = jest.spyOn(service, 'countUnsent');
    const i18n = i18next.createInstance();
    await i18n.use(initReactI18next).init({ resources: { en: { translation: en } }, lng: 'en' });
    const ui = (s: SyncService | null) => (
      <I18nextProvider i18n={i18n}>
        <ProvideSync service={s}>
          <SyncIndicator onOpen={() => undefined} />
        </ProvideSync>
      </I18nextProvider>
    );
    const { rerender } = render(ui(null));
    rerender(ui(service));
    expect(count).not.toHaveBeenCalled(); // nobody looked: unlock opens no space to count
    rerender(ui(null));
    act(() => screen.getByTestId('sync-status').focus());
    rerender(ui(service));
    expect(count).toHaveBeenCalledTimes(1);
  } finally {
    service.close();
  }
});
