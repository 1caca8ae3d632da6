/**
 * Meetings, check-in at the door, leadership, groups, partners and trainings in the production
 * renderer (Chromium), on the 1,000-member sample chapter: the door by keyboard alone (search,
 * Enter, ↓ and Space, already present, a walk-in with consent, undo), a training recorded and
 * checked in until the skills inventory shows it, then every new screen in
 * English and Spanish with axe (0 violations) and screenshots (SCREENSHOT_DIR).
 */
import type { Page } from 'playwright-core';
import en from '../../renderer/i18n/en.json';
import es from '../../renderer/i18n/es.json';
import { displayName, type Member } from '../../shared/model/member';
import { memberSkillId } from '../../shared/model/skill';
import { expectNoViolations } from './axe';
import { useApp } from './fixture';
import { createVault, go, typeTime } from './flows';
import { fillSample, sampleChapter } from './sample';
import { shot } from './screenshots';

const app = useApp();
const SIZE = 1000;

const legalName = (m: Member) => `${m.firstName} ${m.lastName ?? ''}`.trim();

async function count(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-count'));
}

async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const id = el.getAttribute('id');
    const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent : null;
    return label ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
  });
}

/** A new meeting for today through the form; returns on its page. */
async function newMeeting(page: Page, name: string): Promise<void> {
  await go(page, 'Meetings');
  await page.getByRole('button', { name: 'New meeting or event' }).click();
  const form = page.getByRole('form', { name: 'New meeting or event' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await typeTime(page, 'Start time', '19:00');
  await form.getByLabel('Place').fill('IBEW Local 11 hall');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

test('the door by keyboard alone: search, Enter, ↓ and Space, already present, a walk-in with consent, undo', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await (
    await fillSample(page, SIZE)
  )();
  const { space } = sampleChapter(SIZE);
  // Two people whose names nobody else in the sample shares, so each is the first match of their name.
  const names = new Map<string, number>();
  for (const m of space.members.all())
    for (const n of new Set([displayName(m), legalName(m)])) names.set(n, (names.get(n) ?? 0) + 1);
  const [first, second] = space.members
    .all()
    .filter((m) => names.get(displayName(m)) === 1 && !m.preferredName)
    .sort((a, b) => a.id.localeCompare(b.id));

  await newMeeting(page, 'December general meeting');
  await page.getByRole('button', { name: 'Open check-in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check-in: December general meeting' }).waitFor();
  // The search box has the focus as the screen opens.
  await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'search');
  expect(await focusedLabel(page)).toBe('Find a person');
  expect(await count(page, 'checkin-count')).toBe(0);

  // Type the full name; Enter checks in the first match.
  const name = displayName(first!);
  await page.keyboard.type(name);
  await page.locator(`.checkin-results button.first[data-member-id="${first!.id}"]`).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="checkin-count"][data-count="1"]').waitFor();
  expect(await page.getByRole('status').filter({ hasText: 'is checked in' }).innerText()).toBe(
    `${name} is checked in. 1 person present.`,
  );
  // The box is empty and focused again, ready for the next person.
  expect(await page.getByLabel('Find a person').inputValue()).toBe('');

  // The same person again: shown as present, not counted twice.
  await page.keyboard.type(name);
  const again = page.locator(`.checkin-results button[data-member-id="${first!.id}"]`);
  await again.getByText('Present', { exact: true }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByText(`${name} was already checked in: not counted twice.`).waitFor();
  expect(await count(page, 'checkin-count')).toBe(1);

  // ↓ moves into the list; Space checks in the one focused.
  const other = displayName(second!);
  await page.keyboard.type(other);
  await page.locator(`.checkin-results button[data-member-id="${second!.id}"]`).waitFor();
  await page.keyboard.press('ArrowDown');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-member-id'))).toBe(
    (await page.locator('.checkin-results button').first().getAttribute('data-member-id')) ?? '',
  );
  const focusedId = await page.evaluate(() => document.activeElement?.getAttribute('data-member-id'));
  await page.keyboard.press('Space');
  await page.locator('[data-testid="checkin-count"][data-count="2"]').waitFor();
  expect(await page.locator(`[data-testid="checkin-recent"] li`).first().innerText()).toContain(
    displayName(space.members.get(focusedId!)!),
  );

  // Undo takes back the last check-in of this laptop.
  await page.keyboard.press('Tab'); // from the search box, past the hint, to "New person"
  await page.getByRole('button', { name: /^Undo: / }).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="checkin-count"][data-count="1"]').waitFor();

  // A walk-in: nobody matches, Enter opens the form with the name filled in; consent is asked, not assumed.
  await page.getByLabel('Find a person').focus();
  await page.keyboard.type('zoraida quintanilla');
  await page.getByText('Nobody on the roster matches.').waitFor();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New person at the door' });
  await dialog.waitFor();
  expect(await dialog.getByLabel('First name').inputValue()).toBe('Zoraida');
  expect(await dialog.getByLabel('Last name').inputValue()).toBe('Quintanilla');
  expect(await dialog.getByLabel('Yes, we may call them').isChecked()).toBe(false);
  expect(await focusedLabel(page)).toBe('Phone');
  await expectNoViolations(page, 'walk-in form');
  await shot(page, 'en-checkin-walkin');
  await page.keyboard.type('(213) 555-0199');
  await dialog.getByLabel('ZIP code').fill('90012');
  await dialog.getByLabel('Yes, we may call them').check();
  await dialog.getByLabel('ZIP code').focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="checkin-count"][data-count="2"]').waitFor();
  expect(await dialog.count()).toBe(0);

  // Someone typed as a walk-in who is already on the roster is offered instead (found by phone).
  await page.keyboard.press('Alt+N');
  await dialog.waitFor();
  await dialog.getByLabel('First name').fill('Sam');
  await dialog.getByLabel('Phone').fill(second!.phones[0]!);
  await dialog.getByRole('button', { name: `It is ${other}: check them in` }).click();
  await page.locator('[data-testid="checkin-count"][data-count="3"]').waitFor();
  await expectNoViolations(page, 'check-in');
  await shot(page, 'en-checkin');

  // The event page lists them; the walk-in is on the roster with the consent they gave.
  await page.getByRole('button', { name: 'Event page' }).click();
  const attendees = page.getByTestId('attendees');
  await attendees.getByText('Zoraida Quintanilla').waitFor();
  expect(await attendees.locator('tbody tr').count()).toBe(3);
  expect(await attendees.innerText()).toContain('walk-in');
  await attendees.getByText('Zoraida Quintanilla').click();
  await page.getByRole('heading', { level: 1, name: 'Zoraida Quintanilla' }).waitFor();
  const contact = await page.getByRole('region', { name: 'Contact and consent' }).innerText();
  expect(contact).toContain('(213) 555-0199');
  expect(contact).toContain('No text messages'); // they said yes to calls only
  expect(contact).toContain('May be called');
  expect(await page.getByTestId('member-events').innerText()).toContain('December general meeting');
  expect([...problems.errors]).toEqual([]);
}, 240_000);

