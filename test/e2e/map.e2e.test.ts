/**
 * The membership map in Chromium, production build. A new chapter makes its regions in the app,
 * imports the national list (members are placed by ZIP code), fixes the members with no region in
 * one click, and reads the map: its counts are shared/model's for the same filters, measure and
 * saved view (computed in Node from the same regions and file); Enter on a region opens the roster
 * filtered to it; axe finds nothing on the map with its table; not one request leaves the app's
 * origin (the geography comes from the app's own chunks). A 1,000-member sample chapter then
 * checks the measures an organizer plans with ("who can host, by region", "needs childcare, by
 * ZIP"). With SCREENSHOT_DIR set, each screen is saved there in English and Spanish.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { applyImport, parseNationalList, planImport } from '../../shared/csv';
import {
  addZipsToRegion,
  createRegion,
  filterMembers,
  regionTable,
  SpaceData,
  withoutRegion,
  type MemberFilters,
  type PlaceKind,
} from '../../shared/model';
import { nationalList } from '../shared/csv/national-list-generator';
import { expectNoViolations } from './axe';
import { useApp } from './fixture';
import { createVault, go } from './flows';
import { fillSample, sampleChapter } from './sample';
import { shot } from './screenshots';
import { chooseFile } from './files';

const app = useApp();
const dir = mkdtempSync(join(tmpdir(), 'map-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 300;
const REGIONS = [
  {
    name: 'South',
    branch: 'South branch',
    zips: '90001, 90002, 90003, 90004, 90005, 90006, 90007, 90008, 90009, 90010',
  },
  // Pasted from a spreadsheet: one per line, one with its +4.
  {
    name: 'Central',
    branch: '',
    zips: ['90011', '90012', '90013', '90014', '90015-1234', '90016', '90017', '90018', '90019', '90020'].join('\n'),
  },
];

/** The same chapter in Node: the same regions, the same file, the same fix. */
function expectedChapter(): SpaceData {
  let n = 0;
  const space = new SpaceData(new Y.Doc(), 'node', { newId: () => `id${n++}` });
  for (const r of REGIONS) createRegion(space, { name: r.name, branch: r.branch, zipText: r.zips });
  applyImport(space, planImport(space, parseNationalList(nationalList(ROWS, 1))));
  return space;
}

/** The map's table as place label → count (the exact count, also where the screen says "fewer than 3"). */
async function mapTable(page: Page): Promise<Record<string, number>> {
  await page.getByTestId('map-table').waitFor();
  return page.$$eval('[data-testid="map-table"] tbody tr', (rows) =>
    Object.fromEntries(
      rows.map((r) => [r.querySelector('th')?.textContent?.trim() ?? '', Number(r.getAttribute('data-count'))]),
    ),
  );
}

/**
 * The roster's own query (filterMembers) for the same filters, the measure written as the roster
 * filter it means, grouped by region name or ZIP as the table labels its rows.
 */
