/** One built renderer, one static server and one Chromium per test file; a fresh context (profile) per test. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, freshPage, type PageProblems } from './browser';
import { ensureRendererBuild } from './build';
import { serveStatic, type StaticServer } from './server';

export interface OpenedApp {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: PageProblems;
}

export interface AppFixture {
  /** A new profile with the app loaded and started. */
  open(options?: { locale?: string }): Promise<OpenedApp>;
}

export function useApp(): AppFixture {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    const dist = await ensureRendererBuild();
    server = await serveStatic(dist);
    browser = await launchChromium();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    async open(options = {}) {
      if (!browser || !server) throw new Error('the e2e fixture did not start (see the beforeAll error above)');
      const opened = await freshPage(browser, options);
      contexts.push(opened.context);
      await opened.page.goto(server.url);
      await opened.page.waitForSelector('[data-app-ready]');
      return opened;
    },
  };
}
