/**
 * Steps at the door shared by the check-in e2e test and the first-sync bench's day of check-ins
 * (test/bench/rows/first-sync-chromium.ts): opening the check-in, checking a member in, and the
 * port a device listens on.
 */
import type { Page } from 'playwright-core';
import { displayName, type Member } from '../../shared/model/member';
import { go } from './flows';

/** Waits until `check` holds (every 100 ms), or throws naming `what`. */
export async function until(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Members whose name (as shown, and as written) no one else has, by id: the door's search finds each
 * one alone.
 */
export function uniquelyNamed(members: readonly Member[]): Member[] {
  const byName = new Map<string, number>();
  const legal = (m: Member) => `${m.firstName} ${m.lastName ?? ''}`.trim();
  for (const m of members) for (const n of new Set([displayName(m), legal(m)])) byName.set(n, (byName.get(n) ?? 0) + 1);
  return members
    .filter((m) => byName.get(displayName(m)) === 1 && byName.get(legal(m)) === 1)
    .sort((x, y) => x.id.localeCompare(y.id));
}

/** At the door: the full name, Enter; the box empties when the check-in is done. */
export async function checkIn(page: Page, m: Member): Promise<void> {
  const box = page.getByLabel('Find a person');
  await box.fill(displayName(m));
  await page.locator(`.checkin-results button.first[data-member-id="${m.id}"]`).waitFor();
  await box.press('Enter');
  await until(async () => (await box.inputValue()) === '', `check-in of ${m.id}`);
}

/**
 * At the door: the full name, then a click on that member among the matches (in a chapter of
 * thousands, a common name may leave them out of the few matches shown: then the box is emptied
 * and false is returned); the box empties when the check-in is done.
 */
export async function checkInByClick(page: Page, m: Member): Promise<boolean> {
  const box = page.getByLabel('Find a person');
  await box.fill(displayName(m));
  const result = page.locator(`.checkin-results button[data-member-id="${m.id}"]`);
  try {
    await result.waitFor({ timeout: 5_000 });
  } catch {
    await box.fill('');
    return false;
  }
  await result.click();
  await until(async () => (await box.inputValue()) === '', `check-in of ${m.id}`);
  return true;
}

/** The port A's device listens on now (Sharing, "Peers nearby"); it changes with what A advertises. */
export async function listeningPort(page: Page): Promise<number> {
  const read = async () =>
    Number(
      /port (\d+)/.exec(
        (await page
          .getByTestId('listening')
          .getByText(/port \d+/)
          .textContent()) ?? '',
      )?.[1],
    );
  // A new listener replaces the old one a moment after what it advertises changed: wait until it holds still.
  let port = await read();
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const again = await read();
    if (again === port) return port;
    port = again;
  }
}

export async function openCheckIn(page: Page): Promise<void> {
  await go(page, 'Meetings');
  await page.getByRole('button', { name: 'Check in at December general meeting' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check-in: December general meeting' }).waitFor();
}
