/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The admin's open-invites list follows the service by itself: an invite that expires leaves the
 * screen with no click, and so does its code; in Spanish too. Real vault, real sync service.
 */
import { screen, waitFor, fireEvent } from '@testing-library/react';
import { CreateInvite } from '../../../renderer/views/sharing/CreateInvite';
import { newVault, renderWithSync } from '../sync/render-with-sync';

test.each([
  ['en', 'Open invites', 'Editor', 'Create invite code'],
  ['es', 'Invitaciones abiertas', 'Edición', 'Crear código de invitación'],
])(
  'in %s, an expired or cancelled invite and its code leave the screen by themselves',
  async (lng, heading, role, create) => {
    const vault = await newVault('admin');
    const space = await vault.createSpace('Chapter');
    const service = await renderWithSync(vault, <CreateInvite space={space} />, lng);
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
