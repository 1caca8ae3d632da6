/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * Who a note's next step belongs to, in words (renderer/views/sharing/words.ts `organizerLabel`): this
 * device, another organizer of the space by its device number, a device no longer in the space, or a name as
 * typed; never a raw device key. On a real vault and sync service, with the notes table as the app shows it.
 */
import { screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import * as Y from 'yjs';
import en from '../../../renderer/i18n/en.json';
import { SpaceContext } from '../../../renderer/app/SpaceContext';
import { addOrganizer } from '../../../renderer/sync/organizers';
import { NoteRows } from '../../../renderer/views/notes/NoteRows';
import { organizerLabel, shortDevice } from '../../../renderer/views/sharing/words';
import { SpaceData } from '../../../shared/model';
import { generateChapter } from '../../../shared/sample/generate';
import { newVault, renderWithSync } from '../sync/render-with-sync';

// jsdom lays nothing out: give the scrolled rows a height, so the virtual table renders some.
beforeAll(() => {
  for (const side of ['clientHeight', 'clientWidth'])
    Object.defineProperty(HTMLElement.prototype, side, { configurable: true, get: () => 600 });
});

test("the notes table names each next step's owner in words, and no raw device key", async () => {
  const admin = await newVault('admin');
  const other = await newVault('other');
  const space = await admin.createSpace('Chapter');
  await addOrganizer(admin, space, other.device, 'editor');
  // A device that wrote notes and is not in the space (the sample chapter's organizers are such devices).
  const gone = generateChapter({ members: 1, notes: 0, memberSkills: 0, events: 0 }).organizers[2]!;
  const data = new SpaceData(new Y.Doc(), admin.device.id);
  const ana = data.members.create({ firstName: 'Ana' });
  const step = (nextStep: string, assignedOrganizer?: string) =>
    data.notes.create({
      kind: 'call',
      memberId: ana,
      date: '2025-06-01',
      nextStep,
      dueDate: '2025-06-02',
      ...(assignedOrganizer && { assignedOrganizer }),
    });
  step('mine');
  step('theirs', other.device.id);
  step('gone', gone);
  step('typed', 'Rosa');
  const state = { data, spaceId: space, deviceId: admin.device.id, navigate: () => undefined };

  for (const [lng, former, device, me] of [
    ['en', 'Former organizer', 'Device', 'me'],
    ['es', 'Organizador anterior', 'Dispositivo', 'yo'],
  ] as const) {
    document.body.innerHTML = '';
    await renderWithSync(
      admin,
      <SpaceContext.Provider value={state}>
        <NoteRows notes={data.notes.all()} />
      </SpaceContext.Provider>,
      lng,
    );
    const ownerOf = (nextStep: string) => screen.getByText(nextStep).nextElementSibling!.textContent;
    await waitFor(() => expect(ownerOf('gone')).toBe(former));
    expect(ownerOf('mine')).toBe(me);
    expect(ownerOf('theirs')).toBe(`${device} ${shortDevice(other.device.id)}`);
    expect(ownerOf('typed')).toBe('Rosa');
    const table = screen.getByRole('table').textContent!;
    for (const key of [gone, other.device.id, admin.device.id]) expect(table).not.toContain(key.slice(0, 8));
  }
});

test('before the space’s organizers are read, a device is named by its number; a key that is none, in words', async () => {
  const t = i18next.createInstance();
  await t.init({ resources: { en: { translation: en } }, lng: 'en' });
  const admin = await newVault('admin');
  const id = admin.device.id;
  expect(organizerLabel(t.t, id, { me: 'someone else' })).toBe(`Device ${shortDevice(id)}`);
  expect(organizerLabel(t.t, id, { me: id })).toBe('me');
  expect(organizerLabel(t.t, id, { me: 'x', organizers: new Set([id]) })).toBe(`Device ${shortDevice(id)}`);
  expect(organizerLabel(t.t, id, { me: 'x', organizers: new Set() })).toBe('Former organizer');
  // 43 characters of base64url that decode to no key (trailing bits set): words, not the text.
  expect(organizerLabel(t.t, `${'A'.repeat(42)}B`, { me: 'x' })).toMatch(/^(Device \d{5} \d{5}|Former organizer)$/);
  expect(organizerLabel(t.t, 'Marta', { me: 'x', organizers: new Set() })).toBe('Marta');
});