function modelTable(space: SpaceData, filters: MemberFilters, by: PlaceKind): Record<string, number> {
  const names = new Map(space.regions.all().map((r) => [r.id, r.name]));
  const out: Record<string, number> = {};
  if (by === 'region') for (const r of space.regions.all()) out[r.name] = 0;
  for (const m of filterMembers(space.members.all(), filters, space.memberSkills.all())) {
    const key =
      by === 'region'
        ? m.regionId === undefined
          ? 'No region'
          : names.get(m.regionId)!
        : (m.zip?.slice(0, 5) ?? 'No ZIP code');
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function svgCounts(page: Page): Promise<number[]> {
  return page.$$eval('[data-testid="map"] [data-place]', (gs) => gs.map((g) => Number(g.getAttribute('data-count'))));
}

test('regions made in the app, the national list imported and placed; the map counts what the model counts', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await go(page, 'Map and regions');
  await page.getByText(/^Nothing to map yet/).waitFor();
  await expectNoViolations(page, 'map (empty chapter)');
  await shot(page, 'map-empty-en');

  // Regions typed and pasted in the app.
  await page.getByRole('button', { name: 'Regions and branches' }).click();
  await page.getByText(/^No regions yet/).waitFor();
  await expectNoViolations(page, 'regions (empty chapter)');
  await shot(page, 'regions-empty-en');
  for (const r of REGIONS) {
    await page.getByRole('button', { name: 'New region' }).click();
    const form = page.getByRole('form', { name: 'New region' });
    await form.getByLabel('Name', { exact: true }).fill(r.name);
    await form.getByLabel('Branch', { exact: true }).fill(r.branch);
    await form.getByLabel('ZIP codes', { exact: true }).fill(r.zips);
    await form.getByText('10 ZIP codes.', { exact: false }).waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`${r.name} was saved: 0 members in it.`).waitFor();
  }

  // The national list: every member whose ZIP is in a region gets that region.
  const file = join(dir, 'national.csv');
  writeFileSync(file, nationalList(ROWS, 1));
  await go(page, 'Import and export');
  await chooseFile(page, 'CSV file from national', file);
  await page.getByRole('button', { name: 'Apply import' }).click();
  await page.getByText(new RegExp(`^Imported: ${ROWS} new members`)).waitFor({ timeout: 60_000 });

  const space = expectedChapter();
  const unplaced = withoutRegion(space.members.all());
  expect(unplaced.members.length).toBe(ROWS - 20 * 4); // 90001–90020 appear 4 times each in 300 rows
  await go(page, 'Map and regions');
  await page.getByRole('button', { name: 'Regions and branches' }).click();
  await page.getByText(`${unplaced.members.length} members have no region.`).waitFor();

  // The one-click fix: the first ZIP listed joins Central, and its members with it.
  const first = unplaced.zips[0]!;
  await page.getByLabel(`Region for ZIP code ${first.zip}`).selectOption({ label: 'Central' });
  await page.getByRole('button', { name: `Add ${first.zip}` }).click();
  await page.getByText(`${first.zip} was added to Central: ${first.count} members joined it.`).waitFor();
  addZipsToRegion(space, space.regions.all().find((r) => r.name === 'Central')!.id, [first.zip]);
  await page.getByText(`${unplaced.members.length - first.count} members have no region.`).waitFor();
  await expectNoViolations(page, 'regions');
  await shot(page, 'regions-en');

  // The map, by region: the table and the map hold the model's counts.
  await page.getByRole('button', { name: 'Membership map' }).click();
  await page.getByTestId('map').waitFor({ timeout: 30_000 });
  expect(await mapTable(page)).toEqual(modelTable(space, {}, 'region'));
  expect((await svgCounts(page)).sort()).toEqual(
    Object.entries(modelTable(space, {}, 'region'))
      .filter(([k]) => k !== 'No region')
      .map(([, n]) => n)
      .sort(),
  );
  await expectNoViolations(page, 'map by region, with its table');
  await shot(page, 'map-regions-en');

  // A filter and a measure, by ZIP code.
  const filters: MemberFilters = { membershipStatuses: ['member'] };
  await page.getByLabel('Membership status').selectOption({ label: 'Member' });
  await page.getByLabel('Colour by').selectOption({ label: 'In good standing' });
  await page.getByLabel('ZIP code', { exact: true }).first().check();
  await page.getByTestId('map-total').and(page.locator('[data-count="0"]')).waitFor();
  await page.getByLabel('Colour by').selectOption({ label: 'Members' });
  const byZip = modelTable(space, filters, 'zip');
  await page
    .locator(`[data-testid="map-total"][data-count="${filterMembers(space.members.all(), filters).length}"]`)
    .waitFor();
  expect(await mapTable(page)).toEqual(byZip);
  // By ZIP, fewer than 3 is said, not counted.
  const few = Object.entries(byZip).find(([, n]) => n > 0 && n < 3);
  if (few)
    await page.locator(`[data-testid="map-table"] tr[data-place="${few[0]}"]`).getByText('Fewer than 3').waitFor();
  await expectNoViolations(page, 'map by ZIP, filtered');
  await shot(page, 'map-zips-en');

  // A saved roster view drives the map too.
  await go(page, 'Roster');
  await page.getByLabel('Membership status').selectOption({ label: 'In good standing' });
  await page.getByLabel('Name for this view').fill('Good standing');
  await page.getByRole('button', { name: 'Save view' }).click();
  await go(page, 'Map and regions');
  await page.getByLabel('Saved views').selectOption({ label: 'Good standing' });
  const goodStanding: MemberFilters = { membershipStatuses: ['good_standing'] };
  const expected = modelTable(space, goodStanding, 'region');
  await page
    .locator(`[data-testid="map-total"][data-count="${filterMembers(space.members.all(), goodStanding).length}"]`)
    .waitFor();
  expect(await mapTable(page)).toEqual(expected);

  // Enter on a region of the map opens the roster filtered to it (and to the view's filters).
  await page.locator('[data-testid="map"] [role="button"][aria-label^="South:"]').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Roster', level: 1 }).waitFor();
  await page.locator(`[data-testid="roster-count"][data-count="${expected.South}"]`).waitFor();

  // In Spanish, the same screen passes axe too.
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await go(page, 'Mapa y regiones');
  await page.getByTestId('map').waitFor();
  await expectNoViolations(page, 'map (es)');
  await shot(page, 'map-regions-es');
  await page.getByRole('button', { name: 'Regiones y ramas' }).click();
  await expectNoViolations(page, 'regions (es)');
  await shot(page, 'regions-es');

  // Not one request left the app: the map's geography came from its own origin, in its own chunks.
  const origin = new URL(page.url()).origin;
  expect(problems.requests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
  expect(problems.requests.some((u) => u.includes('/assets/key-value-'))).toBe(true);
  expect(problems.requests.some((u) => u.includes('/assets/outlines-'))).toBe(true);
  expect(problems.errors).toEqual([]);
}, 240_000);

test('a sample chapter: who can host, by region; who needs childcare, by ZIP; needs and resources by region', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  const size = 1000;
  const wait = await fillSample(page, size);
  const { space } = sampleChapter(size);
  await wait();
  await go(page, 'Map and regions');
  await page.getByTestId('map').waitFor({ timeout: 30_000 });

  await page.getByLabel('Colour by').selectOption({ label: 'Can host' });
  const host = modelTable(space, { resources: ['can_host'] }, 'region');
  await page
    .locator(
      `[data-testid="map-total"][data-count="${filterMembers(space.members.all(), { resources: ['can_host'] }).length}"]`,
    )
    .waitFor();
  expect(await mapTable(page)).toEqual(host);

  await page.getByLabel('Colour by').selectOption({ label: 'Childcare' });
  await page.getByLabel('ZIP code', { exact: true }).first().check();
  const childcare = modelTable(space, { needs: ['childcare'] }, 'zip');
  await page
    .locator(
      `[data-testid="map-total"][data-count="${filterMembers(space.members.all(), { needs: ['childcare'] }).length}"]`,
    )
    .waitFor();
  expect(await mapTable(page)).toEqual(childcare);
  await expectNoViolations(page, 'map, needs childcare by ZIP');
  await shot(page, 'map-sample-childcare-en');

  await page.getByRole('button', { name: 'Needs and resources' }).click();
  const table = page.getByTestId('region-table');
  await table.waitFor();
  const central = space.regions.all().find((r) => r.name === 'Central')!;
  const inCentral = space.members.all().filter((m) => m.regionId === central.id);
  const row = table.locator('tbody tr', { has: page.getByRole('button', { name: 'Central', exact: true }) });
  const cells = await row.locator('td').allTextContents();
  expect(cells.slice(0, 2)).toEqual([
    String(inCentral.length),
    String(inCentral.filter((m) => ['active', 'leader', 'organizer'].includes(m.ladderStage ?? '')).length),
  ]);
  // Can teach, beside them: the five skills most members there can teach, the rest counted.
  const teach = regionTable(space.members.all(), space.regions.all(), space.memberSkills.all()).find(
    (r) => r.regionId === central.id,
  )!.teachable;
  const names = new Map(space.skills.all().map((s) => [s.id, s.name]));
  const [skillId, most] = [...teach].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
  expect(cells[2]!.split(', ')[0]).toBe(`${names.get(skillId)} (${most})`);
  if (teach.size > 6) expect(cells[2]).toContain(` and ${teach.size - 5} more skills`);
  await expectNoViolations(page, 'needs and resources');
  await shot(page, 'needs-en');
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await page
    .getByTestId('region-table')
    .getByText(/^Puede enseñar$/)
    .waitFor();
  await expectNoViolations(page, 'needs and resources (es)');
  await shot(page, 'needs-es');
  await page.getByRole('button', { name: 'Mapa de miembros' }).click();
  await page.getByTestId('map').waitFor();
  await shot(page, 'map-sample-es');
  expect(problems.errors).toEqual([]);
}, 240_000);
