/**
 * Two browser hosts (each the production renderer + the preload API over its own WebSocket, with the
 * real main-side handlers and network bridge) and two Chromium profiles, one page per host. The pages
 * find each other on the LAN transport (mDNS + TCP on this machine), bytes cross both MessagePorts
 * end to end, and then the real sync engine inside each page syncs a space over that path.
 */
import { useTwoHosts } from './host/two-hosts';
import { openOnHost, type HostPage } from './host/pages';
import { probeSource } from './host/probe-bundle';

const setup = useTwoHosts();

const pages: HostPage[] = [];

beforeAll(() => {
  probeSource(); // built once, before the first page needs it
}, 120_000);
afterEach(async () => {
  for (const p of pages.splice(0)) {
    await p.run((probe) => probe.closeAll()).catch(() => undefined);
    await p.context.close();
  }
});

async function twoPages(): Promise<[HostPage, HostPage]> {
  const a = await openOnHost(setup.browser, setup.hosts[0]!);
  const b = await openOnHost(setup.browser, setup.hosts[1]!);
  pages.push(a, b);
  return [a, b];
}

const randomTag = (): string => [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16)).join('');

test('each page uses its own host; they meet over mDNS + TCP and bytes cross both MessagePorts', async () => {
  const [a, b] = await twoPages();
  // The production entry made the host client; the probe uses that same instance.
  expect([a.appMadePlatform, b.appMadePlatform]).toEqual([true, true]);
  expect(await a.run((p) => p.kind())).toBe('browser-host');
  expect(await b.run((p) => p.info())).toMatchObject({ electronVersion: 'none' });

  const tag = randomTag();
  const listening = await a.run((p, t) => p.listen(t), tag);
  const { peers } = await b.run((p, t) => p.discover(t, 1500), tag);
  expect(peers.map((peer) => [peer.port, peer.tags])).toEqual([[listening.port, [tag]]]);

  const { connectionId: outbound } = await b.run((p, [h, port]) => p.connect(h, port), [
    peers[0]!.host,
    peers[0]!.port,
  ] as [string, number]);
  await b.until((p, id) => p.connections().some((c) => c.connectionId === id), outbound);
  await a.until((p) => p.connections().length === 1);
  const [inboundMeta] = await a.run((p) => p.connections());
  expect(inboundMeta).toMatchObject({ transport: 'lan', direction: 'inbound', listenerId: listening.listenerId });
  const inbound = inboundMeta!.connectionId;

  // 64 KiB of every byte value from B to A, then an answer back: nothing lost, nothing altered.
  const payload = Array.from({ length: 65_536 }, (_, i) => (i * 31) & 0xff);
  await b.run((p, [id, bytes]) => p.send(id, bytes), [outbound, payload] as [string, number[]]);
  await a.until((p, [id, n]) => p.received(id).length >= 2 * n, [inbound, payload.length] as [string, number]);
  expect(await a.run((p, id) => p.received(id), inbound)).toBe(Buffer.from(payload).toString('hex'));
  await a.run((p, id) => p.send(id, [1, 2, 3]), inbound);
  await b.until((p, id) => p.received(id).length >= 6, outbound);
  expect(await b.run((p, id) => p.received(id), outbound)).toBe('010203');

  // A graceful end on one side reaches the other page as `end`.
  await b.run((p, id) => p.end(id), outbound);
  await a.until((p, id) => p.ended(id), inbound);

  // The CSP's connect-src 'self' admitted the host's WebSocket, and still refuses any other.
  const refused = await a.page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
        try {
          new WebSocket('ws://127.0.0.1:9/');
        } catch {
          // Chromium reports the violation as an event and may also throw
        }
      }),
  );
  expect(refused).toBe('connect-src');
  a.problems.errors.splice(0); // the refusal above is reported on the console, as it should be
  expect([...a.errors(), ...b.errors()]).toEqual([]);
}, 90_000);

test('two browser contexts sync a space through their hosts: invite, safety number, live edits', async () => {
  const [admin, invitee] = await twoPages();
  const { space, code } = await admin.run((p) => p.admin(['Rosa Parks', 'Fannie Lou Hamer']));
  const { port } = await admin.run((p, t) => p.listen(t), randomTag());

  // The invitee dials the admin's address (the manual path) and proves the invite in the handshake.
  await invitee.run((p, c) => p.invitee(c), code);
  await invitee.run((p, port) => p.connect('127.0.0.1', port), port);
  await invitee.until((p, s) => p.joined().includes(s), space);
  await invitee.until(async (p, s) => (await p.members(s)).length === 2, space);
  expect(await invitee.run((p, s) => p.members(s), space)).toEqual(['Fannie Lou Hamer', 'Rosa Parks']);

  // Both screens would show the same safety number: the admin confirmed this invitee as an editor,
  // and the invitee said yes to the space the admin's device proved the code for.
  const [confirmed] = await admin.run((p) => p.confirmed());
  expect(confirmed).toMatchObject({ spaceName: 'Eastside branch', role: 'editor' });
  expect(await invitee.run((p) => p.safetyNumbers())).toEqual([confirmed!.safetyNumber]);
  expect(await invitee.run((p) => p.offers())).toEqual([
    { spaceName: 'Eastside branch', role: 'editor', safetyNumber: confirmed!.safetyNumber },
  ]);

  // The new editor writes; it reaches the admin's page live over the same bridged session.
  await invitee.run((p, s) => p.addMember(s, 'ella', 'Ella Baker'), space);
  await admin.until(async (p, s) => (await p.members(s)).includes('Ella Baker'), space);
  expect([...admin.errors(), ...invitee.errors()]).toEqual([]);
}, 120_000);
