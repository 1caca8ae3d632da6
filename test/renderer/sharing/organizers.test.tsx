/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The organizers and confirmation screens on a real vault (fake-indexeddb) and a real sync
 * service (no platform: networking off), rendered with Testing Library.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import es from '../../../renderer/i18n/es.json';
import { type SpaceId } from '../../../shared/crypto';
import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import { type Vault } from '../../../shared/vault';
import { addOrganizer } from '../../../renderer/sync/organizers';
import { ConfirmInvitee } from '../../../renderer/views/sharing/ConfirmInvitee';
import { Organizers } from '../../../renderer/views/sharing/Organizers';
import { shortDevice } from '../../../renderer/views/sharing/words';
import { stageSyncState } from '../sync/stage';
import { newVault, renderWithSync } from '../sync/render-with-sync';

async function twoOrganizers(): Promise<{ admin: Vault; other: Vault; space: SpaceId }> {
  const admin = await newVault('admin');
  const other = await newVault('other');
  const space = await admin.createSpace('Chapter');
  await addOrganizer(admin, space, other.device, 'editor');
  await importBundle(other, await exportBundle(admin, await admin.openSpace(space), { to: other.device }));
  return { admin, other, space };
}

const rows = () => screen.getAllByRole('row').slice(1);

test('an admin removes an organizer only after a confirmation that says what removal does', async () => {
  const { admin, other, space } = await twoOrganizers();
  await renderWithSync(admin, <Organizers space={space} />);
  await waitFor(() => expect(rows()).toHaveLength(2));
  const handle = await admin.openSpace(space);
  const epoch = handle.access.currentEpoch();
  const mine = rows().find((r) => within(r).queryByText('This device'))!;
  expect(within(mine).queryByRole('button')).toBeNull(); // no removing oneself from here

  const label = `Device ${shortDevice(other.device.id)}`;
  fireEvent.click(screen.getByRole('button', { name: `Remove ${label}` }));
  const dialog = screen.getByRole('dialog', { name: 'Remove this organizer?' });
  expect(dialog.textContent).toContain(
    'They keep what their device already had; they will not receive anything written from now on',
  );
  // Cancel changes nothing.
  fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(handle.access.roleOf(other.device.id)).toBe('editor');

  fireEvent.click(screen.getByRole('button', { name: `Remove ${label}` }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove organizer' }));
  await screen.findByText('Organizer removed. The space now uses a new key.');
  await waitFor(() => expect(rows()).toHaveLength(1));
  expect(handle.access.roleOf(other.device.id)).toBeUndefined();
  expect(handle.access.currentEpoch()).toBe(epoch + 1); // rotation happened
});

test('an admin changes a role with the labelled select', async () => {
  const { admin, other, space } = await twoOrganizers();
  await renderWithSync(admin, <Organizers space={space} />);
  const select = await screen.findByRole('combobox', { name: `Role of Device ${shortDevice(other.device.id)}` });
  fireEvent.change(select, { target: { value: 'viewer' } });
  await screen.findByText(/Role changed/);
  expect((await admin.openSpace(space)).access.roleOf(other.device.id)).toBe('viewer');
});

test('a non-admin sees roles but no controls, in Spanish too', async () => {
  const { other, space } = await twoOrganizers();
  await renderWithSync(other, <Organizers space={space} />, 'es');
  await waitFor(() => expect(rows()).toHaveLength(2));
  expect(screen.queryByRole('combobox')).toBeNull();
  expect(screen.queryByRole('button')).toBeNull();
  expect(screen.getByText(es.sharing.organizers.onlyAdmins)).toBeTruthy();
  expect(screen.getByText(es.sharing.role.admin)).toBeTruthy();
  expect(screen.getByText(es.sharing.role.editor)).toBeTruthy();
});

test('a pending invitee opens the confirmation dialog with its safety number; Refuse answers no', async () => {
  const admin = await newVault('admin');
  const service = await renderWithSync(admin, <ConfirmInvitee />); // the shell renders it beside every screen
  expect(screen.queryByRole('dialog')).toBeNull();
  act(() =>
    stageSyncState(service, (s) => ({
      ...s,
      confirmations: [
        {
          id: 'c1',
          space: 'space' as SpaceId,
          spaceName: 'Eastside branch',
          device: admin.device.id,
          role: 'viewer',
          safetyNumber: '12345 67890 12345 67890 12345 67890',
        },
      ],
    })),
  );
  const dialog = screen.getByRole('dialog', { name: 'A device asks to join' });
  expect(dialog.textContent).toContain('Eastside branch as Viewer');
  expect(within(dialog).getByTestId('admin-safety-number').textContent).toBe('12345 67890 12345 67890 12345 67890');
  expect(document.activeElement?.textContent).toBe('Refuse');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Refuse' }));
  expect(service.store.get().confirmations).toEqual([]);
  expect(screen.queryByRole('dialog')).toBeNull();
});
