/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The check-in screen on a real space document, by keyboard: type, Enter; the same person again
 * is not counted twice; a walk-in when nobody matches, with the consent asked; undo; Spanish plurals.
 */
import { performance as nodePerformance } from 'node:perf_hooks';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CheckIn } from '../../../renderer/views/meetings/CheckIn';
import { fromQuery } from '../../../renderer/views/meetings/WalkInForm';
import { renderView, space } from './render-view';

// The screen marks its keystrokes for the benchmark (User Timing); jsdom has none, Node does.
beforeAll(() => Object.defineProperty(globalThis, 'performance', { value: nodePerformance, configurable: true }));

function chapter() {
  const data = space();
  const ana = data.members.create({ firstName: 'Ana', lastName: 'Ruiz', emails: ['ana@example.org'] });
  const ben = data.members.create({ firstName: 'Ben', lastName: 'Okafor', phones: ['(213) 555-0101'] });
  const event = data.attendance.create({ eventName: 'December GM', kind: 'general_meeting', date: '2026-12-04' });
  return { data, ana, ben, event };
}

test('type, Enter: checked in and counted once; the same person again is shown as present, not counted twice', async () => {
  const user = userEvent.setup();
  const { data, ana, event } = chapter();
  await renderView(data, <CheckIn eventId={event} />);
  const box = screen.getByLabelText('Find a person');
  box.focus();
  await user.keyboard('ana ru');
  expect(within(screen.getByRole('list', { name: 'People found' })).getAllByRole('button')[0]!.textContent).toContain(
    'Ana Ruiz',
  );
  await user.keyboard('{Enter}');
  expect(data.attendance.get(event)!.memberIds).toEqual([ana]);
  expect(screen.getByText('1 person present')).toBeTruthy();
  expect(screen.getByText('Ana Ruiz is checked in. 1 person present.')).toBeTruthy();
  expect((box as HTMLInputElement).value).toBe('');
  await user.keyboard('ana{Enter}');
  expect(screen.getByText('Ana Ruiz was already checked in: not counted twice.')).toBeTruthy();
  expect(data.attendance.get(event)!.memberIds).toEqual([ana]);
});

test('↓ into the list, Space checks in; found by phone digits in any format', async () => {
  const user = userEvent.setup();
  const { data, ben, event } = chapter();
  await renderView(data, <CheckIn eventId={event} />);
  screen.getByLabelText('Find a person').focus();
  await user.keyboard('213 555 01');
  await user.keyboard('{ArrowDown}');
  expect(document.activeElement?.getAttribute('data-member-id')).toBe(ben);
  await user.keyboard(' ');
  expect(data.attendance.get(event)!.memberIds).toEqual([ben]);
});

test('nobody matches: Enter opens the walk-in form with the name; consent is asked, not assumed; undo takes it all back', async () => {
  const user = userEvent.setup();
  const { data, event } = chapter();
  await renderView(data, <CheckIn eventId={event} />);
  screen.getByLabelText('Find a person').focus();
  await user.keyboard('zoraida quintanilla{Enter}');
  const dialog = await screen.findByRole('dialog', { name: 'New person at the door' });
  expect((within(dialog).getByLabelText('First name') as HTMLInputElement).value).toBe('Zoraida');
  expect((within(dialog).getByLabelText('Last name') as HTMLInputElement).value).toBe('Quintanilla');
  await user.type(within(dialog).getByLabelText('Phone'), '323-555-0199');
  await user.click(within(dialog).getByLabelText('Yes, we may text them'));
  await user.click(within(dialog).getByRole('button', { name: 'Add and check in' }));
  const walkIn = data.members.all().find((m) => m.firstName === 'Zoraida')!;
  expect(walkIn).toMatchObject({ doNotCall: true, textOptOut: false, phones: ['323-555-0199'] });
  expect(data.attendance.checkIns(event).get(walkIn.id)).toMatchObject({ walkIn: true });
  await user.click(screen.getByRole('button', { name: 'Undo: Zoraida Quintanilla' }));
  expect(data.attendance.get(event)!.memberIds).toEqual([]);
  expect(data.members.has(walkIn.id)).toBe(false);
});

test('a walk-in typed with the phone of someone on the roster: they are offered instead', async () => {
  const user = userEvent.setup();
  const { data, ben, event } = chapter();
  await renderView(data, <CheckIn eventId={event} />);
  screen.getByLabelText('Find a person').focus();
  await user.keyboard('{Alt>}n{/Alt}');
  const dialog = await screen.findByRole('dialog', { name: 'New person at the door' });
  await user.type(within(dialog).getByLabelText('Phone'), '+1 213.555.0101');
  await user.click(within(dialog).getByRole('button', { name: 'It is Ben Okafor: check them in' }));
  expect(data.attendance.get(event)!.memberIds).toEqual([ben]);
  expect(data.members.size).toBe(2);
});

test('in Spanish, with plurals', async () => {
  const user = userEvent.setup();
  const { data, event } = chapter();
  await renderView(data, <CheckIn eventId={event} />, 'es');
  screen.getByLabelText('Buscar a una persona').focus();
  await user.keyboard('ana{Enter}');
  expect(screen.getByText('1 persona presente')).toBeTruthy();
  await user.keyboard('ben{Enter}');
  await waitFor(() => expect(screen.getByText('2 personas presentes')).toBeTruthy());
  expect(screen.getByText('Llegada registrada: Ben Okafor. 2 personas presentes.')).toBeTruthy();
});

test('the search text becomes the walk-in fields: a name, an e-mail or a phone', () => {
  expect(fromQuery(' maría  de la cruz ')).toEqual({ firstName: 'María', lastName: 'De La Cruz' });
  expect(fromQuery('zq@example.org')).toEqual({ firstName: '', email: 'zq@example.org' });
  expect(fromQuery('(323) 555-0199')).toEqual({ firstName: '', phone: '(323) 555-0199' });
});
