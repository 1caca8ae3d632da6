/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The groups and partners pages on a real space: a new group, its roster (add, remove), a lead
 * added from the group's page, a note about the group, deleting it; a partner's liaisons and
 * details; Spanish plurals of the roster.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { today } from '../../../renderer/app/today';
import { GroupPage } from '../../../renderer/views/groups/GroupPage';
import { Groups } from '../../../renderer/views/groups/Groups';
import { PartnerPage } from '../../../renderer/views/groups/PartnerPage';
import { groupLeads } from '../../../shared/model';
import { renderView, space } from './render-view';

function chapter() {
  const data = space();
  const ana = data.members.create({ firstName: 'Ana', lastName: 'Ruiz', phones: ['(213) 555-0101'] });
  const ben = data.members.create({
    firstName: 'Ben',
    lastName: 'Okafor',
    doNotCall: true,
    phones: ['(213) 555-0102'],
  });
  return { data, ana, ben };
}

test('a new group from the list opens on its own page', async () => {
  const user = userEvent.setup();
  const { data } = chapter();
  const { routes } = await renderView(data, <Groups />);
  expect(screen.getByText(/^No group yet/)).toBeTruthy();
  await user.type(screen.getByLabelText('Name'), 'Housing');
  await user.selectOptions(screen.getByLabelText('Kind'), 'committee');
  await user.click(screen.getByRole('button', { name: 'Add group' }));
  const [group] = data.groups.all();
  expect(group).toMatchObject({ name: 'Housing', kind: 'committee' });
  expect(routes).toEqual([{ view: 'group', groupId: group!.id }]);
  expect(within(screen.getByTestId('groups')).getByRole('button', { name: 'Housing' })).toBeTruthy();
});

test('the list names each lead once: a lead re-elected holds this term and the next', async () => {
  const { data, ana } = chapter();
  const groupId = data.groups.create({ name: 'Housing', kind: 'working_group' });
  const year = Number(today().slice(0, 4));
  for (const y of [year, year + 1])
    data.roles.create({ role: 'group_lead', groupId, holderId: ana, termStart: `${y}-01-01`, termEnd: `${y}-12-31` });
  await renderView(data, <Groups />);
  const row = within(screen.getByTestId('groups')).getByRole('button', { name: 'Housing' }).closest('tr')!;
  expect(
    within(row)
      .getAllByText(/Ana Ruiz/)
      .map((c) => c.textContent),
  ).toEqual(['Ana Ruiz']);
});

test("a group's roster: add by typing a name, consent shown, remove; the member stays on the roster", async () => {
  const user = userEvent.setup();
  const { data, ana, ben } = chapter();
  const groupId = data.groups.create({ name: 'Housing', kind: 'working_group' });
  await renderView(data, <GroupPage groupId={groupId} />);
  expect(screen.getByText('Nobody in this group yet.')).toBeTruthy();
  await user.type(screen.getByLabelText('Add a member to the group'), 'okafor{Enter}');
  await user.type(screen.getByLabelText('Add a member to the group'), 'ruiz{Enter}');
  expect(data.members.get(ana)!.groupIds).toEqual([groupId]);
  const roster = screen.getByTestId('group-roster');
  expect(screen.getByRole('heading', { name: 'Group roster (2 members)' })).toBeTruthy();
  const benRow = within(roster).getByRole('row', { name: /Ben Okafor/ });
  expect(within(benRow).getByText('No calls')).toBeTruthy();
  await user.click(within(roster).getByRole('button', { name: 'Remove Ben Okafor from the group' }));
  expect(data.members.get(ben)!.groupIds).toEqual([]);
  expect(data.members.get(ben)).toBeDefined();
  expect(screen.getByRole('heading', { name: 'Group roster (1 member)' })).toBeTruthy();
});

test("a lead added from the group's page holds the group's seat; a note about the group; deleting it keeps its members", async () => {
  const user = userEvent.setup();
  const { data, ana } = chapter();
  const groupId = data.groups.create({ name: 'Housing', kind: 'working_group' });
  data.members.update(ana, { groupIds: [groupId] });
  const { routes } = await renderView(data, <GroupPage groupId={groupId} />);
  expect(screen.getByText('No lead recorded')).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Add a lead' }));
  const form = screen.getByRole('form', { name: 'Add a role' });
  expect((within(form).getByLabelText('Role') as HTMLSelectElement).value).toBe('group_lead');
  await user.type(within(form).getByLabelText('Held by'), 'ana{Enter}');
  await user.click(within(form).getByRole('button', { name: 'Add role' }));
  const [lead] = groupLeads(data.roles.all(), groupId, today());
  expect(lead!.role).toMatchObject({ role: 'group_lead', holderId: ana, groupId });
  expect(screen.queryByText('No lead recorded')).toBeNull();
  const leads = screen.getByRole('heading', { name: 'Leads' }).parentElement!;
  expect(within(leads).getByRole('listitem').textContent).toMatch(/^Ana Ruiz — Group lead, /);

  await user.type(screen.getByLabelText('What was said'), 'Met with the tenants of 5th St.');
  await user.click(screen.getByRole('button', { name: 'Save note' }));
  const [note] = data.notes.all();
  expect(note).toMatchObject({ groupId, body: 'Met with the tenants of 5th St.' });

  await user.click(screen.getByRole('button', { name: 'Delete group' }));
  await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete group' }));
  expect(data.groups.get(groupId)).toBeUndefined();
  expect(data.roles.all()).toEqual([]);
  expect(data.notes.all()).toEqual([]);
  expect(data.members.get(ana)).toMatchObject({ groupIds: [] });
  expect(routes).toEqual([{ view: 'groups' }]);
});

test('a partner, in Spanish: liaisons added and removed, details saved', async () => {
  const user = userEvent.setup();
  const { data, ana } = chapter();
  const partnerId = data.partners.create({ name: 'Tenants Union', kind: 'tenant' });
  await renderView(data, <PartnerPage partnerId={partnerId} />, 'es');
  await user.type(screen.getByLabelText('Añadir un enlace'), 'ruiz{Enter}');
  expect(data.partners.get(partnerId)!.liaisonIds).toEqual([ana]);
  await user.click(screen.getByRole('button', { name: 'Quitar a Ana Ruiz como enlace' }));
  expect(data.partners.get(partnerId)!.liaisonIds).toEqual([]);
  await user.type(screen.getByLabelText('Su contacto'), 'Rosa Díaz');
  await user.click(screen.getByRole('button', { name: 'Guardar' }));
  expect(data.partners.get(partnerId)).toMatchObject({ name: 'Tenants Union', contactName: 'Rosa Díaz' });
  expect(screen.getByText('Guardado.')).toBeTruthy();
});

test('the member picker takes the person whose whole name was typed, not one whose preferred name sorts first', async () => {
  const user = userEvent.setup();
  const data = space();
  const ren = data.members.create({ firstName: 'Renée', lastName: 'Díaz', preferredName: 'Ren' });
  const renee = data.members.create({ firstName: 'Renée', lastName: 'Díaz' });
  const groupId = data.groups.create({ name: 'Housing', kind: 'working_group' });
  await renderView(data, <GroupPage groupId={groupId} />);
  await user.type(screen.getByLabelText('Add a member to the group'), 'renée díaz{Enter}');
  expect(data.members.get(renee)!.groupIds).toEqual([groupId]);
  expect(data.members.get(ren)!.groupIds).toEqual([]);
});
