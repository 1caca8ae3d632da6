/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * A note's day and its follow-up's due day read in the organizer's language,
 * not as the stored YYYY-MM-DD.
 */
import { screen } from '@testing-library/react';
import { NoteTimeline } from '../../../renderer/views/notes/NoteTimeline';
import { renderView, space } from './render-view';

test.each([
  ['en', /Mar 4, 2031/, /Due: Apr 5, 2031/],
  ['es', /4 mar 2031/, /Fecha límite: 5 abr 2031/],
])('%s: the timeline shows days in the app language', async (lng, day, due) => {
  const data = space();
  const ana = data.members.create({ firstName: 'Ana', lastName: 'Ruiz' });
  data.notes.create({ kind: 'call', memberId: ana, date: '2031-03-04', nextStep: 'Call back', dueDate: '2031-04-05' });
  await renderView(data, <NoteTimeline memberId={ana} />, lng);
  const list = screen.getByRole('list');
  expect(list.textContent).toMatch(day);
  expect(list.textContent).toMatch(due);
  expect(list.textContent).not.toMatch(/2031-0/);
});
