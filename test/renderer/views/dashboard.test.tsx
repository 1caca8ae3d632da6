/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The dashboard on a real space document: a target added from the form shows this period's figure from
 * the model; the chapter's names for assessments head the assessment table; Spanish plurals.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Dashboard } from '../../../renderer/views/dashboard/Dashboard';
import { monthOf } from '../../../shared/model';
import { renderView, space } from './engagement-render';

function chapter() {
  const data = space();
  const ana = data.members.create({ firstName: 'Ana', ladderStage: 'leader', assessment: 5 });
  const today = new Date();
  const day = `${monthOf(today.getTime())}-01`;
  for (let i = 0; i < 3; i++) data.notes.create({ kind: 'one_on_one', memberId: ana, date: day });
  data.notes.create({ kind: 'call', memberId: ana, date: day });
  return data;
}

test('a target added from the form counts this month’s one-on-ones', async () => {
  const user = userEvent.setup();
  const data = chapter();
  await renderView(data, <Dashboard />);
  expect(screen.getByText('No targets yet. Add one: for example, 40 one-on-ones each month.')).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Add a target' }));
  const form = screen.getByRole('heading', { name: 'Add a target', level: 2 }).closest('form')!;
  await user.type(within(form).getByLabelText('Name'), 'One-on-ones');
  await user.clear(within(form).getByLabelText('Target'));
  await user.type(within(form).getByLabelText('Target'), '4');
  await user.click(within(form).getByRole('button', { name: 'Save' }));
  expect(data.targets.all()).toMatchObject([
    { name: 'One-on-ones', metric: 'one_on_ones', period: 'month', target: 4 },
  ]);
  const current = await screen.findByTestId('target-current');
  expect(current.getAttribute('data-value')).toBe('3');
  expect(current.textContent).toContain('3 of a target of 4 (75%)');
  expect(screen.getByRole('progressbar', { name: 'Progress toward One-on-ones' }).getAttribute('value')).toBe('75');
});

test('the chapter’s words for assessments head the table, saved for the whole space', async () => {
  const user = userEvent.setup();
  const data = chapter();
  await renderView(data, <Dashboard />);
  await user.type(screen.getByLabelText('Assessment 5'), 'Ready to lead');
  await user.click(screen.getByRole('button', { name: 'Save settings' }));
  const table = screen.getByTestId('figure-assessment');
  expect(within(table).getByRole('columnheader', { name: '5 · Ready to lead', hidden: true })).toBeTruthy();
  expect(data.doc.getMap('meta').toJSON().assessmentLabels).toEqual({ '5': 'Ready to lead' });
});

test('in Spanish', async () => {
  await renderView(chapter(), <Dashboard />, 'es');
  expect(screen.getByRole('heading', { name: 'Panel', level: 1 })).toBeTruthy();
  expect(screen.getAllByRole('img', { name: /Gráfico de 24 meses hasta/ }).length).toBeGreaterThan(0);
});

test.each([
  ['en', 'As of', 'June 2025', 'May 2025'],
  ['es', 'A fecha de', 'junio de 2025', 'mayo de 2025'],
])(
  '%s: the month it is as of is chosen by name in the app language, this month first',
  async (lng, label, june, may) => {
    const user = userEvent.setup();
    await renderView(chapter(), <Dashboard />, lng);
    const asOf = screen.getByLabelText(label);
    const options = within(asOf).getAllByRole('option');
    const thisMonth = monthOf(Date.now());
    expect((options[0] as HTMLOptionElement).value).toBe(thisMonth);
    expect(options.map((o) => o.textContent)).toEqual(expect.arrayContaining([june, may]));
    await user.selectOptions(asOf, '2025-05');
    expect((asOf as HTMLSelectElement).value).toBe('2025-05');
    expect(screen.getAllByRole('heading', { level: 2 })[0]!.textContent).toMatch(/2025/);
  },
);

test.each([
  ['en', 'To reach by Dec 31, 2031'],
  ['es', 'Lograr antes del 31 dic 2031'],
])('%s: a target’s day to reach it by reads in the app language', async (lng, due) => {
  const data = chapter();
  data.targets.create({
    name: 'One-on-ones',
    metric: 'one_on_ones',
    period: 'year',
    target: 40,
    dueDate: '2031-12-31',
  });
  await renderView(data, <Dashboard />, lng);
  expect(screen.getByText(due)).toBeTruthy();
});
