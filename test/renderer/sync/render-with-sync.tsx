/**
 * Component tests of screens that read the sync service: a real vault (fake-indexeddb), the real
 * SyncService with no platform (networking off), the app's strings in the language asked for.
 * Importing this file closes the services it started after each test.
 */
import { render } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { ProvideSync } from '../../../renderer/sync/context';
import { SyncService } from '../../../renderer/sync/service';
import { initCrypto } from '../../../shared/crypto';
import { createVault, type Vault } from '../../../shared/vault';

/** A cheap Argon2id and short batches: tests, not the app's costs. */
export const fast = { kdfCost: 'test' as const, batchDelayMs: 5 };

const services: SyncService[] = [];
beforeAll(() => initCrypto());
afterEach(() => services.splice(0).forEach((s) => s.close()));

export async function newVault(name: string): Promise<Vault> {
  return (await createVault({ indexedDB: new IDBFactory(), IDBKeyRange }, `passphrase of ${name}`, fast)).vault;
}

/** Renders `ui` under `vault`'s sync service, in `lng`; returns the service. */
export async function renderWithSync(vault: Vault, ui: ReactNode, lng = 'en'): Promise<SyncService> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  const service = await SyncService.start({ vault, api: null, onConnection: () => () => undefined });
  services.push(service);
  render(
    <I18nextProvider i18n={i18n}>
      <ProvideSync service={service}>{ui}</ProvideSync>
    </I18nextProvider>,
  );
  return service;
}
