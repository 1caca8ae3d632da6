/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The member's profile: read as a person, each section edited on its own from the one field table
 * (renderer/views/member/member-fields.ts), only the organizer's own changes written, unsaved edits guarded.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import {
  memberRecord,
  MEMBER_HISTORIES,
  setAtKey,
  TIERED_FIELDS,
  type MemberPatch,
} from '../../../shared/model/member';
import { generateChapter } from '../../../shared/sample/generate';
import { LeaveGuardProvider, useLeaveConfirm } from '../../../renderer/app/leave-guard';
import { changedFields } from '../../../renderer/views/member/fields';
import { MemberProfile } from '../../../renderer/views/member/MemberProfile';
import { MEMBER_FIELDS, toDraft, toPatch } from '../../../renderer/views/member/member-fields';
import { renderView, space } from './render-view';

const section = (name: string) => screen.getByRole('region', { name });
const readOf = (name: string) =>
  Object.fromEntries(
    within(section(name))
      .queryAllByRole('term')
      .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
  );

test('the field table covers every field an organizer may edit, and reads a member back unchanged', () => {
  // Written only by the import, the accessors or a merge: not on the form.
  const notOnForm = new Set<string>([
    ...MEMBER_HISTORIES,
    'emailHistory',
    'regionByHand',
    'unionAnswer',
    'national',
    'extra',
    ...TIERED_FIELDS.map(setAtKey),
  ]);
  const data = space();
  const blank = data.members.get(data.members.create({ firstName: 'A' }))!;
  const onForm = new Set<string>(MEMBER_FIELDS.map((f) => f.key));
  const written = new Set(MEMBER_FIELDS.flatMap((f) => Object.keys(f.to(toDraft(blank), blank))));
  for (const key of Object.keys(memberRecord.shape)) {
    if (notOnForm.has(key)) continue;
    expect([key, onForm.has(key) || written.has(key)]).toEqual([key, true]);
  }
  // A sample chapter's members: their form values, written back, change nothing.
  const { space: sample } = generateChapter({ members: 40, memberSkills: 0, notes: 0, events: 0, seed: 7 });
  for (const m of sample.members.all()) expect(changedFields(m as MemberPatch, toPatch(toDraft(m), m))).toEqual({});
});

test('reads like a person: name and pronouns, how to reach them and whether they may be contacted, where', async () => {
  const data = space();
  const id = data.members.create({
    firstName: 'Ana',
    lastName: 'Pérez',
    pronouns: 'she/her',
    phones: ['(213) 555-0101'],
    doNotCall: true,
    zip: '90012',
    address: { lines: ['12 Main St'], city: 'Los Angeles' },
  });
  await renderView(data, <MemberProfile memberId={id} />);
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Ana Pérez (she/her)');
  expect(readOf('Contact and consent')).toEqual({
    Phone: '(213) 555-0101',
    Calls: 'Do not call',
    'Text messages': 'May be texted',
  });
  expect(readOf('Where')).toMatchObject({ 'Street address': '12 Main St', City: 'Los Angeles', 'ZIP code': '90012' });
  expect(within(section('Membership')).getByText('Nothing recorded yet.')).toBeTruthy();
  // Reading is not editing: no input until Edit is pressed.
  expect(within(section('Contact and consent')).queryByRole('textbox')).toBeNull();
});

test('a section is edited on its own: focus to its first field, Save writes it, focus back to Edit', async () => {
  const user = userEvent.setup();
  const data = space();
  const id = data.members.create({ firstName: 'Ana', phones: ['(213) 555-0101'] });
  await renderView(data, <MemberProfile memberId={id} />);
  const edit = screen.getByRole('button', { name: 'Edit Contact and consent' });
  await user.click(edit);
  const contact = section('Contact and consent');
  expect(document.activeElement).toBe(within(contact).getByLabelText('Emails (separate with commas)'));
  await user.type(within(contact).getByLabelText('Emails (separate with commas)'), 'ana@example.org');
  await user.click(within(contact).getByRole('checkbox', { name: 'No text messages' }));
  await user.click(within(contact).getByRole('button', { name: 'Save' }));
  expect(data.members.get(id)).toMatchObject({ emails: ['ana@example.org'], textOptOut: true, doNotCall: false });
  await screen.findByText('Saved.');
  await waitFor(() =>
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit Contact and consent' })),
  );
  expect(readOf('Contact and consent')).toMatchObject({
    Email: 'ana@example.org',
    'Text messages': 'No text messages',
  });
});

