/** Groups and partners (shared/model/groups.ts), and notes about them. */
import {
  deleteGroup,
  deletePartner,
  groupLeads,
  groupLeadsNow,
  groupRoster,
  joinGroup,
  leaveGroup,
} from '../../../shared/model';
import { makeSpace } from './helpers';

test("a group's roster, its leads now, and notes about it", () => {
  const { space } = makeSpace();
  const group = space.groups.create({ name: 'Housing', kind: 'working_group', meets: '2nd Tuesday' });
  const [bea, al] = ['Bea', 'Al'].map((firstName) => space.members.create({ firstName })) as [string, string];
  joinGroup(space, bea, group);
  joinGroup(space, al, group);
  joinGroup(space, al, group);
  expect(groupRoster(space.members.all(), group).map((m) => m.firstName)).toEqual(['Al', 'Bea']);
  leaveGroup(space, al, group);
  expect(space.members.get(al)!.groupIds).toEqual([]);
  const past = space.roles.create({
    role: 'group_lead',
    groupId: group,
    holderId: al,
    termStart: '2024-01-01',
    termEnd: '2024-12-31',
  });
  const now = space.roles.create({
    role: 'group_lead',
    groupId: group,
    holderId: bea,
    termStart: '2025-01-01',
    termEnd: '2025-12-31',
  });
  expect(groupLeads(space.roles.all(), group, '2025-06-01').map((v) => v.role.id)).toEqual([now]);
  expect(past).toBeDefined();
  // Re-elected: Bea holds this term and the next; she leads the group once, and the page still shows both terms.
  const next = space.roles.create({
    role: 'group_lead',
    groupId: group,
    holderId: bea,
    termStart: '2026-01-01',
    termEnd: '2026-12-31',
  });
  expect(groupLeads(space.roles.all(), group, '2025-06-01').map((v) => v.role.id)).toEqual([next, now]);
  expect(groupLeadsNow(space.roles.all(), group, '2025-06-01').map((v) => v.role.id)).toEqual([now]);
  // Her term held past its end, nobody recorded after it: she still leads.
  space.roles.delete(next);
  expect(groupLeadsNow(space.roles.all(), group, '2026-02-01').map((v) => v.role.id)).toEqual([now]);
  const note = space.notes.create({ kind: 'note', groupId: group, date: '2025-02-01', body: 'agreed the campaign' });
  space.notes.create({ kind: 'note', memberId: bea, date: '2025-02-01' });
  expect(space.notes.about({ groupId: group }).map((n) => n.id)).toEqual([note]);
});

test("deleting a group: members stay without it, its meetings stay as the chapter's, its roles and notes go", () => {
  const { space } = makeSpace();
  const group = space.groups.create({ name: 'Housing', kind: 'working_group' });
  const keep = space.groups.create({ name: 'Labor', kind: 'working_group' });
  const bea = space.members.create({ firstName: 'Bea', groupIds: [group, keep] });
  const meeting = space.attendance.create({
    eventName: 'Housing WG',
    kind: 'group_meeting',
    date: '2025-01-01',
    groupId: group,
    memberIds: [bea],
  });
  const role = space.roles.create({ role: 'group_lead', groupId: group, holderId: bea, termStart: '2025-01-01' });
  const note = space.notes.create({ kind: 'note', groupId: group, date: '2025-02-01' });
  expect(deleteGroup(space, group)).toBe(true);
  expect(space.members.get(bea)!.groupIds).toEqual([keep]);
  expect(space.attendance.get(meeting)).toMatchObject({ memberIds: [bea] });
  expect(space.attendance.get(meeting)!.groupId).toBeUndefined();
  expect(space.roles.has(role)).toBe(false);
  expect(space.notes.has(note)).toBe(false);
  expect(deleteGroup(space, group)).toBe(false);
});

test('a partner: liaisons, notes; deleting a member takes them off as liaison and trainer; deleting the partner takes its notes', () => {
  const { space } = makeSpace();
  const bea = space.members.create({ firstName: 'Bea' });
  const al = space.members.create({ firstName: 'Al' });
  const partner = space.partners.create({ name: 'LA Tenants Union', kind: 'tenant', liaisonIds: [bea, al] });
  const training = space.attendance.create({ eventName: 'T', kind: 'training', date: '2025-01-01', trainerIds: [bea] });
  const note = space.notes.create({ kind: 'call', partnerId: partner, date: '2025-03-01', body: 'joint action' });
  expect(space.notes.about({ partnerId: partner }).map((n) => n.id)).toEqual([note]);
  space.members.delete(bea);
  expect(space.partners.get(partner)!.liaisonIds).toEqual([al]);
  expect(space.attendance.get(training)!.trainerIds).toEqual([]);
  expect(deletePartner(space, partner)).toBe(true);
  expect(space.notes.has(note)).toBe(false);
});
