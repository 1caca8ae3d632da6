/** What Today lists, on a real space document: each rule, and what it leaves out. */
import * as Y from 'yjs';
import { addDays, seatOf, SpaceData, termLimits } from '../../../shared/model';
import { generateChapter } from '../../../shared/sample/generate';
import { WARN_DAYS } from '../../../renderer/views/leadership/useRoles';
import { todayItems, weekStart } from '../../../renderer/views/today/today-items';

const DAY = '2026-03-12'; // a Thursday
const ME = 'dev-me';

function chapter() {
  let n = 0;
  const data = new SpaceData(new Y.Doc(), ME, { newId: () => `id${++n}` });
  const ana = data.members.create({ firstName: 'Ana', joinDate: addDays(DAY, -2) });
  const ben = data.members.create({ firstName: 'Ben', joinDate: addDays(DAY, -40) });
  const cy = data.members.create({ firstName: 'Cy', membershipStatus: 'lapsed', xdate: addDays(DAY, -1) });
  const di = data.members.create({ firstName: 'Di', membershipStatus: 'expired', xdate: addDays(DAY, -50) });
  const ed = data.members.create({ firstName: 'Ed', membershipStatus: 'member', xdate: addDays(DAY, -1) });
  return { data, ana, ben, cy, di, ed };
}

test('follow-ups: mine (assigned to me, or written by me for nobody else), due today or overdue, not done', () => {
  const { data, ana } = chapter();
  const note = (over: object) =>
    data.notes.create({ kind: 'call', memberId: ana, date: addDays(DAY, -9), nextStep: 'Call back', ...over });
  const overdue = note({ dueDate: addDays(DAY, -3) });
  const dueToday = note({ dueDate: DAY, author: 'dev-other', assignedOrganizer: ME });
  note({ dueDate: addDays(DAY, 1) }); // not due yet
  note({ dueDate: DAY, done: true }); // done
  note({ dueDate: DAY, assignedOrganizer: 'dev-other' }); // mine as author, but handed to someone else
  note({ dueDate: DAY, author: 'dev-other' }); // someone else's
  const items = todayItems(data, { me: ME, onDay: DAY });
  expect(items.followUps.map((n) => n.id)).toEqual([overdue, dueToday]);
});

test('meetings from today through two weeks ahead, soonest first', () => {
  const { data } = chapter();
  const event = (date: string, startTime?: string) =>
    data.attendance.create({
      eventName: `E ${date} ${startTime ?? ''}`,
      kind: 'general_meeting',
      date,
      ...(startTime && { startTime }),
    });
  event(addDays(DAY, -1));
  const late = event(DAY, '19:00');
  const early = event(DAY, '09:00');
  const inTwoWeeks = event(addDays(DAY, 14));
  event(addDays(DAY, 15));
  expect(todayItems(data, { me: ME, onDay: DAY }).meetings.map((e) => e.id)).toEqual([early, late, inTwoWeeks]);
});

test('joined and lapsed since the last look; the first look counts the last 30 days', () => {
  const { data, ana, cy } = chapter();
  const first = todayItems(data, { me: ME, onDay: DAY });
  expect(first.joined.map((m) => m.id)).toEqual([ana]); // Ben joined 40 days ago
  expect(first.lapsed.map((m) => m.id)).toEqual([cy]); // Di lapsed 50 days ago; Ed is still a member
  const later = todayItems(data, { me: ME, onDay: DAY, lastLooked: addDays(DAY, -1) });
  expect(later.joined).toEqual([]); // Ana joined before that look
  expect(later.lapsed).toEqual([]); // Cy lapsed on the day of that look, already seen
  expect(later.since).toBe(addDays(DAY, -1));
});

test("one-on-ones I wrote since Monday; not others' and not last week's", () => {
  const { data, ana, ben } = chapter();
  const mine = data.notes.create({ kind: 'one_on_one', memberId: ana, date: '2026-03-09' }); // Monday
  data.notes.create({ kind: 'one_on_one', memberId: ben, date: '2026-03-08' }); // Sunday before
  data.notes.create({ kind: 'one_on_one', memberId: ben, date: DAY, author: 'dev-other' });
  data.notes.create({ kind: 'call', memberId: ben, date: DAY });
  expect(todayItems(data, { me: ME, onDay: DAY }).oneOnOnes.map((n) => n.id)).toEqual([mine]);
  expect(weekStart('2026-03-08')).toBe('2026-03-02'); // a Sunday belongs to the week that began on Monday
  expect(weekStart('2026-03-09')).toBe('2026-03-09');
});

test('rotation due: a term ended with nobody recorded to take over', () => {
  const { data, ana, ben } = chapter();
  const ended = data.roles.create({ role: 'treasurer', holderId: ana, termStart: '2025-03-01', termEnd: '2026-03-01' });
  data.roles.create({ role: 'co_chair', holderId: ben, termStart: '2025-03-01', termEnd: '2027-03-01' });
  expect(todayItems(data, { me: ME, onDay: DAY }).rotation.map((v) => v.role.id)).toEqual([ended]);
});

test("the sample chapter's rotation list: one line per holder and seat, each ending within the notice window or over", () => {
  // The sample of the screens' pictures (test/e2e/screens.e2e.test.ts): 100 members, on its fixed day.
  const { space } = generateChapter({ members: 100, memberSkills: 20, notes: 20, seed: 1 });
  const onDay = '2025-06-15';
  const due = todayItems(space, { me: ME, onDay, limits: termLimits(space) }).rotation;
  const lines = due.map((v) => `${v.role.holderId} ${seatOf(v.role)}`);
  expect(new Set(lines).size).toBe(lines.length);
  for (const v of due) expect(v.role.termStart <= onDay && v.role.termEnd! <= addDays(onDay, WARN_DAYS)).toBe(true);
  // Joseph Rodríguez leads a group past the limit of three terms in a row; his term ends in 2026: not due yet.
  const joseph = space.members.all().find((m) => m.firstName === 'Joseph' && m.lastName === 'Rodríguez')!;
  expect(due.filter((v) => v.role.holderId === joseph.id)).toEqual([]);
});
