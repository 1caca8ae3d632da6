/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * "Others can connect to 192.168.1.20:PORT": the sharing screen names this machine's LAN addresses
 * with the listening port, in English and Spanish, and says nothing when there is no address.
 */
import { act, screen } from '@testing-library/react';
import type { SyncService } from '../../../renderer/sync/service';
import { DialAddresses } from '../../../renderer/views/sharing/DialAddresses';
import { stageSyncState } from '../sync/stage';
import { newVault, renderWithSync } from '../sync/render-with-sync';

async function renderIn(lng: string): Promise<SyncService> {
  return renderWithSync(await newVault('this device'), <DialAddresses testId="dial" />, lng);
}

const addresses = [
  { address: '192.168.1.20', family: 'IPv4' as const },
  { address: '2001:db8::20', family: 'IPv6' as const },
];

test.each([
  ['en', 'Others can connect to 192.168.1.20:41234 or [2001:db8::20]:41234.'],
  ['es', 'Otros dispositivos pueden conectarse a 192.168.1.20:41234 o [2001:db8::20]:41234.'],
])('in %s, the listening port is shown with every LAN address', async (lng, sentence) => {
  const service = await renderIn(lng);
  expect(screen.queryByTestId('dial')).toBeNull(); // not listening yet
  act(() => stageSyncState(service, (s) => ({ ...s, listening: { port: 41234, addresses } })));
  expect(screen.getByTestId('dial').textContent).toBe(sentence);
});

test('no sentence when the machine has no LAN address (only the port is shown elsewhere)', async () => {
  const service = await renderIn('en');
  act(() => stageSyncState(service, (s) => ({ ...s, listening: { port: 41234, addresses: [] } })));
  expect(screen.queryByTestId('dial')).toBeNull();
});
