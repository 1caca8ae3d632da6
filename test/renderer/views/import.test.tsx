/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The import screen on a real space document (Yjs + shared/model), rendered with Testing Library:
 * choose the national list, see the plan (nothing written yet), apply it; a bad file is refused in
 * plain words with nothing written; the export list honours consent.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as Y from 'yjs';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { nationalList } from '../../shared/csv/national-list-generator';
import { fixtureFile, renderImport, space } from './import-render';
import { chooseFile } from '../choose-file';

test('choose the weekly file, see the plan before anything is written, apply it from the keyboard', async () => {
  const user = userEvent.setup();
  const data = space();
  data.members.create({ firstName: 'Priya', emails: ['priya.n@example.org'] }); // added by hand at a meeting
  await renderImport(data);

  await chooseFile(user, en.import.chooseFile, fixtureFile('national-2023.csv'));
  const plan = await screen.findByRole('heading', { name: 'What national-2023.csv will change' });
  const panel = plan.closest('section')!;
  expect(within(panel).getByText('New members: 1')).toBeTruthy();
  expect(within(panel).getByText('Changed records: 1')).toBeTruthy();
  expect(within(panel).getByText('Rows with problems: 0')).toBeTruthy();
  expect(within(panel).getByText(/favorite_committee/)).toBeTruthy();
  expect(within(panel).getByText('Joaquín Ruiz-Park')).toBeTruthy();
  // Priya was found by her email; the changed fields are named in words.
  const changed = within(panel).getByText(/^Priya:/);
  expect(changed.textContent).toContain('ActionKit ID');
  expect(changed.textContent).toContain('Do not call');
  expect(within(panel).getByText(/found by email/)).toBeTruthy();
  expect(data.members.size).toBe(1); // nothing written yet

  const apply = within(panel).getByRole('button', { name: en.import.apply });
  apply.focus();
  await user.keyboard('{Enter}');
  const done = await screen.findByText('Imported: 1 new member, 1 record updated, 0 newly lapsed.');
  expect(done.getAttribute('role')).toBe('status');
  expect(data.members.size).toBe(2);
  const priya = data.members.all().find((m) => m.firstName === 'Priya')!;
  expect(priya).toMatchObject({ actionkitId: '400002', doNotCall: true, textOptOut: true });
  expect(screen.queryByRole('button', { name: en.import.apply })).toBeNull();
});

test('a bad file is refused in plain words (Spanish), and nothing is written', async () => {
  const data = space();
  data.members.create({ firstName: 'Ana', actionkitId: '1' });
  const before = Y.encodeStateAsUpdate(data.doc);
  await renderImport(data, 'es');
  const workbook = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])], 'list.xlsx');
  await chooseFile(userEvent.setup(), es.import.chooseFile, workbook);
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toBe(`${es.errors['bad-csv']} ${es.import.reason.spreadsheet}`);
  expect(screen.queryByRole('button', { name: es.import.apply })).toBeNull();
  expect(Y.encodeStateAsUpdate(data.doc)).toEqual(before);
});

test('the export panel counts only the members a call list may hold', async () => {
  const data = space();
  data.members.create({ firstName: 'Ana', phones: ['213-555-0101'] });
  data.members.create({ firstName: 'Ben', phones: ['213-555-0102'], doNotCall: true });
  const { flush } = await renderImport(data);
  expect(screen.getByRole('button', { name: 'Export CSV (1 member)' })).toBeTruthy();
  fireEvent.change(screen.getByLabelText(en.import.exportList), { target: { value: 'roster' } });
  expect(screen.getByRole('button', { name: 'Export CSV (2 members)' })).toBeTruthy();
  data.members.create({ firstName: 'Cy' });
  flush();
  expect(screen.getByRole('button', { name: 'Export CSV (3 members)' })).toBeTruthy();
});

test('a large file shows "Imported N of M members…" while it applies; leaving the screen stops it between whole members', async () => {
  const data = space();
  const text = nationalList(1_200, 1);
  const { unmount } = await renderImport(data);
  await chooseFile(userEvent.setup(), en.import.chooseFile, new File([text], 'national.csv', { type: 'text/csv' }));
  const plan = await screen.findByRole('heading', { name: 'What national.csv will change' }, { timeout: 10_000 });
  fireEvent.click(within(plan.closest('section')!).getByRole('button', { name: en.import.apply }));
  // A loaded machine can take more than the default second to show the first slice.
  const status = await screen.findByText(/^Imported [\d,]+ of 1,200 members…$/, undefined, { timeout: 15_000 });
  expect(status.getAttribute('role')).toBe('status');
  expect(screen.getByRole('progressbar', { name: en.import.applyingLabel })).toBeTruthy();
  await waitFor(() => expect(data.members.size).toBeGreaterThan(0));

  unmount(); // the organizer went to another screen, or locked
  const written = data.members.size;
  await new Promise((r) => setTimeout(r, 300));
  expect(data.members.size).toBe(written); // nothing more after the slice being written
  expect(written).toBeLessThan(1_200);
  expect(data.members.list().problems).toEqual([]); // every member written is whole
});
