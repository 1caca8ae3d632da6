/** @jest-environment ./test/renderer/sharing/environment.js */
/** Meetings: a new event from the form, a training's skills and trainers, the chapter's "active" rule; a member's attendance. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EventPage } from '../../../renderer/views/meetings/EventPage';
import { Meetings } from '../../../renderer/views/meetings/Meetings';
import { MemberAttendance } from '../../../renderer/views/member/MemberAttendance';
import { activeRule, memberSkillId } from '../../../shared/model';
import { typeDay } from '../date-entry';
import { renderView, space } from './render-view';

test('a new meeting: kind, name, date, time, place, group; it opens on its page', async () => {
  const user = userEvent.setup();
  const data = space();
  const group = data.groups.create({ name: 'Housing', kind: 'working_group' });
  const { routes } = await renderView(data, <Meetings />);
  await user.click(screen.getByRole('button', { name: 'New meeting or event' }));
  const form = screen.getByRole('form', { name: 'New meeting or event' });
  await user.selectOptions(within(form).getByLabelText('Kind'), 'group_meeting');
  await user.type(within(form).getByLabelText('Name'), 'Housing WG');
  await typeDay(user, within(form).getByRole('group', { name: 'Date' }), '2026-12-10');
  await user.click(within(within(form).getByRole('group', { name: 'Start time' })).getAllByRole('spinbutton')[0]!);
  await user.keyboard('0630P'); // 6:30 PM, typed as the English clock reads
  await user.type(within(form).getByLabelText('Place'), 'Union hall');
  await user.selectOptions(within(form).getByLabelText('Working group or committee'), group);
  await user.click(within(form).getByRole('button', { name: 'Create' }));
  const [event] = data.attendance.all();
  expect(event).toMatchObject({
    eventName: 'Housing WG',
    kind: 'group_meeting',
    date: '2026-12-10',
    startTime: '18:30',
    place: 'Union hall',
    groupId: group,
  });
  expect(routes).toEqual([{ view: 'event', eventId: event!.id }]);
});

test('a training names its skills and trainers; trainees checked in then move to learning', async () => {
  const user = userEvent.setup();
  const data = space();
  const skill = data.skills.create({ name: 'Know your rights', category: 'legal' });
  const tere = data.members.create({ firstName: 'Tere', lastName: 'Lopez' });
  const nico = data.members.create({ firstName: 'Nico' });
  await renderView(data, <Meetings newKind="training" />);
  const form = screen.getByRole('form', { name: 'New meeting or event' });
  await user.selectOptions(within(form).getByLabelText('Skill taught'), skill);
  await user.click(within(form).getByRole('button', { name: 'Add' }));
  await user.type(within(form).getByLabelText('Add a trainer'), 'tere{Enter}');
  await user.click(within(form).getByRole('button', { name: 'Create' }));
  const [training] = data.attendance.all();
  expect(training).toMatchObject({ kind: 'training', eventName: 'Training', skillIds: [skill], trainerIds: [tere] });
  data.attendance.checkIn(training!.id, nico);
  expect(data.memberSkills.get(memberSkillId(nico, skill))!.level).toBe('learning');
});

test("the chapter's active rule: set N, M and K; the count of active members follows", async () => {
  const user = userEvent.setup();
  const data = space();
  const ana = data.members.create({ firstName: 'Ana' });
  for (const date of ['2026-01-01', '2026-02-01'])
    data.attendance.create({ eventName: 'GM', kind: 'general_meeting', date, memberIds: [ana] });
  await renderView(data, <Meetings />);
  expect(screen.getByTestId('active-count').textContent).toBe('1 member is active today.');
  const min = screen.getByLabelText('Attended at least');
  await user.clear(min);
  await user.type(min, '3');
  await user.click(screen.getByRole('button', { name: 'Save the rule' }));
  expect(activeRule(data)).toEqual({ kind: 'general_meeting', last: 3, min: 3 });
  expect(screen.getByTestId('active-count').textContent).toBe('0 members are active today.');
});

test("a member's attendance: active or not under the rule, the events they came to (Spanish)", async () => {
  const data = space();
  const ana = data.members.create({ firstName: 'Ana' });
  for (const date of ['2026-01-01', '2026-02-01', '2026-03-01'])
    data.attendance.create({
      eventName: `GM ${date}`,
      kind: 'general_meeting',
      date,
      memberIds: date === '2026-02-01' ? [] : [ana],
    });
  data.attendance.create({
    eventName: 'Otra',
    kind: 'general_meeting',
    date: '2026-02-02',
    memberIds: ['someone-else'],
  });
  await renderView(data, <MemberAttendance memberId={ana} />, 'es');
  expect(screen.getByRole('heading', { name: 'Asistencia (2 eventos)' })).toBeTruthy();
  expect(screen.getByTestId('member-active').textContent).toBe(
    'activo Asistió a 2 de los últimos 3 eventos de tipo Asamblea general (activo desde 2).',
  );
  expect(screen.getByTestId('member-events').textContent).toContain('GM 2026-03-01');
});

test('the event page: a walk-in typed on two laptops is shown as a likely duplicate; "two people" keeps both, "merge" makes one', async () => {
  const user = userEvent.setup();
  const data = space();
  const event = data.attendance.create({ eventName: 'December GM', kind: 'general_meeting', date: '2026-12-04' });
  const zoe1 = data.members.create({ firstName: 'Zoe', lastName: 'Park', emails: ['zoe@example.org'] });
  const zoe2 = data.members.create({ firstName: 'Zoë', lastName: 'Park', emails: ['zoe@example.org'] });
  const lu1 = data.members.create({ firstName: 'Lu', lastName: 'Chen', phones: ['213 555 0110'] });
  const lu2 = data.members.create({ firstName: 'Lu', lastName: 'Chen', phones: ['(213) 555-0110'] });
  for (const m of [zoe1, zoe2, lu1, lu2]) data.attendance.checkIn(event, m);
  await renderView(data, <EventPage eventId={event} />);
  expect(screen.getByRole('heading', { name: '2 likely duplicates to check' })).toBeTruthy();
  const list = screen.getByTestId('duplicates');
  const lu = within(list)
    .getAllByRole('listitem')
    .find((li) => li.textContent!.includes('Lu Chen'))!;
  await user.click(within(lu).getByRole('button', { name: 'They are two people' }));
  expect(data.members.get(lu1) && data.members.get(lu2)).toBeTruthy();
  expect(screen.getByRole('heading', { name: '1 likely duplicate to check' })).toBeTruthy();
  await user.click(within(screen.getByTestId('duplicates')).getByRole('button', { name: 'Merge them' }));
  await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Merge' }));
  expect(data.members.get(zoe2)).toBeUndefined();
  expect([...data.attendance.get(event)!.memberIds].sort()).toEqual([zoe1, lu1, lu2].sort());
  expect(screen.getByText('Merged into Zoe Park.')).toBeTruthy();
});

test('an event that is gone (deleted, or merged away elsewhere): its page says so and leads back to the meetings', async () => {
  const user = userEvent.setup();
  const { routes } = await renderView(space(), <EventPage eventId="gone" />);
  expect(screen.getByRole('heading', { level: 1, name: 'Meetings and events' })).toBeTruthy();
  expect(screen.getByText('This event is not in the space any more', { exact: false })).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Back to meetings' }));
  expect(routes).toEqual([{ view: 'meetings' }]);
});
