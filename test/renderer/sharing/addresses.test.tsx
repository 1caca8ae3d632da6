/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * "Others can connect to 192.168.1.20:PORT": the sharing screen names this machine's LAN addresses
 * with the listening port, in English and Spanish, and says nothing when there is no address.
 */
import { act, render, screen } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { initCrypto } from '../../../shared/crypto';
import { createVault } from '../../../shared/vault';
import { ProvideSync } from '../../../renderer/sync/context';
import { SyncService } from '../../../renderer/sync/service';
import { DialAddresses } from '../../../renderer/views/sharing/DialAddresses';
import { stageSyncState } from '../sync/stage';

const services: SyncService[] = [];
beforeAll(() => initCrypto());
afterEach(() => services.splice(0).forEach((s) => s.close()));

async function renderIn(lng: string): Promise<SyncService> {
  const { vault } = await createVault({ indexedDB: new IDBFactory(), IDBKeyRange }, 'a passphrase', {
    kdfCost: 'test',
  });
  const service = await SyncService.start({ vault, api: null, onConnection: () => () => undefined });
  services.push(service);
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  render(
    <I18nextProvider i18n={i18n}>
      <ProvideSync service={service}>
        <DialAddresses testId="dial" />
      </ProvideSync>
    </I18nextProvider>,
  );
  return service;
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
