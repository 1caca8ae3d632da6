/**
 * A de-identified report on the sample chapter: the preview equals what shared/model counts and
 * suppresses in Node (every hidden count shown as "hidden", complements so no total gives one away), the CSV
 * saved is exactly the preview, the PDF holds the same lines, k is the chapter's; no axe violation in
 * English or Spanish.
 */
import Papa from 'papaparse';
import { initCrypto } from '../../shared/crypto';
import { buildReport } from '../../shared/model/report';
import i18next from 'i18next';
import en from '../../renderer/i18n/en.json';
import { dayFormat } from '../../renderer/components/dates';
import { reportFile } from '../../renderer/views/reports/report-file';
import type { CodeKind } from '../../renderer/app/useLabels';
import { useApp } from './fixture';
import { expectNoViolations } from './axe';
import { createVault, go, typeDay } from './flows';
import { engagementSample } from './engagement-sample';
import { pdfText, savedFile } from './files';
import { shot } from './screenshots';

const app = useApp();
const DAY = '2025-05-31';

test('a report with suppressed cells: the preview is the file, and no hidden count can be worked out', async () => {
  await initCrypto();
  // The app's English words, as the screen uses them.
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false } });
  const t = i18n.t.bind(i18n);
  const { page, problems } = await app.open();
  await createVault(page);
  const { space } = await engagementSample(page);
  const regions = space.regions.all().sort((a, b) => a.name.localeCompare(b.name));
  const skills = space.skills.all().sort((a, b) => a.name.localeCompare(b.name));
  const source = {
    members: space.members.all(),
    regionIds: regions.map((r) => r.id),
    skillIds: skills.map((s) => s.id),
    memberSkills: space.memberSkills.all(),
    events: space.attendance.all(),
  };
  const expectedFile = (spec: Parameters<typeof buildReport>[1]) => {
    const report = buildReport(source, spec);
    const file = reportFile(report, {
      t,
      label: (kind: CodeKind, code: string | undefined) => t(`codes.${kind}.${code}`, { defaultValue: code }),
      regionName: (id) => regions.find((r) => r.id === id)?.name,
      skillName: (id) => skills.find((s) => s.id === id)?.name,
      day: dayFormat('en'),
    });
    return { report, file };
  };
  const previewRows = () =>
    page
      .getByTestId('report-preview')
      .locator('table tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));

  await go(page, 'Reports');
  await typeDay(page, 'As of', DAY);
  // A two-way report of this chapter where k = 10 hides some counts, and their complements.
  const pairs = [
    ['region', 'ladderStage'],
    ['region', 'attendance'],
    ['ladderStage', 'attendance'],
    ['region', 'membershipStatus'],
    ['attendance', 'membershipStatus'],
  ] as const;
  const [rows, columns] = pairs.find(([rows, columns]) => {
    const r = buildReport(source, { rows, columns, k: 10, onDay: DAY });
    return r.suppressed.primary > 0 && r.suppressed.complementary > 0;
  })!;
  const { report, file } = expectedFile({ rows, columns, k: 10, onDay: DAY });
  await page.getByLabel('Rows').selectOption(rows);
  await page.getByLabel('Columns').selectOption(columns);
  await page.locator('p.file-title', { hasText: file.title }).waitFor();
  expect(await previewRows()).toEqual([file.header, ...file.rows]);
  expect(await page.getByRole('cell', { name: 'hidden', exact: true }).count()).toBe(
    report.suppressed.primary + report.suppressed.complementary,
  );
  await shot(page, 'reports-en');
  await expectNoViolations(page, 'reports (en)');

  // The CSV is exactly the preview: title, lines, table, footer.
  const csv = await savedFile(page, page.getByRole('button', { name: 'Save as CSV' }));
  expect(csv.name).toBe(`report-${rows}-${columns}-${DAY}.csv`);
  const parsed = Papa.parse<string[]>(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  expect(parsed).toEqual([
    [file.title],
    ...file.lines.map((l) => [l]),
    file.header,
    ...file.rows,
    ...file.footer.map((f) => [f]),
  ]);
  // No name of any member is in it.
  const text = csv.bytes.toString('utf8');
  for (const m of source.members.slice(0, 200)) expect(text).not.toContain(`${m.firstName} ${m.lastName}`);
  const pdf = await savedFile(page, page.getByRole('button', { name: 'Save as PDF' }));
  const shown = pdfText(pdf.bytes);
  expect(shown).toContain(file.title);
  expect(shown.split('\n').filter((line) => line === 'hidden').length).toBe(
    report.suppressed.primary + report.suppressed.complementary,
  );

  // Attendance by membership status, and skills (which overlap: no total).
  await page.getByLabel('Rows').selectOption('attendance');
  await page.getByLabel('Columns').selectOption('membershipStatus');
  const attendance = expectedFile({ rows: 'attendance', columns: 'membershipStatus', k: 10, onDay: DAY }).file;
  await page.locator('p.file-title', { hasText: attendance.title }).waitFor();
  expect(await previewRows()).toEqual([attendance.header, ...attendance.rows]);
  await page.getByLabel('Rows').selectOption('skill');
  const bySkill = expectedFile({ rows: 'skill', k: 10, onDay: DAY }).file;
  await page.locator('p.file-title', { hasText: bySkill.title }).waitFor();
  expect(await previewRows()).toEqual([bySkill.header, ...bySkill.rows]);

  // k is the chapter's: 20 in the dashboard's settings, and the report hides more.
  await go(page, 'Dashboard');
  await page.getByLabel('Smallest count a report shows (k)').fill('20');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved for everyone in this space.').waitFor();
  await go(page, 'Reports');
  await typeDay(page, 'As of', DAY);
  await page.getByLabel('Rows').selectOption('region');
  await page.getByLabel('Columns').selectOption('ladderStage');
  const k10 = expectedFile({ rows: 'region', columns: 'ladderStage', k: 10, onDay: DAY });
  const k20 = expectedFile({ rows: 'region', columns: 'ladderStage', k: 20, onDay: DAY });
  await page.getByText('Counts under 20 are hidden.').first().waitFor();
  expect(await previewRows()).toEqual([k20.file.header, ...k20.file.rows]);
  expect(k20.report.suppressed.primary).toBeGreaterThan(k10.report.suppressed.primary);

  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await page.getByRole('heading', { name: 'Informes', level: 1 }).waitFor();
  // The report's day in the preview (and the file) as the app writes days in Spanish, not as stored.
  await page.getByTestId('report-preview').getByText('A fecha de 31 may 2025.', { exact: true }).waitFor();
  await shot(page, 'reports-es');
  await expectNoViolations(page, 'reports (es)');
  expect(problems.errors).toEqual([]);
}, 240_000);
