/** One built renderer, one static server and one Chromium per test file; a fresh context (profile) per test. */
import type { BrowserContext } from 'playwright-core';
import { startApp, type OpenedApp, type RunningApp } from './app';

export type { OpenedApp };

export interface AppFixture {
  open(options?: { locale?: string }): Promise<OpenedApp>;
}

export function useApp(): AppFixture {
  let app: RunningApp | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    app = await startApp();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await app?.close();
  });
  return {
    async open(options = {}) {
      if (!app) throw new Error('the e2e fixture did not start (see the beforeAll error above)');
      const opened = await app.open(options);
      contexts.push(opened.context);
      return opened;
    },
  };
}
