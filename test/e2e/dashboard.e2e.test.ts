/**
 * The dashboard on a sample chapter with two years of history: every figure and every target shows
 * exactly what shared/model computes in Node from the same chapter; a new target and renamed assessments
 * show at once; no axe violation in English or Spanish; screenshots with SCREENSHOT_DIR.
 */
import type { Page } from 'playwright-core';
import { initCrypto } from '../../shared/crypto';
import { useApp } from './fixture';
import { expectNoViolations } from './axe';
import { createVault, go } from './flows';
import { engagementSample, expectedEngagement, SAMPLE_MONTH, tableNumbers } from './engagement-sample';
import { shot } from './screenshots';

const app = useApp();

test('the dashboard’s numbers are shared/model’s, for every figure and target, in English and Spanish', async () => {
  await initCrypto();
  const { page, problems } = await app.open();
  await createVault(page);
  const { space } = await engagementSample(page);
  const e = expectedEngagement(space);

  await go(page, 'Dashboard');
  await page.getByLabel('As of').selectOption(SAMPLE_MONTH);
  await page.getByRole('heading', { name: 'May 2025 at a glance' }).waitFor();

  // Figures over two years: each table equals the model's figures.
  expect(await tableNumbers(page, 'figure-ladder-regions')).toEqual(e.ladderByRegion);
  expect(await tableNumbers(page, 'figure-ladder-months')).toEqual(e.ladderByMonth);
  expect(await tableNumbers(page, 'figure-assessment')).toEqual(e.assessmentByMonth);
  expect(await tableNumbers(page, 'figure-membership')).toEqual(
    e.months.map((_, j) => [e.joined[j], e.lapsed[j], e.renewed[j]]),
  );
  expect(await tableNumbers(page, 'figure-attendance')).toEqual(
    e.months.map((_, j) => [e.events[j], e.checkIns[j], e.people[j]]),
  );
  expect(await tableNumbers(page, 'figure-one-on-ones')).toEqual(e.months.map((_, j) => [e.oneOnOnes[j]]));
  // Two years of change: the figures are not flat.
  expect(e.lapsed.some((n) => n > 0) && e.renewed.some((n) => n > 0)).toBe(true);

  // Each target: this period and its trend.
  const targets = space.targets.all();
  expect(targets.length).toBeGreaterThanOrEqual(5);
  for (const target of targets) {
    const progress = e.progress(target);
    const card = page.getByTestId(`target-${target.id}`);
    const shown = await card.getByTestId('target-current').getAttribute('data-value');
    expect({ target: target.name, current: shown === '' ? undefined : Number(shown) }).toEqual({
      target: target.name,
      current: progress.current,
    });
    expect({ target: target.name, trend: await tableNumbers(page, `target-${target.id}`) }).toEqual({
      target: target.name,
      trend: progress.periods.map((p) => [p.value]),
    });
  }
  // The charts are drawn (recharts, loaded on demand) as they come into view.
  await drawAllCharts(page);
  await shot(page, 'dashboard-en');
  await expectNoViolations(page, 'dashboard (en)');

  // A new target: one-on-ones in one region each month.
  await page.getByRole('button', { name: 'Add a target' }).click();
  const form = page.locator('form.target-form');
  await form.getByLabel('Name').fill('Eastside one-on-ones');
  await form.getByLabel('What it counts').selectOption('one_on_ones');
  await form.getByLabel('Target', { exact: true }).fill('30');
  const region = space.regions.all().sort((a, b) => a.name.localeCompare(b.name))[0]!;
  await form.getByLabel('Region').selectOption(region.id);
  await shot(page, 'dashboard-target-form-en');
  await expectNoViolations(page, 'target form (en)');
  await form.getByRole('button', { name: 'Save' }).click();
  const added = page.getByRole('heading', { name: 'Eastside one-on-ones' });
  await added.waitFor();
  const regionOnes = space.notes
    .all()
    .filter(
      (n) =>
        n.kind === 'one_on_one' &&
        n.date.startsWith(SAMPLE_MONTH) &&
        n.memberId !== undefined &&
        space.members.get(n.memberId)?.regionId === region.id,
    ).length;
  const card = page.locator('.figure', { has: added });
  expect(Number(await card.getByTestId('target-current').getAttribute('data-value'))).toBe(regionOnes);

  // The chapter renames an assessment: the dashboard uses its words.
  await page.getByLabel('Assessment 5', { exact: true }).fill('Ready to lead');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved for everyone in this space.').waitFor();
  await page
    .getByTestId('figure-assessment')
    .getByRole('columnheader', { name: '5 · Ready to lead', includeHidden: true })
    .waitFor({ state: 'attached' });

  // A member's profile shows the histories the trends are counted from, in the chapter's words.
  const changed = space.members
    .all()
    .find((m) => m.assessment === 5 && m.ladderHistory.length > 1 && m.statusHistory.length > 1)!;
  await go(page, 'Roster');
  await page.getByLabel('Search', { exact: true }).fill(`${changed.firstName} ${changed.lastName}`);
  await page.locator(`[data-member-id="${changed.id}"] button.name`).click();
  const ladder = page.getByRole('region', { name: 'Ladder stage history' });
  await ladder.waitFor();
  expect(await ladder.getByRole('listitem').count()).toBe(changed.ladderHistory.length);
  expect(await page.getByRole('region', { name: 'Membership status history' }).getByRole('listitem').count()).toBe(
    changed.statusHistory.length,
  );
  await page
    .getByRole('region', { name: 'Assessment history' })
    .getByText(/5 · Ready to lead/)
    .first()
    .waitFor();
  await shot(page, 'member-histories-en');
  await expectNoViolations(page, 'member histories (en)');
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await page.getByRole('region', { name: 'Historial de etapas de participación' }).waitFor();
  await shot(page, 'member-histories-es');
  await expectNoViolations(page, 'member histories (es)');
  await page.getByLabel('Idioma').first().selectOption('en');
  await go(page, 'Dashboard');
  await page.getByLabel('As of').selectOption(SAMPLE_MONTH);

  // Spanish.
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await page.getByRole('heading', { name: /^Resumen de / }).waitFor();
  await drawAllCharts(page);
  await shot(page, 'dashboard-es');
  await expectNoViolations(page, 'dashboard (es)');
  expect(problems.errors).toEqual([]);
}, 240_000);

/** Scrolls each chart into view and waits until it is drawn, then back to the top. */
async function drawAllCharts(page: Page): Promise<void> {
  for (const chart of await page.locator('.figure .chart').all()) {
    await chart.scrollIntoViewIfNeeded();
    await chart.locator('.recharts-wrapper > svg.recharts-surface').waitFor();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}
