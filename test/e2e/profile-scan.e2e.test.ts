/**
 * What Chromium keeps on its own (SECURITY.md "What the browser keeps on its own"): a canary member
 * and note are typed into the real app through its forms, in a persistent profile with Chromium's
 * defaults (autofill, form history, session restore on), then the vault is locked and the browser
 * closed, and EVERY file of the profile directory is searched for the canary strings (UTF-8,
 * UTF-16LE, UTF-16BE): autofill's "Web Data", "History", "Preferences", "Sessions", the custom
 * dictionary, caches, Local Storage, IndexedDB, logs. Nothing may be found.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { BROWSER_ARGS, CHROMIUM_PATH, watchProblems } from './browser';
import { ensureRendererBuild } from './build';
import { addMember, createVault, go, PASSPHRASE } from './flows';
import { serveStatic, type StaticServer } from './server';

// Strings no part of Chromium or of the app would write by chance.
const CANARY = {
  first: 'Quillonwy',
  last: 'Vextrabond',
  email: 'quillonwy.vextra@canary-example.org',
  phone: '+1 555 0142 9871',
  // Not a ZIP code, nor any run of digits in the app's own files (the map ships every ZIP centroid).
  zip: '96949',
  street: '17 Plumbridge Hollow',
  city: 'Tessaloor',
  body: 'Talked about the Brindlemoor rent strike',
  next: 'Bring Zelphora the flyer stack',
  owner: 'Orlantha',
  search: 'Quillon',
};

/** Every file under `dir` with the needles it contains, each needle in UTF-8, UTF-16LE and UTF-16BE. */
function findInFiles(dir: string, needles: readonly string[]): { file: string; needle: string }[] {
  const patterns = needles.flatMap((needle) => {
    const le = Buffer.from(needle, 'utf16le');
    const be = Buffer.from(le).swap16();
    return [Buffer.from(needle, 'utf8'), le, be].map((bytes) => ({ needle, bytes }));
  });
  const found: { file: string; needle: string }[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const file = path.join(at, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(file);
      else if (stat.isFile()) {
        const bytes = readFileSync(file);
        for (const p of patterns) {
          if (bytes.includes(p.bytes)) found.push({ file: path.relative(dir, file), needle: p.needle });
        }
      }
    }
  };
  walk(dir);
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

let server: StaticServer;
let profile: string;

beforeAll(async () => {
  server = await serveStatic(await ensureRendererBuild());
  profile = mkdtempSync(path.join(os.tmpdir(), 'sealed-roster-profile-'));
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('a locked, closed Chromium profile holds no trace of what was typed', async () => {
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: BROWSER_ARGS,
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = watchProblems(context, page);
  try {
    await page.goto(server.url);
    await page.waitForSelector('[data-app-ready]');
    const recoveryKey = await createVault(page, PASSPHRASE, { copyKey: true });

    // The quick "new member" form: every field Chromium's autofill recognises as an address.
    await go(page, 'Roster');
    await page.getByRole('button', { name: 'Add member' }).click();
    const dialog = page.getByRole('dialog', { name: 'New member' });
    await dialog.getByLabel('First name').fill(CANARY.first);
    await dialog.getByLabel('Last name').fill(CANARY.last);
    await dialog.getByLabel('Email').fill(CANARY.email);
    await dialog.getByLabel('Phone').fill(CANARY.phone);
    await dialog.getByLabel('ZIP code').fill(CANARY.zip);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(CANARY.first) }).waitFor();

    // The profile form (a textarea and more address fields) and a note with its next step.
    await page.getByRole('button', { name: 'Edit Where' }).click();
    const form = page.getByRole('form', { name: 'Where' });
    await form.getByLabel('Street address').fill(CANARY.street);
    await form.getByLabel('City').fill(CANARY.city);
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByLabel('What was said').fill(CANARY.body);
    await page.getByLabel('Next step').fill(CANARY.next);
    await page.getByLabel('Owner').fill(CANARY.owner);
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByText(CANARY.body).waitFor();

    // The roster search, then a member added with the helper every other test uses.
    await go(page, 'Roster');
    await page.getByRole('searchbox').fill(CANARY.search);
    await page.getByRole('searchbox').fill('');
    await addMember(page, { first: 'Second', last: 'Person' });

    await go(page, 'Roster');
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Unlock' }).waitFor();
    expect(problems.errors).toEqual([]);

    // What the page itself holds after lock: V8's last match, and the clipboard (the recovery key was copied).
    const leftovers = await page.evaluate(async () => {
      const legacy = RegExp as unknown as Record<string, string>;
      const names = ['input', 'lastMatch', 'lastParen', 'leftContext', 'rightContext', '$1', '$2', '$3'];
      return { match: names.map((n) => legacy[n]).join('|'), clipboard: await navigator.clipboard.readText() };
    });
    for (const value of Object.values(CANARY)) expect(leftovers.match).not.toContain(value);
    expect(leftovers.clipboard).not.toBe(recoveryKey);
  } finally {
    await context.close();
  }

  const files = filesUnder(profile);
  // The profile really is a used Chromium profile with the stores named in SECURITY.md.
  expect(files.some((f) => f.includes('IndexedDB'))).toBe(true);
  expect(files.some((f) => path.basename(f) === 'Web Data')).toBe(true);
  expect(files.some((f) => path.basename(f) === 'Preferences')).toBe(true);
  expect(findInFiles(profile, [...Object.values(CANARY), PASSPHRASE])).toEqual([]);
  // A canary the app's own code or data contains would be found in Chromium's cache of that file.
  expect(findInFiles(await ensureRendererBuild(), Object.values(CANARY))).toEqual([]);
}, 180_000);
