/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The admin's open-invites list follows the service by itself: an invite that expires leaves the
 * screen with no click, and so does its code; in Spanish too. Real vault, real sync service.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { initCrypto } from '../../../shared/crypto';
import { createVault } from '../../../shared/vault';
import { ProvideSync } from '../../../renderer/sync/context';
import { SyncService } from '../../../renderer/sync/service';
import { CreateInvite } from '../../../renderer/views/sharing/CreateInvite';

const services: SyncService[] = [];
beforeAll(() => initCrypto());
afterEach(() => services.splice(0).forEach((s) => s.close()));

test.each([
  ['en', 'Open invites', 'Editor', 'Create invite code'],
  ['es', 'Invitaciones abiertas', 'Edición', 'Crear código de invitación'],
])(
  'in %s, an expired or cancelled invite and its code leave the screen by themselves',
  async (lng, heading, role, create) => {
    const { vault } = await createVault({ indexedDB: new IDBFactory(), IDBKeyRange }, 'a passphrase', {
      kdfCost: 'test',
    });
    const space = await vault.createSpace('Chapter');
    const service = await SyncService.start({ vault, api: null, onConnection: () => () => undefined });
    services.push(service);
    const i18n = i18next.createInstance();
    await i18n.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
    render(
      <I18nextProvider i18n={i18n}>
        <ProvideSync service={service}>
          <CreateInvite space={space} />
        </ProvideSync>
      </I18nextProvider>,
    );
    await screen.findByRole('heading', { level: 2 });
    expect(screen.queryByRole('heading', { name: heading })).toBeNull();

    // Made elsewhere (the service): the list shows it without being asked.
    await service.createInvite(space, 'editor', 400);
    await screen.findByRole('heading', { name: heading });
    expect(screen.getByRole('list').textContent).toContain(role);
    await waitFor(() => expect(screen.queryByRole('heading', { name: heading })).toBeNull(), { timeout: 5000 });
    expect(screen.queryByRole('listitem')).toBeNull();

    // Created on this screen, its code shows once; used up elsewhere, the code goes too.
    fireEvent.click(screen.getByRole('button', { name: create }));
    const code = await screen.findByTestId('invite-code');
    const [invite] = await service.listInvites();
    expect(code.textContent).toBe(invite!.code);
    await service.cancelInvite(invite!.id);
    await waitFor(() => expect(screen.queryByTestId('invite-code')).toBeNull());
    expect(screen.queryByRole('heading', { name: heading })).toBeNull();
  },
);
