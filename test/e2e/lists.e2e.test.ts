/**
 * A list made from a filtered roster, worked through one member at a time with outcomes, a member who
 * says "don't call" while the list is worked, the list's CSV and call sheet, and bulk actions on a
 * selection; no axe violation on any of these screens in English or Spanish.
 */
import { initCrypto } from '../../shared/crypto';
import { displayName } from '../../shared/model/member';
import { reachableBy } from '../../shared/model/list';
import { useApp } from './fixture';
import { expectNoViolations } from './axe';
import { createVault, go, typeDay } from './flows';
import { engagementSample } from './engagement-sample';
import { pdfText, savedFile } from './files';
import { expectedRows } from './sample';
import { shot } from './screenshots';

const app = useApp();

test('a call list from a filtered roster, worked through with outcomes, honouring consent at every step', async () => {
  await initCrypto();
  const { page, problems } = await app.open();
  await createVault(page);
  const chapter = await engagementSample(page);
  const { space } = chapter;
  const region = space.regions.all().sort((a, b) => a.name.localeCompare(b.name))[1]!;
  const filters = { regionIds: [region.id], ladderStages: ['leader' as const] };
  const shown = expectedRows(chapter, '', filters).map((id) => space.members.get(id)!);
  const callable = shown.filter((m) => reachableBy(m, 'call'));

  // The roster, filtered: "Make a list" offers only those who may be called.
  const filterBox = page.getByRole('group', { name: 'Filters' });
  await filterBox.getByLabel('Region', { exact: true }).selectOption(region.id);
  await filterBox.getByLabel('Ladder stage').selectOption('leader');
  await page.locator(`[data-testid="roster-count"][data-count="${shown.length}"]`).waitFor();
  await page.getByRole('button', { name: `Make a list (${shown.length})` }).click();
  const dialog = page.getByRole('dialog', { name: 'Make a list' });
  await dialog.getByLabel('Name of the list').fill('Saturday action calls');
  await dialog.getByLabel('Assign to organizer').fill('Rosa');
  expect(await dialog.getByTestId('make-list-left-out').textContent()).toContain(
    `${shown.length - callable.length} left out`,
  );
  await shot(page, 'lists-make-en');
  await expectNoViolations(page, 'make a list (en)');
  await dialog.getByRole('button', { name: `Make the list (${callable.length} members)` }).click();

  // The list: everyone still to reach, in the roster's order.
  await page.getByRole('heading', { level: 1, name: 'Saturday action calls' }).waitFor();
  const progress = page.getByTestId('list-progress').first();
  expect(await progress.getAttribute('data-open')).toBe(String(callable.length));
  await shot(page, 'lists-detail-en');
  await expectNoViolations(page, 'list (en)');

  // Work through it: reached, left a message, skip one, follow up.
  await page.getByRole('button', { name: 'Work through the list' }).click();
  const card = page.locator('.work-member');
  const current = async () => (await card.getAttribute('data-member-id'))!;
  const record = async (outcome: string, note = '') => {
    await page.getByRole('radio', { name: outcome }).check();
    if (note) await page.getByLabel('Note (optional)').fill(note);
    if (outcome === 'Follow up') await typeDay(page, 'Follow up by', '2025-06-15');
    await page.getByRole('button', { name: 'Save and go to the next' }).click();
  };
  expect(await current()).toBe(callable[0]!.id);
  expect(await page.getByTestId('work-phone').textContent()).toBe(callable[0]!.phones.join(' · '));
  await shot(page, 'lists-work-en');
  await expectNoViolations(page, 'work a list (en)');
  await record('Reached', 'Coming to the Saturday action');
  await page.getByText(`Saved for ${displayName(callable[0]!)}: Reached.`).waitFor();
  expect(await current()).toBe(callable[1]!.id);
  await record('Left a message');
  expect(await current()).toBe(callable[2]!.id);
  await page.getByRole('button', { name: 'Skip for now' }).click();
  expect(await current()).toBe(callable[3]!.id);
  await record('Follow up');
  await page.locator(`[data-testid="list-progress"][data-done="3"]`).waitFor();
  expect(await page.getByTestId('outcome-reached').textContent()).toBe('1');
  expect(await page.getByTestId('outcome-follow_up').textContent()).toBe('1');

  // The member shown now says "don't call me": the list leaves them out from then on.
  const saysNo = callable[4]!;
  expect(await current()).toBe(saysNo.id);
  await page.getByRole('button', { name: 'Open profile' }).click();
  await page.getByRole('button', { name: 'Edit Contact and consent' }).click();
  await page.getByRole('checkbox', { name: 'Do not call', exact: true }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  await go(page, 'Lists');
  await page.getByRole('button', { name: 'Saturday action calls' }).click();
  await page.getByText('1 left out').waitFor();
  const open = callable.length - 3 - 1;
  expect(await page.getByTestId('list-progress').getAttribute('data-open')).toBe(String(open));

  // The outcome is a note on the member.
  await page.getByRole('button', { name: displayName(callable[0]!) }).click();
  await page.getByText('Coming to the Saturday action').waitFor();
  await go(page, 'Lists');
  await page.getByRole('button', { name: 'Saturday action calls' }).click();

  // CSV and call sheet: the members still to reach, never the one who said no.
  const csv = await savedFile(page, page.getByRole('button', { name: /^Save CSV/ }));
  const lines = csv.bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines).toHaveLength(open + 1);
  expect(lines[0]).toBe('actionkit_id,first_name,last_name,best_phone,zip,membership_status');
  const csvText = csv.bytes.toString('utf8');
  expect(csvText).not.toContain(saysNo.phones[0]!);
  expect(csvText).not.toContain(callable[0]!.phones[0]!); // reached: no longer to reach
  expect(csvText).toContain(callable[2]!.phones[0]!); // skipped: still to reach
  const pdf = await savedFile(page, page.getByRole('button', { name: /^Save call sheet/ }));
  expect(pdf.name).toBe('Saturday-action-calls.pdf');
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const sheet = pdfText(pdf.bytes);
  expect(sheet).toContain('Saturday action calls');
  expect(sheet).toContain(callable[2]!.phones[0]!);
  expect(sheet).not.toContain(saysNo.phones[0]!);
  expect(sheet).not.toContain(callable[0]!.phones[0]!);

  // Spanish: the list, working it, the lists page.
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await page.getByRole('button', { name: 'Recorrer la lista' }).waitFor();
  // Where the list came from reads in the reader's language, not in the one it was made in.
  await page.getByText('hecha desde los filtros de la lista de miembros').waitFor();
  await shot(page, 'lists-detail-es');
  await expectNoViolations(page, 'list (es)');
  await page.getByRole('button', { name: 'Recorrer la lista' }).click();
  await page.getByRole('group', { name: '¿Qué pasó?' }).waitFor();
  await shot(page, 'lists-work-es');
  await expectNoViolations(page, 'work a list (es)');
  await go(page, 'Listas');
  await shot(page, 'lists-es');
  await expectNoViolations(page, 'lists (es)');
  await page.getByLabel('Idioma').first().selectOption('en');
  await go(page, 'Lists');
  await expectNoViolations(page, 'lists (en)');
  await shot(page, 'lists-en');
  expect(problems.errors).toEqual([]);
}, 300_000);

