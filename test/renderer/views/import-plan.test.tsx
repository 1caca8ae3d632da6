/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The plan screen with the kinds of change a weekly file can bring besides new and changed members:
 * consent national loosened (waiting for the organizer), members who dropped off the list, a file that
 * looks cut short, a row left out while the rest can be applied, and new columns the chapter can map
 * to a field. Real Yjs document, Testing Library, English and Spanish.
 */
import { chooseFile } from '../choose-file';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import es from '../../../renderer/i18n/es.json';
import { applyImport, parseNationalList, planImport } from '../../../shared/csv';
import { importColumnMap } from '../../../shared/model';
import type { SpaceData } from '../../../shared/model';
import { HEADER_2022, weeklyFile } from '../../shared/csv/weekly';
import { renderImport, space } from './import-render';

const people = Array.from({ length: 40 }, (_, i) => ({
  AK_ID: String(700 + i),
  first_name: i === 0 ? 'Lucía' : `Member${i}`,
  last_name: i === 0 ? 'Ferreira' : 'Test',
  Email: `m${i}@example.org`,
  Do_Not_Call: i === 0 ? 'TRUE' : 'FALSE',
  membership_status: 'member in good standing',
}));

/** Last week's full list is in; this week's file is cut after 25 rows, Lucía opted back in, one row slid. */
function weekTwo(data: SpaceData): File {
  applyImport(data, planImport(data, parseNationalList(weeklyFile(HEADER_2022, people))));
  const header = `${HEADER_2022},sms_number`;
  const rows = people.slice(0, 25).map((p, i) => ({
    ...p,
    ...(i === 0 ? { Do_Not_Call: 'FALSE' } : {}),
    ...(i === 1 ? { union_member: 'x' } : {}),
  }));
  const lines = weeklyFile(HEADER_2022, rows)
    .split('\r\n')
    .map((line, i) => (i === 0 ? header : `${line},${i === 3 ? '213-555-0177' : ''}`));
  lines[2] = lines[2]!.replace(',x,', ',Yes, current union member,'); // an unquoted comma: the row slides
  return new File([lines.join('\r\n')], 'week-2.csv', { type: 'text/csv' });
}

async function openPlan(data: SpaceData, lng = 'en') {
  const file = weekTwo(data);
  await renderImport(data, lng);
  const label = lng === 'en' ? 'CSV file from national' : es.import.chooseFile;
  await chooseFile(userEvent.setup(), label, file);
  const heading = await screen.findByRole('heading', {
    name: lng === 'en' ? 'What week-2.csv will change' : 'Qué cambiará week-2.csv',
  });
  return heading.closest('section')!;
}

const lucia = (data: SpaceData) => data.members.all().find((m) => m.actionkitId === '700')!;

test('every new kind of change is shown in plain words before anything is written', async () => {
  const data = space();
  const panel = await openPlan(data);
  const view = within(panel);
  expect(view.getByText('Consent changes to review: 1')).toBeTruthy();
  expect(view.getByText('Dropped off the list: 15')).toBeTruthy();
  expect(view.getByText('Rows with problems: 1')).toBeTruthy();

  // Cut short: fewer rows than last week, members missing.
  const warning = view.getByRole('group', { name: 'This file may be cut short' });
  expect(warning.textContent).toContain('It has 25 rows; the last list applied here had 40.');
  expect(warning.textContent).toContain('15 members with a national ID are missing from it.');

  // One row left out; the others can be applied.
  expect(view.getByText(/^1 row could not be read and will be left out/)).toBeTruthy();
  expect(view.getByText(/its cells do not line up with the header/)).toBeTruthy();
  expect(view.getByRole('button', { name: 'Apply the other rows' })).toBeTruthy();

  // Dropped off: named, with their status.
  expect(view.getByText(/^Member25 Test \(/)).toBeTruthy();

  // Consent loosened: offered, not ticked.
  const consent = view.getByRole('checkbox', { name: 'Lucía Ferreira may be called again' }) as HTMLInputElement;
  expect(consent.checked).toBe(false);

  // The new column, kept until mapped.
  const column = view.getByRole('combobox', { name: 'Column “sms_number”' }) as HTMLSelectElement;
  expect(column.value).toBe('');
  expect(lucia(data).doNotCall).toBe(true); // nothing written yet
});

test('a ticked consent change is written and reported', async () => {
  const user = userEvent.setup();
  const data = space();
  const panel = await openPlan(data);
  await user.click(within(panel).getByRole('checkbox', { name: 'Lucía Ferreira may be called again' }));
  await user.click(within(panel).getByRole('button', { name: 'Apply the other rows' }));
  await screen.findByText(/1 consent change you accepted was saved\./);
  expect(lucia(data).doNotCall).toBe(false);
});

test('applied without ticking, consent stays as it was', async () => {
  const user = userEvent.setup();
  const data = space();
  const panel = await openPlan(data);
  await user.click(within(panel).getByRole('button', { name: 'Apply the other rows' }));
  const done = await screen.findByText(/^Imported:/);
  expect(done.textContent).not.toMatch(/consent/);
  expect(lucia(data).doNotCall).toBe(true);
  expect(data.members.all().find((m) => m.actionkitId === '702')!.extra).toMatchObject({ sms_number: '213-555-0177' });
});

test('a new column mapped to a field is saved for the space and the file is read again with it', async () => {
  const user = userEvent.setup();
  const data = space();
  const panel = await openPlan(data);
  // The 2022 header has Mobile_Phone already: the chapter reads this one as the home phone.
  await user.selectOptions(within(panel).getByRole('combobox', { name: 'Column “sms_number”' }), 'Home phone');
  await screen.findByText('Saved for this space. The file was read again.');
  expect(importColumnMap(data)).toEqual({ sms_number: 'home_phone' });
  const again = (await screen.findAllByRole('heading', { name: 'What week-2.csv will change' }))[0]!.closest(
    'section',
  )!;
  expect((within(again).getByRole('combobox', { name: 'Column “sms_number”' }) as HTMLSelectElement).value).toBe(
    'home_phone',
  );
  await user.click(within(again).getByRole('button', { name: 'Apply the other rows' }));
  await screen.findByText(/^Imported:/);
  expect(data.members.all().find((m) => m.actionkitId === '702')!.phones).toEqual(['213-555-0177']);
});

test('in Spanish, in plain words', async () => {
  const data = space();
  const panel = await openPlan(data, 'es');
  const view = within(panel);
  expect(view.getByText('Cambios de consentimiento por revisar: 1')).toBeTruthy();
  expect(view.getByText('Ya no están en la lista: 15')).toBeTruthy();
  expect(view.getByRole('group', { name: 'Puede que este archivo esté incompleto' }).textContent).toContain(
    'Faltan 15 miembros con ID nacional.',
  );
  expect(view.getByText(/^No se pudo leer 1 fila/)).toBeTruthy();
  expect(view.getByRole('checkbox', { name: 'Se puede volver a llamar a Lucía Ferreira' })).toBeTruthy();
  expect(view.getByRole('combobox', { name: 'Columna «sms_number»' })).toBeTruthy();
  expect(view.getByRole('button', { name: 'Aplicar las demás filas' })).toBeTruthy();
});
