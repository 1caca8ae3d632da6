import { useApp } from './fixture';
import { addMember, createVault, go, typeDay, unlock } from './flows';

const app = useApp();

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('members, notes and skills survive lock → reload → unlock', async () => {
  const { page, problems } = await app.open();
  await createVault(page);

  await go(page, 'Skills');
  await page.getByLabel('Skill name').fill('Spanish interpretation');
  await page.getByRole('button', { name: 'Add to catalogue' }).click();
  await page.getByRole('rowheader', { name: 'Spanish interpretation' }).waitFor();

  await addMember(page, { first: 'José', last: 'Muñoz', email: 'jose@example.org', phone: '(213) 555-0101' });
  await page.getByRole('button', { name: 'Edit Contact and consent' }).click();
  await page.getByLabel('Do not call').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();

  await page.getByLabel('Skill', { exact: true }).selectOption({ label: 'Spanish interpretation' });
  await page.getByLabel('Level', { exact: true }).selectOption({ label: 'Can teach' });
  await page.getByRole('button', { name: 'Add skill' }).click();
  await page.getByLabel('Level for Spanish interpretation').waitFor();

  await page.getByLabel('What was said').fill('Wants a tenant union in her building.');
  await page.getByLabel('Next step').fill('Invite to the housing meeting');
  await typeDay(page, 'Due', today());
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByText('Wants a tenant union in her building.').waitFor();

  await addMember(page, { first: 'Ana', last: 'Pérez' });
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  await page.reload();
  await unlock(page);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await go(page, 'Roster');
  await page
    .locator('[data-testid="roster-count"][data-count="2"]')
    .waitFor({ timeout: 15_000 })
    .catch(async (e: unknown) => {
      process.stderr.write(
        `roster after unlock: ${await page.getByTestId('roster-count').textContent()}; spaces: ${await page.locator('#space-switcher').innerText()}\n`,
      );
      throw e;
    });
  await page.getByLabel('Search', { exact: true }).fill('jose');
  await page.getByTestId('roster-count').and(page.locator('[data-count="1"]')).waitFor();
  const row = page.getByRole('row').filter({ hasText: 'José Muñoz' });
  await row.getByText('No calls').waitFor();
  await row.getByRole('button', { name: 'José Muñoz', exact: true }).click();

  await page.getByRole('heading', { name: 'José Muñoz', level: 1 }).waitFor();
  await page.getByText('Wants a tenant union in her building.').waitFor();
  expect(await page.getByLabel('Level for Spanish interpretation').inputValue()).toBe('can_teach');
  // The profile reads the consent in words; the form shows the same box ticked.
  await page.getByRole('region', { name: 'Contact and consent' }).getByText('Do not call').waitFor();
  await page.getByRole('button', { name: 'Edit Contact and consent' }).click();
  expect(await page.getByLabel('Do not call').isChecked()).toBe(true);
  await page.keyboard.press('Escape');

  await go(page, 'Notes and follow-ups');
  await page.getByRole('cell', { name: 'Invite to the housing meeting' }).waitFor();
  await go(page, 'Skills');
  await page.getByLabel('Skill', { exact: true }).selectOption({ label: 'Spanish interpretation' });
  await page.getByTestId('teachers').getByText('José Muñoz').waitFor();
  await go(page, 'History');
  await page.getByTestId('history').getByRole('button', { name: 'José Muñoz', exact: true }).first().waitFor();

  // Delete asks first; cancelling keeps the member.
  await go(page, 'Roster');
  await page.getByRole('button', { name: 'Delete Ana Pérez' }).click();
  await page.getByRole('dialog', { name: 'Delete this member?' }).getByRole('button', { name: 'Cancel' }).click();
  expect(await page.getByTestId('roster-count').getAttribute('data-count')).toBe('2');
  await page.getByRole('button', { name: 'Delete Ana Pérez' }).click();
  await page.getByRole('dialog', { name: 'Delete this member?' }).getByRole('button', { name: 'Delete' }).click();
  await page.locator('[data-testid="roster-count"][data-count="1"]').waitFor();
  expect(problems.errors).toEqual([]);
}, 120_000);
