/** @jest-environment ./test/renderer/sharing/environment.js */
/** The leadership screen on a real space: who is due, handing a seat over by keyboard, renewing, term limits, in both languages. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { today } from '../../../renderer/app/today';
import { Leadership } from '../../../renderer/views/leadership/Leadership';
import { addDays, rotation, setTermLimit, termEndAfter, termLimits } from '../../../shared/model';
import { renderView, space } from './render-view';

function chapter() {
  const data = space();
  const ana = data.members.create({ firstName: 'Ana', lastName: 'Ruiz' });
  const ben = data.members.create({ firstName: 'Ben', lastName: 'Okafor' });
  setTermLimit(data, 'treasurer', { termMonths: 12, maxTerms: 2 });
  // Ana's term ended a week ago and nobody took over.
  const role = data.roles.create({
    role: 'treasurer',
    holderId: ana,
    termStart: addDays(today(), -372),
    termEnd: addDays(today(), -7),
  });
  return { data, ana, ben, role };
}

test('an overdue seat is listed as due; handing it over to someone else ends it', async () => {
  const user = userEvent.setup();
  const { data, ben, role } = chapter();
  await renderView(data, <Leadership />);
  const due = screen.getByTestId('due-roles');
  expect(within(due).getByText(/^Overdue: term ended/)).toBeTruthy();
  await user.click(within(due).getByRole('button', { name: 'Hand over Treasurer from Ana Ruiz' }));
  const dialog = screen.getByRole('dialog', { name: 'Hand over: Treasurer' });
  await user.type(within(dialog).getByLabelText('Who takes over'), 'okafor{Enter}');
  expect(within(dialog).getByText('Chosen: Ben Okafor')).toBeTruthy();
  await user.click(within(dialog).getByRole('button', { name: 'Hand over' }));
  const next = data.roles.all().find((r) => r.holderId === ben)!;
  // An overdue seat is handed over from today, for the chapter's term length.
  expect(next).toMatchObject({ role: 'treasurer', termStart: today(), termEnd: termEndAfter(today(), 12) });
  expect(rotation(data.roles.all(), { onDay: today() }).find((v) => v.role.id === role)!.status).toBe('ended');
  expect(screen.getByText('No rotation is due in the next 60 days.')).toBeTruthy();
});

test("a renewal counts towards the limit: at the last term allowed there is no 'New term' button", async () => {
  const user = userEvent.setup();
  const { data } = chapter();
  await renderView(data, <Leadership />);
  await user.click(screen.getAllByRole('button', { name: 'New term for Ana Ruiz as Treasurer' })[0]!);
  await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'New term' }));
  expect(data.roles.size).toBe(2);
  const current = screen.getByTestId('current-roles');
  expect(within(current).getByText('2 of 2')).toBeTruthy();
  expect(within(current).getByText(/last term allowed in a row/)).toBeTruthy();
  expect(within(current).queryByRole('button', { name: /^New term for/ })).toBeNull();
});

test('term limits are set per kind, saved when the field is left; a bad number is explained', async () => {
  const user = userEvent.setup();
  const { data } = chapter();
  await renderView(data, <Leadership />, 'es');
  const months = screen.getByLabelText('Meses por mandato para Copresidencia');
  await user.type(months, '24');
  await user.tab();
  expect(termLimits(data).co_chair).toEqual({ termMonths: 24 });
  const max = screen.getByLabelText('Mandatos seguidos como máximo para Copresidencia');
  await user.type(max, '0');
  await user.tab();
  expect(screen.getByRole('alert').textContent).toBeTruthy();
  expect(termLimits(data).co_chair).toEqual({ termMonths: 24 });
});

test.each([
  ['en', 'Starting soon', /^Treasurer, from .*: Ben Okafor$/],
  ['es', 'Por comenzar', /^Tesorería, a partir de .*: Ben Okafor$/],
])('%s: a term recorded to start later is listed apart from who holds the seat now', async (lng, heading, item) => {
  const data = space();
  const ana = data.members.create({ firstName: 'Ana', lastName: 'Ruiz' });
  const ben = data.members.create({ firstName: 'Ben', lastName: 'Okafor' });
  const end = addDays(today(), 200);
  data.roles.create({ role: 'treasurer', holderId: ana, termStart: addDays(today(), -100), termEnd: end });
  const next = data.roles.create({
    role: 'treasurer',
    holderId: ben,
    termStart: addDays(end, 1),
    termEnd: addDays(end, 400),
  });
  // A term after that one is in the seat's history, not in the short list.
  data.roles.create({ role: 'treasurer', holderId: ana, termStart: addDays(end, 401) });
  await renderView(data, <Leadership />, lng);
  const current = screen.getByTestId('current-roles');
  expect(within(current).getAllByRole('row')).toHaveLength(2); // the header and Ana's term
  expect(within(current).getByText('Ana Ruiz')).toBeTruthy();
  expect(within(current).queryByText('Ben Okafor')).toBeNull();
  const soon = screen.getByRole('list', { name: heading });
  const [entry, ...more] = within(soon).getAllByRole('listitem');
  expect(more).toEqual([]);
  expect(entry!.textContent).toMatch(item);
  expect(entry!.closest('[data-role-id]')!.getAttribute('data-role-id')).toBe(next);
});

test('with no term recorded to start later there is no Starting soon list', async () => {
  const { data } = chapter();
  await renderView(data, <Leadership />);
  expect(screen.queryByTestId('upcoming-roles')).toBeNull();
});
