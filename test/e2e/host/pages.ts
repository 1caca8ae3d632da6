/** A page of the production renderer opened on a browser host, with the probe installed. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BrowserHost } from '../../../electron/browser-host/host';
import { freshPage, type PageProblems } from '../browser';
import type { HostProbe } from './probe';
import { probeSource } from './probe-bundle';

export interface HostPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: PageProblems;
  /** True when the production entry had already made its platform before the probe arrived. */
  readonly appMadePlatform: boolean;
  /** Runs `fn` in the page with its probe; `arg` must be serialisable. */
  run<R, A = undefined>(fn: (probe: HostProbe, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** The page's errors, except Yjs's warning that the probe (a second bundle) brought its own copy. */
  errors(): string[];
  /** Polls `fn` in the page until it returns true. */
  until<A = undefined>(fn: (probe: HostProbe, arg: A) => boolean | Promise<boolean>, arg?: A): Promise<void>;
}

/** The app in a fresh profile on `host`, started (no probe). */
export async function openOn(
  browser: Browser,
  host: BrowserHost,
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const opened = await freshPage(browser);
  await opened.page.goto(host.url);
  await opened.page.waitForSelector('[data-app-ready]');
  return opened;
}

export async function openOnHost(browser: Browser, host: BrowserHost): Promise<HostPage> {
  const { context, page, problems } = await freshPage(browser);
  await page.goto(host.url);
  await page.waitForSelector('[data-app-ready]');
  const appMadePlatform = await page.evaluate(() => Symbol.for('sealed-roster/platform') in globalThis);
  await page.evaluate(probeSource());
  // Like Playwright's own evaluate: the function's source runs through DevTools, which the page's
  // CSP does not govern (an eval() inside the page would be refused, rightly).
  const run = <R, A>(fn: (probe: HostProbe, arg: A) => R | Promise<R>, arg?: A): Promise<R> =>
    page.evaluate(`(${fn.toString()})(globalThis.hostProbe, ${JSON.stringify(arg ?? null)})`) as Promise<R>;
  return {
    context,
    page,
    problems,
    appMadePlatform,
    run,
    errors: () => problems.errors.filter((e) => !e.includes('Yjs was already imported')),
    async until(fn, arg) {
      const start = Date.now();
      while (!(await run(fn, arg))) {
        if (Date.now() - start > 30_000) throw new Error(`page condition not met in time: ${fn.toString()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
