/**
 * An empty status line takes no room (renderer/components/StatusLine.tsx, base.css): the screen is laid out
 * as if it were not there. Yet it is in the page and in Chromium's accessibility tree before anything is said,
 * so a screen reader announces the message that comes into it; with words in it, it takes its line.
 */
import type { Page } from 'playwright-core';
import { useApp } from './fixture';
import { addMember, createVault, go } from './flows';
import { savedFile } from './files';

const app = useApp();

/** How much shorter the status line's panel gets when the status line is taken out of the page. */
async function roomTaken(page: Page): Promise<number> {
  return page.evaluate(() => {
    const status = (window as unknown as { status_: HTMLElement }).status_;
    const panel = status.closest('.panel')!;
    const before = panel.getBoundingClientRect().height;
    const parent = status.parentElement!;
    const at = status.nextSibling;
    status.remove();
    const after = panel.getBoundingClientRect().height;
    parent.insertBefore(status, at);
    return before - after;
  });
}

/** Whether Chromium's accessibility tree holds the status line as a live region (not left out as empty). */
async function inAccessibilityTree(page: Page): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await page.evaluate(() => (window as unknown as { status_: HTMLElement }).status_.setAttribute('data-probe', ''));
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-probe]' });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes[0];
    const live = node?.properties?.find((p) => p.name === 'live')?.value.value;
    return node !== undefined && !node.ignored && node.role?.value === 'status' && live === 'polite';
  } finally {
    await page.evaluate(() => (window as unknown as { status_: HTMLElement }).status_.removeAttribute('data-probe'));
    await cdp.detach();
  }
}

test('an empty status line takes no room but is a live region already; the message that comes takes its line', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await addMember(page, { first: 'Ana', last: 'Ruiz', phone: '213-555-0100' });
  await go(page, 'Import and export');
  const panel = page.getByRole('region', { name: 'Export a list' });
  const status = panel.getByRole('status');
  expect(await status.textContent()).toBe('');
  await status.evaluate((el: HTMLElement) => ((window as unknown as { status_: HTMLElement }).status_ = el));

  expect(await roomTaken(page)).toBe(0);
  expect(await inAccessibilityTree(page)).toBe(true);

  await savedFile(page, panel.getByRole('button', { name: /^Export CSV/ }));
  await panel.getByText('Saved a list of 1 member.').waitFor();
  // The very element that was in the tree got the words: what a screen reader announces.
  expect(await status.evaluate((el) => el === (window as unknown as { status_: HTMLElement }).status_)).toBe(true);
  expect(await status.textContent()).toBe('Saved a list of 1 member.');
  expect(await roomTaken(page)).toBeGreaterThan(10);
  expect(await inAccessibilityTree(page)).toBe(true);
  expect(problems.errors).toEqual([]);
}, 120_000);
