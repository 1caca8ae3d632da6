/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * Lists on a real space document: making one keeps only members whose consent allows it; working it
 * records each outcome as a note and moves on; a member who withdrew consent is never shown, nor their
 * phone; the same in Spanish.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MakeListDialog } from '../../../renderer/views/lists/MakeListDialog';
import { WorkList } from '../../../renderer/views/lists/WorkList';
import { renderView, space } from './engagement-render';
import { typeDay } from '../date-entry';

function chapter() {
  const data = space();
  const ana = data.members.create({ firstName: 'Ana', phones: ['213 555 0101'], languages: ['es'] });
  const ben = data.members.create({ firstName: 'Ben', phones: ['213 555 0102'], doNotCall: true });
  const cy = data.members.create({ firstName: 'Cy', phones: ['213 555 0103'] });
  const dee = data.members.create({ firstName: 'Dee' }); // no phone
  return { data, ana, ben, cy, dee };
}

test('making a call list keeps only who may be called, and says how many were left out', async () => {
  const user = userEvent.setup();
  const { data, ana, cy } = chapter();
  const { routes } = await renderView(
    data,
    <MakeListDialog
      members={data.members.all()}
      source={{ kind: 'view', name: 'Eastside' }}
      onClose={() => undefined}
    />,
  );
  expect(screen.getByTestId('make-list-left-out').textContent).toBe('2 left out: asked not to be called, or no phone.');
  await user.type(screen.getByLabelText('Name of the list'), 'Saturday calls');
  await user.type(screen.getByLabelText('Assign to organizer'), 'Rosa');
  await user.click(screen.getByRole('button', { name: 'Make the list (2 members)' }));
  const [list] = data.lists.all();
  expect(list).toMatchObject({
    name: 'Saturday calls',
    channel: 'call',
    memberIds: [ana, cy],
    assignedOrganizer: 'Rosa',
    source: { kind: 'view', name: 'Eastside' },
  });
  expect(routes).toEqual([{ view: 'lists', listId: list!.id }]);
});

test('a mail list in Spanish: plurals and the formal voice', async () => {
  const { data } = chapter();
  await renderView(
    data,
    <MakeListDialog members={data.members.all()} source={{ kind: 'roster' }} onClose={() => undefined} />,
    'es',
  );
  expect(screen.getByRole('radio', { name: 'Correo postal (0 aceptan correo)' })).toBeTruthy();
  expect(screen.getByRole('radio', { name: 'Llamar (2 aceptan llamadas)' })).toBeTruthy();
});

test('working a list from the keyboard: each outcome is a note, then the next member; consent withdrawn is honoured at once', async () => {
  const user = userEvent.setup();
  const { data, ana, ben, cy } = chapter();
  const listId = data.lists.create({
    name: 'Calls',
    channel: 'call',
    memberIds: [ana, ben, cy],
    assignedOrganizer: 'Rosa',
  });
  await renderView(data, <WorkList listId={listId} />);

  // Ben asked not to be called: never shown, nor his phone.
  expect(screen.queryByText(/Ben/)).toBeNull();
  expect(screen.queryByText('213 555 0102')).toBeNull();
  const card = () => within(document.querySelector<HTMLElement>('.work-member')!);
  expect(card().getByRole('heading', { name: /1 of 3: Ana/ })).toBeTruthy();
  expect(card().getByText('213 555 0101')).toBeTruthy();

  await user.click(screen.getByRole('radio', { name: 'Reached' }));
  await user.type(screen.getByLabelText('Note (optional)'), 'Coming on Saturday');
  await user.keyboard('{Tab}{Enter}'); // to "Save and go to the next"
  expect(await screen.findByText('Saved for Ana: Reached.')).toBeTruthy();
  const [note] = data.notes.forMember(ana);
  expect(note).toMatchObject({ kind: 'call', listId, outcome: 'reached', body: 'Coming on Saturday' });

  // Cy: a follow-up with a date becomes a next step owned by the list's organizer.
  expect(card().getByRole('heading', { name: /3 of 3: Cy/ })).toBeTruthy();
  await user.click(screen.getByRole('radio', { name: 'Follow up' }));
  await typeDay(user, screen.getByRole('group', { name: 'Follow up by' }), '2025-06-15');
  await user.click(screen.getByRole('button', { name: 'Save and go to the next' }));
  expect(data.notes.forMember(cy)[0]).toMatchObject({
    outcome: 'follow_up',
    dueDate: '2025-06-15',
    assignedOrganizer: 'Rosa',
    nextStep: 'Follow up (Calls)',
  });
  expect(await screen.findByText('Everyone on this list has been reached or left out.')).toBeTruthy();
  expect(screen.getByTestId('list-progress').textContent).toContain('2 of 3 done');
  expect(screen.getByTestId('list-progress').textContent).toContain('1 left out');
});
