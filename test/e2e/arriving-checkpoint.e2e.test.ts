/**
 * A newcomer receiving a compacted chapter (ARCHITECTURE.md "Checkpoints and compaction"): the admin's
 * 10,000 members come as one signed checkpoint of a few MB, which no count of changes can follow until
 * it is stored. Over a slow network (a link the test slows) the arriving panel shows its bytes coming,
 * then being stored, so the newcomer sees the space is on its way (before, it sat at "1 of 121 changes"
 * for as long as the checkpoint took); checked in English and Spanish, with axe, and pictured
 * (SCREENSHOT_DIR). Then the whole chapter is there.
 */
import type { CuttableLink } from './host/cuttable-link';
import { adminWithChapter, compactThroughRetention, joinThroughLink } from './join-flows';
import { useTwoHosts } from './host/two-hosts';
import { go } from './flows';
import { look } from './look';

const setup = useTwoHosts({ apart: true });
const SIZE = 10_000;
/** Slow enough that the checkpoint takes a dozen seconds or more to arrive. */
const BYTES_PER_SECOND = 200_000;
let link: CuttableLink | undefined;
afterAll(async () => link?.close());

test('a compacted chapter arriving over a slow network shows its MB coming, then stored; then every member is there', async () => {
  const { a, b } = await adminWithChapter(setup, SIZE);
  // A restricted note past its retention: at the next unlock the admin's app compacts the space.
  await compactThroughRetention(a.page, 'Her cousin works at the plant');

  link = await joinThroughLink(a.page, b.page, { bytesPerSecond: BYTES_PER_SECOND });
  await go(b.page, 'Sharing');
  const bytes = b.page.getByTestId('arriving-bytes');
  const coming = /^A large part is on its way: ([\d.]+) of ([\d.]+) MB received$/;
  await bytes.getByText(coming).waitFor({ timeout: 60_000 });
  const first = coming.exec((await bytes.textContent()) ?? '')!;
  expect(Number(first[2])).toBeGreaterThan(1);
  // It moves while the count of changes cannot.
  await b.page
    .getByTestId('arriving-bytes')
    .getByText(new RegExp(`^A large part is on its way: (?!${first[1]!.replace('.', '\\.')} )`))
    .waitFor({ timeout: 30_000 });
  await look(b.page, 'sharing-arriving-bytes', async (language) => {
    await bytes
      .getByText(
        language === 'en' ? /A large part is on its way|Checking and storing/ : /en camino|Comprobando y guardando/,
      )
      .waitFor({ timeout: 10_000 });
  });
  // Then it is checked and stored, and the whole chapter is on the newcomer's roster.
  await go(b.page, 'Roster');
  await b.page.locator(`[data-testid="roster-count"][data-count="${SIZE + 1}"]`).waitFor({ timeout: 180_000 });
  await go(b.page, 'Sharing');
  await b.page.locator('.arrivals').waitFor({ state: 'detached', timeout: 60_000 });
}, 600_000);