test('a training through the screens: its skill and trainer, a trainee checked in is learning, the inventory says who trained whom', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await (
    await fillSample(page, SIZE)
  )();
  const { space } = sampleChapter(SIZE);
  const skill = space.skills.all().find((k) => k.name === 'Tenant law')!;
  const names = new Map<string, number>();
  for (const m of space.members.all())
    for (const n of new Set([displayName(m), legalName(m)])) names.set(n, (names.get(n) ?? 0) + 1);
  // Two people nobody shares a name with (nor a legal name) and who have nothing recorded in the skill yet.
  const [trainer, trainee] = space.members
    .all()
    .filter(
      (m) =>
        names.get(displayName(m)) === 1 && !m.preferredName && !space.memberSkills.get(memberSkillId(m.id, skill.id)),
    )
    .sort((a, b) => a.id.localeCompare(b.id));

  await go(page, 'Meetings');
  await page.getByRole('button', { name: 'New meeting or event' }).click();
  const form = page.getByRole('form', { name: 'New meeting or event' });
  await form.getByLabel('Kind').selectOption('training');
  await form.getByLabel('Name', { exact: true }).fill('Tenant law for door knockers');
  await form.getByLabel('Skill taught').selectOption({ label: 'Tenant law' });
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await form.getByLabel('Add a trainer').fill(displayName(trainer!));
  await form
    .getByRole('listbox')
    .getByRole('option')
    .first()
    .filter({ hasText: displayName(trainer!) })
    .waitFor();
  await form.getByLabel('Add a trainer').press('Enter');
  await form.getByRole('button', { name: `Remove trainer ${displayName(trainer!)}` }).waitFor();
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tenant law for door knockers' }).waitFor();

  await page.getByRole('button', { name: 'Open check-in' }).click();
  await page.getByLabel('Find a person').fill(displayName(trainee!));
  await page.locator(`.checkin-results button.first[data-member-id="${trainee!.id}"]`).waitFor();
  await page.getByLabel('Find a person').press('Enter');
  await page.locator('[data-testid="checkin-count"][data-count="1"]').waitFor();

  await go(page, 'Skills');
  const row = page.getByTestId('trainings').getByRole('row').filter({ hasText: 'Tenant law for door knockers' });
  await row.waitFor();
  const cells = await row.getByRole('cell').allInnerTexts();
  expect(cells.slice(1)).toEqual(['Tenant law', displayName(trainer!), `1: ${displayName(trainee!)}`]);
  await row
    .getByRole('link', { name: displayName(trainee!) })
    .or(row.getByRole('button', { name: displayName(trainee!) }))
    .click();
  await page.getByRole('heading', { level: 1, name: displayName(trainee!) }).waitFor();
  expect(await page.getByLabel('Level for Tenant law').inputValue()).toBe('learning');
  expect([...problems.errors]).toEqual([]);
}, 240_000);

