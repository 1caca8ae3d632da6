/**
 * Notes and History on a chapter with 50,000 open follow-ups and over a hundred
 * signed changes: only the rows in view are in the DOM, the count says the
 * full number, the row group says the full size to screen readers
 * (aria-rowcount), and the keyboard scrolls to the last row and reaches the
 * row controls. The time to open Notes is printed.
 */
import type { Page } from 'playwright-core';
import { useApp } from './fixture';
import { createVault, go } from './flows';

const app = useApp();
const NOTES = 50_000;
const CHANGES = 120;

/**
 * The test reaches the running app's space through React's devtools hook (as
 * React DevTools does): the only way to write 50,000 notes and over a hundred
 * separate signed changes in seconds, without a test-only door in the app.
 */
async function installRootsHook(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    const roots = new Set<unknown>();
    Object.assign(window, {
      __testRoots: roots,
      __REACT_DEVTOOLS_GLOBAL_HOOK__: {
        supportsFiber: true,
        isDisabled: false,
        renderers: new Map(),
        inject: () => 1,
        onCommitFiberRoot: (_id: number, root: unknown) => roots.add(root),
        onCommitFiberUnmount: () => undefined,
        onPostCommitFiberRoot: () => undefined,
        checkDCE: () => undefined,
      },
    });
  });
  await page.reload();
  await page.waitForSelector('[data-app-ready]');
}

/** Adds `count` open follow-ups in one change; the last one has the latest due date and is not mine. */
async function addFollowUps(page: Page, count: number): Promise<void> {
  await page.evaluate((n) => {
    type Fiber = { memoizedProps?: Record<string, unknown>; child?: Fiber; sibling?: Fiber };
    interface Space {
      data: {
        transact(fn: () => void): void;
        members: { all(): { id: string }[] };
        notes: { create(input: Record<string, unknown>): string };
      };
    }
    let space: Space | undefined;
    const visit = (f: Fiber | undefined): void => {
      for (; f && !space; f = f.sibling) {
        const value = f.memoizedProps?.value as Partial<Space> | undefined;
        if (value?.data?.notes && 'spaceId' in value) space = value as Space;
        visit(f.child);
      }
    };
    for (const root of (window as unknown as { __testRoots: Set<{ current: Fiber }> }).__testRoots) visit(root.current);
    if (!space) throw new Error('no space in the React tree');
    const { data } = space;
    const members = data.members.all();
    data.transact(() => {
      for (let i = 0; i < n; i++) {
        const last = i === n - 1;
        data.notes.create({
          kind: 'call',
          memberId: members[i % members.length]!.id,
          date: '2024-01-01',
          nextStep: last ? 'The very last step' : `Call back about the rent strike (${i})`,
          dueDate: last ? '2025-12-31' : '2024-02-01',
          ...(last ? { assignedOrganizer: 'Marta' } : {}),
        });
      }
    });
  }, count);
}

/** Makes `count` separate signed changes: one edit, then the pending change is written, each time. */
async function addChanges(page: Page, count: number): Promise<void> {
  await page.evaluate(async (n) => {
    type Fiber = { memoizedProps?: Record<string, unknown>; child?: Fiber; sibling?: Fiber };
    interface Found {
      data?: { notes: { create(input: Record<string, unknown>): string }; members: { all(): { id: string }[] } };
      spaceId?: string;
      engine?: { openSpace(id: string): Promise<{ flush(): Promise<void> }> };
    }
    const found: Found = {};
    const visit = (f: Fiber | undefined): void => {
      for (; f; f = f.sibling) {
        const props = f.memoizedProps;
        const value = props?.value as { data?: Found['data']; spaceId?: string } | undefined;
        if (value?.data?.notes && value.spaceId) Object.assign(found, { data: value.data, spaceId: value.spaceId });
        const vault = props?.vault as { engine?: Found['engine'] } | undefined;
        if (vault?.engine) found.engine = vault.engine;
        visit(f.child);
      }
    };
    for (const root of (window as unknown as { __testRoots: Set<{ current: Fiber }> }).__testRoots) visit(root.current);
    const { data, spaceId, engine } = found;
    if (!data || !spaceId || !engine) throw new Error('no space or vault in the React tree');
    const handle = await engine.openSpace(spaceId);
    const member = data.members.all()[0]!.id;
    for (let i = 0; i < n; i++) {
      data.notes.create({ kind: 'note', memberId: member, date: '2024-03-01', body: `Change ${i}` });
      await handle.flush();
    }
  }, count);
}

async function rowsInDom(page: Page, table: string): Promise<number> {
  return page.getByTestId(table).locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])').count();
}

async function rowCount(page: Page, table: string): Promise<number> {
  return Number(await page.getByTestId(table).getAttribute('aria-rowcount')) - 1;
}