test('Save writes only what this organizer changed: another organizer’s edit meanwhile survives', async () => {
  const user = userEvent.setup();
  const data = space();
  const id = data.members.create({ firstName: 'Ana', lastName: 'Pérez' });
  await renderView(data, <MemberProfile memberId={id} />);
  await user.click(screen.getByRole('button', { name: 'Edit Name' }));
  // A peer's change arrives while the form is open.
  act(() => data.members.update(id, { lastName: 'Pérez López' }));
  await user.type(within(section('Name')).getByLabelText('Pronouns'), 'she/her');
  await user.click(within(section('Name')).getByRole('button', { name: 'Save' }));
  expect(data.members.get(id)).toMatchObject({ lastName: 'Pérez López', pronouns: 'she/her' });
});

test('Escape with unsaved edits asks first; Cancel keeps the edits; without edits Escape just closes', async () => {
  const user = userEvent.setup();
  const data = space();
  const id = data.members.create({ firstName: 'Ana' });
  await renderView(data, <MemberProfile memberId={id} />);
  await user.click(screen.getByRole('button', { name: 'Edit Where' }));
  await user.type(within(section('Where')).getByLabelText('City'), 'Pasadena');
  await user.keyboard('{Escape}');
  const ask = screen.getByRole('dialog', { name: 'Discard your changes?' });
  await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
  const city = within(section('Where')).getByLabelText('City') as HTMLInputElement;
  expect(city.value).toBe('Pasadena');
  await user.click(city); // (a real dialog gives the focus back by itself; jsdom's does not)
  await user.keyboard('{Escape}');
  await user.click(
    within(screen.getByRole('dialog', { name: 'Discard your changes?' })).getByRole('button', {
      name: 'Discard changes',
    }),
  );
  expect(within(section('Where')).queryByLabelText('City')).toBeNull();
  expect(data.members.get(id)?.address).toBeUndefined();

  await user.click(screen.getByRole('button', { name: 'Edit Where' }));
  await user.keyboard('{Escape}');
  expect(within(section('Where')).queryByLabelText('City')).toBeNull();
});

test('leaving the profile with unsaved edits asks first (the shell’s guard); in Spanish', async () => {
  const user = userEvent.setup();
  const data = space();
  const id = data.members.create({ firstName: 'Ana' });
  const left: string[] = [];
  function Harness() {
    const { guards, confirmLeave, dialog } = useLeaveConfirm();
    const [shown, setShown] = useState(true);
    return (
      <LeaveGuardProvider value={guards}>
        <button type="button" onClick={() => confirmLeave(() => (left.push('roster'), setShown(false)))}>
          Roster
        </button>
        {shown && <MemberProfile memberId={id} />}
        {dialog}
      </LeaveGuardProvider>
    );
  }
  await renderView(data, <Harness />, 'es');
  await user.click(screen.getByRole('button', { name: 'Editar Nombre' }));
  await user.type(screen.getByLabelText('Pronombres'), 'ella');
  await user.click(screen.getByRole('button', { name: 'Roster' }));
  const ask = screen.getByRole('dialog', { name: '¿Salir sin guardar?' });
  await user.click(within(ask).getByRole('button', { name: 'Cancelar' }));
  expect(left).toEqual([]);
  await user.click(screen.getByRole('button', { name: 'Roster' }));
  await user.click(
    within(screen.getByRole('dialog', { name: '¿Salir sin guardar?' })).getByRole('button', {
      name: 'Salir sin guardar',
    }),
  );
  expect(left).toEqual(['roster']);
  expect(data.members.get(id)?.pronouns).toBeUndefined();
});
