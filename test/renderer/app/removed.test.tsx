/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The removed device's screens on real vaults (fake-indexeddb): an admin
 * removes it during a real sync session, and the space says so, in English
 * and Spanish, with the view read-only and the notice in the top bar's panel.
 */
import { useState } from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import * as Y from 'yjs';
import { type SpaceId } from '../../../shared/crypto';
import { createChannelPair } from '../../../shared/sync/channel';
import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import { SyncPeer } from '../../../shared/sync/peer';
import { addOrganizer, removeOrganizer } from '../../../renderer/sync/organizers';
import { Notices } from '../../../renderer/app/Notices';
import { SpaceFrame } from '../../../renderer/app/RemovedNotice';
import { shortDevice } from '../../../renderer/views/sharing/words';
import { newVault, renderWithSync } from '../sync/render-with-sync';

/** The top bar's notices, holding the dialog's open state as the shell does. */
function TopBarNotices({ spaces }: { spaces: { id: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  return <Notices spaces={spaces} open={open} setOpen={setOpen} />;
}

const peers: SyncPeer[] = [];

afterEach(() => {
  peers.splice(0).forEach((p) => p.close());
});

/** An admin and an editor in one space with a member in it, and a live session between them. */
async function syncedPair() {
  const admin = await newVault('admin');
  const other = await newVault('other');
  const space = await admin.createSpace('Chapter');
  await addOrganizer(admin, space, other.device, 'editor');
  const ha = await admin.openSpace(space);
  const member = new Y.Map<unknown>();
  ha.doc.getMap('members').set('rosa', member);
  member.set('firstName', 'Rosalind');
  await ha.flush();
  await importBundle(other, await exportBundle(admin, ha, { to: other.device }));
  const pa = new SyncPeer({ vault: admin, rotation: false });
  const po = new SyncPeer({ vault: other, rotation: false });
  peers.push(pa, po);
  const [ca, co] = createChannelPair();
  const session = { admin: pa.connect(ca, 'initiator'), other: po.connect(co, 'responder') };
  await Promise.all([session.admin.ready, session.other.ready]);
  return { admin, other, space, session };
}

const cases = [
  {
    lng: 'en',
    title: 'This device was removed from Chapter',
    by: (d: string) => `An admin (device ${d}) removed this device from the space.`,
    changes: 'they stay on this laptop only',
    button: 'Notices (1 new)',
    notice: (d: string) => `Device ${d}, an admin, removed this device from Chapter.`,
  },
  {
    lng: 'es',
    title: 'Este dispositivo fue retirado de Chapter',
    by: (d: string) => `Un administrador (dispositivo ${d}) retiró este dispositivo del espacio.`,
    changes: 'se quedan solo en esta computadora',
    button: 'Avisos (1 nuevo)',
    notice: (d: string) => `El dispositivo ${d}, de un administrador, retiró este dispositivo de Chapter.`,
  },
];

test.each(cases)(
  '$lng: removed during a session, the space says so, turns read-only, and the notice is listed',
  async (c) => {
    const { admin, other, space, session } = await syncedPair();
    await renderWithSync(
      other,
      <>
        <TopBarNotices spaces={[{ id: space, name: 'Chapter' }]} />
        <SpaceFrame vault={other} space={space} spaceName="Chapter" deviceOnly={false}>
          <label>
            First name <input />
          </label>
        </SpaceFrame>
      </>,
      c.lng,
    );
    const field = await screen.findByRole('textbox');
    expect(field.matches(':disabled')).toBe(false);
    expect(screen.queryByRole('alert')).toBeNull();

    await act(() => removeOrganizer(admin, space as SpaceId, other.device.id));
    await expect(session.other.ended).resolves.toMatchObject({ reason: 'unknown-device', by: 'peer' });

    const alert = await screen.findByRole('alert');
    const adminDevice = shortDevice(admin.device.id);
    expect(within(alert).getByRole('heading').textContent).toBe(c.title);
    expect(alert.textContent).toContain(c.by(adminDevice));
    expect(alert.textContent).toContain(c.changes);
    expect(screen.getByRole('textbox').matches(':disabled')).toBe(true);

    const button = await screen.findByRole('button', { name: c.button });
    fireEvent.click(button);
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain(c.notice(adminDevice));
    expect(dialog.textContent).not.toContain('Rosalind');
    await waitFor(() => expect(button.textContent).not.toMatch(/1/));
  },
);

test.each([
  {
    lng: 'en',
    button: 'Notices (2 new)',
    why: 'The other device sent something damaged or unexpected, so the connection was closed.',
  },
  { lng: 'es', button: 'Avisos (2 nuevos)', why: 'El otro dispositivo' },
])(
  '$lng: a refused entry and a session ended by a bad frame are told in plain words, naming devices by number',
  async (c) => {
    const vault = await newVault('organizer');
    const peer = await newVault('peer');
    const space = await vault.createSpace('Chapter');
    const service = await renderWithSync(vault, <TopBarNotices spaces={[{ id: space, name: 'Chapter' }]} />, c.lng);
    act(() => {
      service.problems.add({
        kind: 'rejected',
        space,
        from: peer.device.id,
        author: peer.device.id,
        code: 'bad-signature',
      });
      service.problems.sessionEnded({ reason: 'bad-frame', by: 'local' }, peer.device.id);
    });
    fireEvent.click(await screen.findByRole('button', { name: c.button }));
    const text = screen.getByRole('dialog').textContent ?? '';
    expect(text).toContain(shortDevice(peer.device.id));
    expect(text).toContain(c.why);
    expect(text).toContain(c.lng === 'en' ? 'In Chapter, device' : 'En Chapter, el dispositivo');
  },
);

test('a removal already stored at unlock: said without a time this device cannot know, and read-only', async () => {
  const { admin, other, space, session } = await syncedPair();
  await removeOrganizer(admin, space, other.device.id);
  await expect(session.other.ended).resolves.toMatchObject({ reason: 'unknown-device', by: 'peer' });
  const held = await other.openSpace(space);
  await waitFor(() => expect(held.access.roleOf(other.device.id)).toBeUndefined());
  await renderWithSync(
    other,
    <SpaceFrame vault={other} space={space} spaceName="Chapter" deviceOnly={false}>
      <button type="button">Add member</button>
    </SpaceFrame>,
    'en',
  );
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('This device already held the removal when the vault was unlocked.');
  expect(screen.getByRole('button', { name: 'Add member' }).matches(':disabled')).toBe(true);
});

test('Spaces and Settings stay usable after a removal (they change no space data)', async () => {
  const { admin, other, space, session } = await syncedPair();
  await removeOrganizer(admin, space, other.device.id);
  await expect(session.other.ended).resolves.toMatchObject({ reason: 'unknown-device', by: 'peer' });
  await renderWithSync(
    other,
    <SpaceFrame vault={other} space={space} spaceName="Chapter" deviceOnly>
      <button type="button">Create space</button>
    </SpaceFrame>,
    'en',
  );
  await screen.findByRole('alert');
  expect(screen.getByRole('button', { name: 'Create space' }).matches(':disabled')).toBe(false);
});