test('bulk actions on a roster selection: tag, add to a group, assign an organizer', async () => {
  await initCrypto();
  const { page, problems } = await app.open();
  await createVault(page);
  const chapter = await engagementSample(page);
  const first = expectedRows(chapter, '', {})
    .slice(0, 3)
    .map((id) => chapter.space.members.get(id)!);
  for (const m of first) await page.getByRole('checkbox', { name: `Select ${displayName(m)}`, exact: true }).check();
  const bulk = page.getByRole('group', { name: /3 members selected/ });
  await bulk.getByLabel('Tag').fill('phonebank');
  await bulk.getByRole('button', { name: 'Add the tag' }).click();
  await bulk.getByText('Tagged 3 members “phonebank”.').waitFor();
  const group = chapter.space.groups.all()[0]!;
  await bulk.getByLabel('Working group').selectOption(group.id);
  await bulk.getByRole('button', { name: 'Add to the group' }).click();
  await bulk.getByText(`Added 3 members to ${group.name}.`).waitFor();
  await bulk.getByLabel('Organizer').fill('Rosa');
  await bulk.getByRole('button', { name: 'Assign' }).click();
  await bulk.getByText('Assigned 3 members to Rosa.').waitFor();
  await shot(page, 'roster-selection-en');
  await expectNoViolations(page, 'roster with a selection (en)');

  // The roster's own filters find exactly them.
  await bulk.getByRole('button', { name: 'Clear the selection' }).click();
  const filterBox = page.getByRole('group', { name: 'Filters' });
  await filterBox.getByLabel('Tag', { exact: true }).selectOption('phonebank');
  await page.locator('[data-testid="roster-count"][data-count="3"]').waitFor();
  await filterBox.getByLabel('Working group').selectOption(group.id);
  await page.locator('[data-testid="roster-count"][data-count="3"]').waitFor();
  await page.getByRole('checkbox', { name: 'Select all 3 members shown' }).check();
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await page.getByRole('group', { name: /3 miembros seleccionados/ }).waitFor();
  await shot(page, 'roster-selection-es');
  await expectNoViolations(page, 'roster with a selection (es)');
  expect(problems.errors).toEqual([]);
}, 240_000);
