/**
 * A newcomer joining through a link the test can cut (host/cuttable-link.ts): the admin's invite, the
 * newcomer dialling the link, both comparing the safety number, and the newcomer opening the space.
 */
import type { Page } from 'playwright-core';
import { listeningPort } from './checkin-flows';
import { addMember, createVault, go, typeDay, unlock } from './flows';
import { cuttableLink, type CuttableLink } from './host/cuttable-link';
import { openOn } from './host/pages';
import type { TwoHosts } from './host/two-hosts';
import { fillSample } from './sample';

/** Two organizers' apps on the two hosts (1024×720), each with a vault; the first holds the sample chapter of `size`. */
export async function adminWithChapter(setup: TwoHosts, size: number) {
  const a = await openOn(setup.browser, setup.hosts[0]!);
  const b = await openOn(setup.browser, setup.hosts[1]!);
  for (const { page } of [a, b]) await page.setViewportSize({ width: 1024, height: 720 });
  await createVault(a.page);
  await createVault(b.page);
  await (
    await fillSample(a.page, size)
  )();
  return { a, b };
}

/**
 * On `admin`: a restricted note about a new member, dated long ago; at the next unlock retention expires
 * it and compacts the space, so the admin's device then holds a signed checkpoint (with the roster's index).
 */
export async function compactThroughRetention(admin: Page, note: string, timeout = 120_000): Promise<void> {
  await addMember(admin, { first: 'Ximena', last: 'Oduya' });
  await typeDay(admin, 'Date', '2020-01-15');
  await admin.getByLabel('Sensitivity').selectOption('restricted');
  await admin.getByLabel('What was said').fill(note);
  await admin.getByRole('button', { name: 'Save note' }).click();
  await admin.getByText('Note saved.').waitFor();
  await admin.getByRole('button', { name: 'Lock' }).click();
  await admin.getByRole('heading', { name: 'Unlock' }).waitFor({ timeout });
  await unlock(admin);
  await admin.getByRole('heading', { name: 'Today', level: 1 }).waitFor({ timeout });
  await go(admin, 'History');
  await admin.getByText(/^Earlier changes were compacted on /).waitFor({ timeout });
}

/**
 * On `admin`: an editor's invite; on `newcomer` (a vault already made): the code and the link's address,
 * both say yes, and the newcomer opens the space (it may still be arriving). Returns the link (`link`: how it
 * is made, e.g. slowed).
 */
export async function joinThroughLink(
  admin: Page,
  newcomer: Page,
  link: Parameters<typeof cuttableLink>[1] = {},
): Promise<CuttableLink> {
  await go(admin, 'Sharing');
  await admin.getByLabel('Role', { exact: true }).selectOption('editor');
  await admin.getByRole('button', { name: 'Create invite code' }).click();
  const code = (await admin.getByTestId('invite-code').textContent()) ?? '';
  const relay = await cuttableLink(await listeningPort(admin), link);
  await go(newcomer, 'Spaces');
  await newcomer.getByLabel('Invite code', { exact: true }).fill(code);
  await newcomer.getByLabel("Admin's address (host:port)").fill(`127.0.0.1:${relay.port}`);
  await newcomer.getByRole('button', { name: 'Connect to this address' }).click();
  const confirm = admin.getByRole('dialog', { name: 'A device asks to join' });
  await confirm.waitFor({ timeout: 60_000 });
  await confirm.getByRole('button', { name: 'The numbers match: let them in' }).click();
  await newcomer.getByRole('button', { name: 'The numbers match: join My chapter' }).click();
  await newcomer.getByRole('button', { name: 'Open the space' }).click({ timeout: 60_000 });
  return relay;
}