type Strings = typeof en;

/** Every new screen in one language: axe finds nothing, and a screenshot of each. */
async function everyScreen(page: Page, s: Strings, lang: string, eventName: string): Promise<void> {
  const nav = async (view: keyof Strings['nav']) => go(page, s.nav[view]);
  const look = async (name: string) => {
    await expectNoViolations(page, `${lang} ${name}`);
    await shot(page, `${lang}-${name}`);
  };
  await nav('meetings');
  await page.getByRole('heading', { level: 2, name: s.activeRule.title }).waitFor();
  await look('meetings');
  await page.getByRole('button', { name: s.meetings.new }).click();
  await page
    .getByRole('form', { name: s.meetings.newTitle })
    .getByLabel(s.meetings.field.kind)
    .selectOption('training');
  await page.getByRole('group', { name: s.trainings.legend }).waitFor();
  await look('event-form');
  await page.getByRole('button', { name: s.common.cancel }).click();
  await page.getByRole('button', { name: eventName, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: eventName }).waitFor();
  await look('event');
  await page.getByRole('button', { name: s.event.openCheckIn }).click();
  await page.getByLabel(s.checkin.search).fill('mar');
  await page.locator('.checkin-results button.first').waitFor();
  await look('checkin');
  await page.keyboard.press('Alt+N');
  await page.getByRole('dialog', { name: s.checkin.walkInTitle }).waitFor();
  await look('checkin-walkin');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await nav('meetings');
  // A past training, with its trainers and skills.
  await page
    .getByRole('row')
    .filter({ hasText: s.codes.eventKind.training })
    .first()
    .getByRole('button')
    .first()
    .click();
  await page.getByRole('heading', { level: 2, name: s.trainings.title }).waitFor();
  await look('training');
  await nav('leadership');
  await page.getByTestId('current-roles').waitFor();
  await look('leadership');
  await page
    .getByRole('button', { name: new RegExp(`^${s.leadership.handOver} `) })
    .first()
    .click();
  await page.getByRole('dialog').waitFor();
  await look('leadership-handover');
  await page.keyboard.press('Escape');
  await nav('groups');
  await page.getByTestId('groups').waitFor();
  await look('groups');
  await page.getByTestId('groups').getByRole('button').first().click();
  await page.getByTestId('group-roster').waitFor();
  await look('group');
  await nav('partners');
  await page.getByTestId('partners').waitFor();
  await look('partners');
  await page.getByTestId('partners').getByRole('button').first().click();
  await page.getByRole('heading', { level: 2, name: s.partners.liaisons }).waitFor();
  await look('partner');
  await nav('skills');
  await page.getByTestId('trainings').waitFor();
  await look('skills');
  await nav('roster');
  await page.getByRole('group', { name: s.roster.filters }).getByLabel(s.roster.filter.active).selectOption('yes');
  await page.locator('.roster-row .active-badge').first().waitFor();
  await look('roster-active');
  await page.locator('.roster-row button.name').first().click();
  await page.getByTestId('member-active').waitFor();
  await look('member');
}

test('every new screen in English and Spanish: axe finds nothing', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await (
    await fillSample(page, SIZE)
  )();
  await newMeeting(page, 'December general meeting');
  await everyScreen(page, en, 'en', 'December general meeting');
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await everyScreen(page, es, 'es', 'December general meeting');
  expect([...problems.errors]).toEqual([]);
}, 300_000);
