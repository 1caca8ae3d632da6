/**
 * Two browser hosts and one Chromium for a test file: the production
 * renderer twice, each with the preload API over its own WebSocket and the
 * real network bridge, on a private mDNS port (they hear each other, and
 * nothing else on the network). Filled in by beforeAll, closed by afterAll.
 */
import type { Browser } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/host';
import { launchChromium } from '../browser';
import { ensureRendererBuild } from '../build';

export interface TwoHosts {
  browser: Browser;
  readonly hosts: BrowserHost[];
}

/**
 * `apart`: each host on its own mDNS port and its LAN listener on loopback, so the two never find each
 * other; they meet only where the test connects them (through a link it can cut, ./cuttable-link.ts).
 */
export function useTwoHosts(options: { readonly apart?: boolean } = {}): TwoHosts {
  const running: TwoHosts = { browser: undefined as unknown as Browser, hosts: [] };
  const mdnsPort = () => 40000 + Math.floor(Math.random() * 20000);
  const shared = { port: mdnsPort() };
  beforeAll(async () => {
    const root = await ensureRendererBuild();
    for (let i = 0; i < 2; i++) {
      const network = options.apart ? { mdns: { port: mdnsPort() }, lanHost: '127.0.0.1' } : { mdns: shared };
      running.hosts.push(await startBrowserHost({ rendererRoot: root, network }));
    }
    running.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await running.browser?.close();
    for (const h of running.hosts) await h.close();
  });
  return running;
}
