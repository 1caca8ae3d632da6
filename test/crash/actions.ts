/**
 * What the crash harness does in the app, the way an organizer does it (labels and roles), and
 * what it reads off the screen: above all, when the screen claims a change is saved.
 */
import type { Page } from 'playwright-core';
import { go } from '../e2e/flows';

export const SAVED = '[data-testid="save-state"][data-state="saved"]';

/** The screen the app opened on. */
export type Landing = 'first-run' | 'lost' | 'locked';

export async function landing(page: Page, timeout = 60_000): Promise<Landing> {
  const first = page.getByRole('heading', { name: 'Create your vault', level: 1 });
  const lost = page.getByRole('heading', { name: 'Your vault needs to be restored', level: 1 });
  const locked = page.getByRole('heading', { name: 'Unlock', level: 1 });
  await first.or(lost).or(locked).first().waitFor({ timeout });
  if (await lost.count()) return 'lost';
  if (await first.count()) return 'first-run';
  return 'locked';
}

export async function createVault(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByTestId('recovery-key').waitFor({ timeout: 60_000 });
  await page.getByLabel('I have stored the recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  // The guided first run comes once, after creating; the soak goes on from Today.
  await page.getByRole('button', { name: 'Not now: go to Today' }).click({ timeout: 60_000 });
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor({ timeout: 60_000 });
}

export async function restoreFromBackup(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Restore my vault' }).click();
  await page.getByTestId('restored').waitFor({ timeout: 120_000 });
}

/** What an unlock attempt came to. */
export type UnlockOutcome = { opened: string } | { opened: null; damaged: boolean };

/**
 * Tries each passphrase in turn. `damaged`: the screen said the store cannot be read (it offers to
 * restore it from the backup copy). Any other refusal is thrown with the words the screen showed.
 */
export async function unlockWithAny(page: Page, passphrases: readonly string[]): Promise<UnlockOutcome> {
  for (const passphrase of passphrases) {
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const opened = page.getByRole('navigation');
    const refused = page.getByRole('alert');
    await opened.or(refused).first().waitFor({ timeout: 120_000 });
    if (await opened.count()) return { opened: passphrase };
    if (await page.getByRole('button', { name: 'Restore this vault from its backup copy…' }).count()) {
      return { opened: null, damaged: true };
    }
    const said = (await refused.first().textContent()) ?? '';
    if (!said.includes('That passphrase is not right')) throw new Error(`unlock refused: ${said}`);
  }
  return { opened: null, damaged: false };
}

/** The unlock screen's offer for a store that cannot be read: to the recovery screen, then restore. */
export async function restoreDamaged(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Restore this vault from its backup copy…' }).click();
  await page.getByRole('heading', { name: 'Your vault needs to be restored', level: 1 }).waitFor({ timeout: 60_000 });
  await restoreFromBackup(page);
}

/** The roster's member count as the screen shows it (the first space). */
export async function rosterCount(page: Page): Promise<number> {
  await go(page, 'Roster');
  const count = page.locator('[data-testid="roster-count"]');
  await count.waitFor({ timeout: 60_000 });
  return Number(await count.getAttribute('data-count'));
}

/** Adds a member through the dialog; resolves once the new member's profile is on screen. */
export async function addMember(page: Page, first: string, last: string): Promise<void> {
  await go(page, 'Roster');
  await page.getByRole('button', { name: 'Add member' }).click();
  const dialog = page.getByRole('dialog', { name: 'New member' });
  await dialog.getByLabel('First name').fill(first);
  await dialog.getByLabel('Last name').fill(last);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(first) }).waitFor({ timeout: 30_000 });
}

/** Resolves once the top bar says every change is saved. */
export async function untilSaved(page: Page, timeout = 30_000): Promise<void> {
  await page.locator(SAVED).waitFor({ timeout });
}

/** Chooses `file` in the import dialog (queued on the host) and applies the plan; resolves when it says done. */
export async function importList(page: Page, choose: () => void): Promise<'applied' | 'nothing'> {
  await go(page, 'Import and export');
  choose();
  await page.getByRole('button', { name: 'Choose a CSV file…' }).click();
  const apply = page.getByRole('button', { name: 'Apply import' });
  const nothing = page.getByText('This file changes nothing');
  await apply.or(nothing).first().waitFor({ timeout: 60_000 });
  if (await nothing.count()) return 'nothing';
  await apply.click();
  await page.getByText(/^Imported: \d+ new members/).waitFor({ timeout: 120_000 });
  return 'applied';
}

/** A new space, opened, filled with `size` sample members; resolves once the app says they were created. */
export async function sampleSpace(page: Page, name: string, size: number): Promise<void> {
  await go(page, 'Spaces');
  await page.getByLabel('Name of the new space').fill(name);
  await page.getByRole('button', { name: 'Create space' }).click();
  await page
    .getByRole('listitem')
    .filter({ hasText: name })
    .filter({ hasText: 'open now' })
    .waitFor({ timeout: 30_000 });
  await go(page, 'Settings');
  await page.getByLabel('Members', { exact: true }).selectOption(String(size));
  await page.getByRole('button', { name: 'Create sample members' }).click();
  await page.getByText(`${size.toLocaleString('en')} sample members created.`).waitFor({ timeout: 60_000 });
}

/** Clicks Lock; resolves once the lock screen says the changes are saved, or the unlock form is up. */
export async function lock(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page
    .locator('[data-testid="locking"][data-saved="true"]')
    .or(page.getByRole('heading', { name: 'Unlock', level: 1 }))
    .first()
    .waitFor({ timeout: 60_000 });
}

export type Replace = 'passphrase' | 'recovery' | 'master';

/**
 * Settings → Passphrase. `started` is called once the form is submitted (from then on either
 * passphrase may be the one that opens the vault). Resolves when the app says it is done.
 */
export async function changePassphrase(
  page: Page,
  current: string,
  next: string,
  replace: Replace,
  started: () => void,
): Promise<void> {
  await go(page, 'Settings');
  await page.getByLabel('Current passphrase').fill(current);
  await page.getByLabel('New passphrase').fill(next);
  await page.getByLabel('Type the passphrase again').fill(next);
  const choice = {
    passphrase: 'Only the passphrase',
    recovery: 'The passphrase and the recovery key',
    master: 'The passphrase, the recovery key and the master key',
  }[replace];
  await page.getByLabel(choice).check();
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  started();
  if (replace !== 'passphrase') {
    await page.getByTestId('recovery-key').waitFor({ timeout: 60_000 });
    await page.getByLabel('I have stored the recovery key somewhere safe').check();
    await page.getByRole('button', { name: 'I stored it: change now' }).click();
  }
  if (replace === 'master') {
    await page.getByText('Your passphrase and keys were changed').waitFor({ timeout: 120_000 });
  } else {
    await page.getByText(/^Your passphrase (and recovery key )?(was|were) changed\.$/).waitFor({ timeout: 60_000 });
  }
}
