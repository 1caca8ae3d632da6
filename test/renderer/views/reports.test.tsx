/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The reports screen on a real space document: small counts show as "<k" with their complements, the
 * preview is the file (same lines as the CSV), and it reads in Spanish.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setReportMinimumCell } from '../../../shared/model';
import { Reports } from '../../../renderer/views/reports/Reports';
import { renderView, space } from './engagement-render';
import { typeDay } from '../date-entry';

function chapter() {
  const data = space();
  const east = data.regions.create({ name: 'East', zips: [] });
  const west = data.regions.create({ name: 'West', zips: [] });
  const add = (n: number, regionId: string, ladderStage: 'leader' | 'member') => {
    for (let i = 0; i < n; i++) data.members.create({ firstName: `M${i}`, regionId, ladderStage });
  };
  add(12, east, 'member');
  add(3, east, 'leader'); // under 10: hidden, and so is its complement in the East row and the leader column
  add(14, west, 'member');
  add(11, west, 'leader');
  return data;
}

function rows(): (string | null)[][] {
  const out: (string | null)[][] = [];
  for (const tr of screen.getByTestId('report-preview').querySelectorAll('tr')) {
    const cells: (string | null)[] = [];
    for (const cell of (tr as HTMLTableRowElement).cells) cells.push(cell.textContent);
    out.push(cells);
  }
  return out;
}

test('region × ladder stage: the 3 is hidden with its complements, so no total gives it away', async () => {
  await renderView(chapter(), <Reports />);
  await userEvent.setup().selectOptions(screen.getByLabelText('Columns'), 'ladderStage');
  expect(rows()).toEqual([
    ['Region', 'Contact', 'Member', 'Participant', 'Active', 'Leader', 'Organizer', 'Total'],
    ['East', '0', 'hidden', '0', '0', 'hidden', '0', '15'],
    ['West', '0', 'hidden', '0', '0', 'hidden', '0', '25'],
    ['Total', '0', '26', '0', '0', '14', '0', '40'],
  ]);
  expect(screen.getByTestId('suppressed-count').textContent).toBe(
    '1 count under 10 is hidden. 3 other counts are hidden too, so that none can be worked out from a total.',
  );
});

test('k is the chapter’s, and the screen reads in Spanish', async () => {
  const data = chapter();
  setReportMinimumCell(data, 4);
  await renderView(data, <Reports />, 'es');
  expect(screen.getByText('Miembros: Región × Etapa', { selector: 'p' })).toBeTruthy();
  expect(rows()[1]).toEqual(['East', '0', 'oculta', '0', '0', 'oculta', '0', '15']);
  expect(screen.getByText(/Las cifras menores que 4 se muestran como «oculta»/)).toBeTruthy();
});

test.each([
  ['en', 'As of', 'As of Jun 15, 2025.'],
  ['es', 'A fecha de', 'A fecha de 15 jun 2025.'],
] as const)(
  '%s: the preview (and so the file) gives the report’s day as the app writes days',
  async (lng, field, line) => {
    const user = userEvent.setup();
    await renderView(chapter(), <Reports />, lng);
    await typeDay(user, screen.getByRole('group', { name: field }), '2025-06-15', lng);
    const preview = screen.getByTestId('report-preview');
    expect([...preview.querySelectorAll('p')].map((p) => p.textContent)).toContain(line);
    expect(preview.textContent).not.toContain('2025-06-15');
  },
);
