/** The built renderer served on 127.0.0.1 with one Chromium: used by the Jest fixture and by the benchmark. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freshPage, launchChromium, type PageProblems } from './browser';
import { ensureRendererBuild } from './build';
import { serveStatic } from './server';

export interface OpenedApp {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: PageProblems;
}

export interface RunningApp {
  /** A new profile with the app loaded and started. */
  open(options?: { locale?: string }): Promise<OpenedApp>;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  const dist = await ensureRendererBuild();
  const server = await serveStatic(dist);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await server.close();
    throw e;
  }
  return {
    async open(options = {}) {
      const opened = await freshPage(browser, options);
      await opened.page.goto(server.url);
      await opened.page.waitForSelector('[data-app-ready]');
      return opened;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
