/**
 * A newcomer joining through a link the test can cut (host/cuttable-link.ts): the admin's invite, the
 * newcomer dialling the link, both comparing the safety number, and the newcomer opening the space.
 */
import type { Page } from 'playwright-core';
import { listeningPort } from './checkin-flows';
import { go } from './flows';
import { cuttableLink, type CuttableLink } from './host/cuttable-link';

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
