/**
 * Launches Debian's Chromium through playwright-core (never a downloaded browser,
 * none can be downloaded on the machines this is built on). A missing Chromium is a test FAILURE with the command
 * that installs it: these tests are never silently skipped.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}. The browser tests need it: run ` +
        '`apt-get update && apt-get install -y chromium` (as root) and run the tests again.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: BROWSER_ARGS, headless: true });
}

export interface PageProblems {
  /** Uncaught errors, console errors and CSP violations seen by the page. */
  readonly errors: string[];
  /** Every URL the page or its workers asked for, in order. */
  readonly requests: string[];
}

/**
 * A fresh context is a fresh profile: its own IndexedDB, storage and cache.
 * Reloading a page inside the same context keeps the IndexedDB, like a restart.
 */
export async function freshPage(
  browser: Browser,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const problems = watchProblems(context, page);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems };
}

/** Collects the page's errors and every request of the context from now on. */
export function watchProblems(context: BrowserContext, page: Page): PageProblems {
  const problems: PageProblems = { errors: [], requests: [] };
  context.on('request', (r) => problems.requests.push(r.url()));
  page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Chromium notes that frame-ancestors only works as an HTTP header; Electron sends it as one too.
    if (m.type() === 'error' && !m.text().includes("'frame-ancestors' is ignored")) {
      problems.errors.push(`console: ${m.text()}`);
    }
  });
  return problems;
}
