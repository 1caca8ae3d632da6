/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The questions the sharing screens ask before anything is joined (SECURITY.md "Device cards and
 * invites"), in English and Spanish, over a real vault and the real sync service: the bundle
 * dialog (a bundle opened from a dialog or by the OS), the card dialog (a device card, before
 * anything is sealed to it), the invitee's "join this space?" step, and the device number shown
 * in digit groups.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { deviceNumber, safetyNumber, type SpaceId } from '../../../shared/crypto';
import { AppError } from '../../../shared/errors';
import { exportBundle, exportDeviceCard } from '../../../shared/sync/bundle';
import { type Vault } from '../../../shared/vault';
import { addOrganizer } from '../../../renderer/sync/organizers';
import { AcceptInvite } from '../../../renderer/views/sharing/AcceptInvite';
import { OpenedBundle } from '../../../renderer/views/sharing/OpenedBundle';
import { OpenedCard } from '../../../renderer/views/sharing/OpenedCard';
import { shortDevice } from '../../../renderer/views/sharing/words';
import { ThisDevice } from '../../../renderer/views/sharing/ThisDevice';
import { stageSyncState } from '../sync/stage';
import { newVault, renderWithSync } from '../sync/render-with-sync';

/** A bundle of `admin`'s space "Eastside branch", made for `other` (already added as an editor). */
async function bundleFor(other: Vault): Promise<{ admin: Vault; space: SpaceId; bytes: Uint8Array }> {
  const admin = await newVault('admin');
  const space = await admin.createSpace('Eastside branch');
  await addOrganizer(admin, space, other.device, 'editor');
  return { admin, space, bytes: await exportBundle(admin, await admin.openSpace(space), { to: other.device }) };
}

test.each([
  ['en', 'Join a space from this bundle?', 'Cancel', 'The numbers match: join Eastside branch', 'Open the space'],
  [
    'es',
    '¿Unirse a un espacio con este paquete?',
    'Cancelar',
    'Los números coinciden: unirme a Eastside branch',
    'Abrir el espacio',
  ],
])(
  'in %s, a bundle asks before its space is joined; Cancel stores nothing; yes joins and offers to open it',
  async (lng, title, cancel, join, openIt) => {
    const other = await newVault('other');
    const { admin, space, bytes } = await bundleFor(other);
    const opened: SpaceId[] = [];
    const service = await renderWithSync(other, <OpenedBundle onOpenSpace={(s) => opened.push(s)} />, lng);

    await service.openFile({ name: 'b.sroster', bytes });
    const dialog = await screen.findByRole('dialog', { name: title });
    expect(within(dialog).getByTestId('bundle-safety-number').textContent).toBe(
      safetyNumber(other.device, admin.device),
    );
    expect(dialog.textContent).toContain('Eastside branch');
    // Cancel has the focus first; it drops the bundle.
    expect(document.activeElement?.textContent).toBe(cancel);
    fireEvent.click(within(dialog).getByRole('button', { name: cancel }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await other.listSpaces()).toEqual([]);

    await service.openFile({ name: 'b.sroster', bytes });
    fireEvent.click(await screen.findByRole('button', { name: join }));
    fireEvent.click(await screen.findByRole('button', { name: openIt }));
    expect(opened).toEqual([space]);
    expect((await other.listSpaces()).map((s) => s.name)).toEqual(['Eastside branch']);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  },
);

test.each([
  ['en', 'This file could not be opened', 'That file is not a valid Sealed Roster bundle, or it was damaged.', 'Close'],
  [
    'es',
    'No se pudo abrir este archivo',
    'Ese archivo no es un paquete válido de Sealed Roster, o está dañado.',
    'Cerrar',
  ],
])('in %s, a file the OS opened that is no bundle is explained in words', async (lng, title, sentence, close) => {
  const vault = await newVault('someone');
  const service = await renderWithSync(vault, <OpenedBundle onOpenSpace={() => undefined} />, lng);
  stageSyncState(service, (s) => ({ ...s, fileProblem: new AppError('bad-bundle', 'not a bundle') }));
  const dialog = await screen.findByRole('dialog', { name: title });
  expect(within(dialog).getByRole('alert').textContent).toBe(sentence);
  fireEvent.click(within(dialog).getByRole('button', { name: close }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(service.store.get().fileProblem).toBeNull();
});

test.each([
  ['en', "The admin's device proved your code", 'Do not join', 'Editor'],
  ['es', 'El dispositivo de quien administra demostró su código', 'No unirme', 'Edición'],
])(
  'in %s, the invitee sees the space, its role and the safety number, with the keyboard on the question',
  async (lng, heading, decline, role) => {
    const vault = await newVault('invitee');
    const service = await renderWithSync(vault, <AcceptInvite />, lng);
    const answers: boolean[] = [];
    service.answerSpace = (join) => answers.push(join);
    const offer = {
      space: 'space-1' as SpaceId,
      spaceName: 'Eastside branch',
      role: 'editor' as const,
      admin: vault.device.id,
      safetyNumber: '12345 67890 12345 67890 12345 67890',
    };
    // The state the service reaches once the admin's device proved the code (service.test.ts runs it for real).
    stageSyncState(service, (s) => ({
      ...s,
      networking: true,
      acceptance: { status: 'confirm', offer, safetyNumber: offer.safetyNumber },
    }));
    const title = await screen.findByRole('heading', { name: heading });
    await waitFor(() => expect(document.activeElement).toBe(title));
    const panel = screen.getByRole('status');
    expect(panel.textContent).toContain('Eastside branch');
    expect(panel.textContent).toContain(role);
    expect(screen.getByTestId('invitee-safety-number').textContent).toBe(offer.safetyNumber);
    fireEvent.click(screen.getByRole('button', { name: decline }));
    expect(answers).toEqual([false]);
  },
);

test('this device is shown by its number in digit groups, nothing to mistake when read aloud', async () => {
  const vault = await newVault('me');
  await renderWithSync(vault, <ThisDevice />, 'en');
  const shown = (await screen.findByTestId('device-id')).textContent ?? '';
  expect(shown).toMatch(/^\d{5}( \d{5}){5}$/);
  expect(shown).toBe(deviceNumber(vault.device.signPublic));
});

test.each([
  [
    'en',
    'Add a device from its card?',
    'Cancel',
    'Role',
    'Viewer',
    'The numbers match: add it to Eastside branch as Viewer',
  ],
  [
    'es',
    '¿Agregar un dispositivo con su tarjeta?',
    'Cancelar',
    'Función',
    'Lectura',
    'Los números coinciden: agregarlo a Eastside branch con la función Lectura',
  ],
])(
  'in %s, a device card the OS opens asks who, which space and the safety number before anything is sealed to it',
  async (lng, title, cancel, roleLabel, viewer, add) => {
    const admin = await newVault('admin');
    const other = await newVault('other');
    await admin.createSpace('Other branch');
    const space = await admin.createSpace('Eastside branch');
    const roleOf = async () => (await admin.openSpace(space)).access.roleOf(other.device.id);
    const service = await renderWithSync(admin, <OpenedCard current={space} />, lng);
    // What SyncService.start wires to the OS's "open file" (bundle:opened and bundle:takePending).
    const fromOs = () => service.openFile({ name: 'device-card.sroster', bytes: exportDeviceCard(other) });

    await fromOs();
    const dialog = await screen.findByRole('dialog', { name: title });
    expect(dialog.textContent).toContain(shortDevice(other.device.id));
    const spaceChoice = await within(dialog).findByRole('combobox', { name: lng === 'en' ? 'Space' : 'Espacio' });
    expect((spaceChoice as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Eastside branch'); // the current one
    expect(within(dialog).getByTestId('card-safety-number').textContent).toBe(safetyNumber(admin.device, other.device));
    expect(document.activeElement?.textContent).toBe(cancel);
    expect(await roleOf()).toBeUndefined();
    fireEvent.click(within(dialog).getByRole('button', { name: cancel }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await roleOf()).toBeUndefined(); // nothing sealed, nothing signed

    await fromOs();
    const again = await screen.findByRole('dialog', { name: title });
    fireEvent.change(await within(again).findByRole('combobox', { name: roleLabel }), { target: { value: 'viewer' } });
    expect(within(again).getByRole('combobox', { name: roleLabel }).textContent).toContain(viewer);
    fireEvent.click(within(again).getByRole('button', { name: add }));
    await waitFor(async () => expect(await roleOf()).toBe('viewer'));
    expect(await screen.findByRole('status')).toBeTruthy();
  },
);

test('a card of a device already in every space this one administers offers nothing to add', async () => {
  const admin = await newVault('admin');
  const other = await newVault('other');
  const space = await admin.createSpace('Eastside branch');
  await addOrganizer(admin, space, other.device, 'editor');
  const service = await renderWithSync(admin, <OpenedCard current={space} />, 'en');
  await service.openFile({ name: 'device-card.sroster', bytes: exportDeviceCard(other) });
  const dialog = await screen.findByRole('dialog', { name: 'Add a device from its card?' });
  await within(dialog).findByText(/There is no space to add it to/);
  expect(within(dialog).queryByRole('button', { name: /numbers match/ })).toBeNull();
  expect(within(dialog).queryByTestId('card-safety-number')).toBeNull();
});