/** Focuses the table's scrolling rows and presses End: the last row must come into the DOM. */
async function endByKeyboard(page: Page, table: string, count: number): Promise<string> {
  await page.getByTestId(table).getByRole('rowgroup').last().focus();
  await page.keyboard.press('End');
  const last = page.getByTestId(table).locator(`[role="row"][aria-rowindex="${count + 1}"]`);
  await last.waitFor();
  return last.innerText();
}

test('Notes and History keep only the rows in view in the DOM, and reach the last row by keyboard', async () => {
  const { page, problems } = await app.open();
  await installRootsHook(page);
  await createVault(page);
  await go(page, 'Settings');
  await page.getByLabel('Members', { exact: true }).selectOption('100');
  await page.getByRole('button', { name: 'Create sample members' }).click();
  await page.getByText('100 sample members created.').waitFor();
  await go(page, 'Notes and follow-ups');
  const sampleDue = Number(
    /^[\d,]+/.exec(await page.getByText(/^[\d,]+ follow-ups, /).innerText())?.[0].replaceAll(',', ''),
  );
  await go(page, 'Settings');
  await addFollowUps(page, NOTES);
  const total = NOTES + sampleDue;

  // Opening Notes: from the click to the first row's button on screen (the median of 5).
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    await go(page, 'Settings');
    const start = Date.now();
    await page.getByRole('navigation').getByRole('button', { name: 'Notes and follow-ups', exact: true }).click();
    await page
      .getByRole('button', { name: /^Mark done: / })
      .first()
      .waitFor();
    times.push(Date.now() - start);
  }
  times.sort((a, b) => a - b);
  const inDom = await rowsInDom(page, 'follow-ups');
  const anyRows = await page.locator('main tr, main [role="row"]').count();
  process.stderr.write(
    `Notes with ${total} follow-ups: opened in ${times[2]} ms (${times.join(', ')}); ${anyRows} rows in the DOM\n`,
  );

  expect(Number(await page.getByTestId('notes-count').getAttribute('data-count'))).toBe(total);
  await page
    .getByText(`${total.toLocaleString('en')} follow-ups, ${(NOTES - 1).toLocaleString('en')} of them yours`)
    .waitFor();
  expect(await rowCount(page, 'follow-ups')).toBe(total);
  expect(inDom).toBeGreaterThan(0);
  expect(inDom).toBeLessThan(200);

  // Tab from the scrolling rows reaches the first row's controls.
  await page.getByTestId('follow-ups').getByRole('rowgroup').last().focus();
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate(() => document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')),
  ).toBe('2');

  // Rows are keyed by note: when the note above is marked done, the focus stays on the same note's button,
  // which moves up one row.
  const second = page.getByTestId('follow-ups').locator('[role="row"][aria-rowindex="3"]');
  await second.getByRole('button', { name: /^Mark done: / }).focus();
  await second.evaluate((row) => row.setAttribute('data-probe', row.textContent ?? ''));
  await page
    .getByTestId('follow-ups')
    .locator('[role="row"][aria-rowindex="2"]')
    .getByRole('button', { name: /^Mark done: / })
    .evaluate((button: HTMLElement) => button.click());
  await page.locator(`[data-testid="notes-count"][data-count="${total - 1}"]`).waitFor();
  expect(
    await page.evaluate(() => {
      const row = document.activeElement?.closest('[role="row"]');
      return { index: row?.getAttribute('aria-rowindex'), same: row?.getAttribute('data-probe') === row?.textContent };
    }),
  ).toEqual({ index: '2', same: true });

  expect(await endByKeyboard(page, 'follow-ups', total - 1)).toContain('The very last step');
  expect(await rowsInDom(page, 'follow-ups')).toBeLessThan(200);
  // Marking the last one done: the count follows.
  await page
    .getByRole('button', { name: /^Mark done: / })
    .last()
    .click();
  await page.locator(`[data-testid="notes-count"][data-count="${total - 2}"]`).waitFor();

  // History: over a hundred signed changes, newest first.
  await addChanges(page, CHANGES);
  await go(page, 'History');
  await page.getByTestId('history').waitFor({ timeout: 30_000 });
  const changes = await rowCount(page, 'history');
  expect(changes).toBeGreaterThanOrEqual(CHANGES);
  expect(Number(await page.getByTestId('history-count').getAttribute('data-count'))).toBe(changes);
  await page.getByText(`Changes: ${changes.toLocaleString('en')}`).waitFor();
  const historyInDom = await rowsInDom(page, 'history');
  process.stderr.write(`History with ${changes} changes: ${historyInDom} rows in the DOM\n`);
  expect(historyInDom).toBeGreaterThan(0);
  expect(historyInDom).toBeLessThan(CHANGES / 2); // a fraction of the list: only what is in view
  // The oldest change (creating the vault's space) is the last row.
  expect(await endByKeyboard(page, 'history', changes)).toContain('this device');
  expect(problems.errors).toEqual([]);
}, 240_000);
