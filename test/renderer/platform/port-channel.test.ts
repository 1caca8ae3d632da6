/**
 * `portChannel` (renderer/platform) over real MessagePorts (Node's): the ByteChannel the sync
 * session runs over in both Electron and the browser host, speaking the contract's PortMessage.
 */
import * as c from '../../../shared/crypto';
import type { PortMessage } from '../../../shared/ipc/contract';
import { startSession } from '../../../shared/sync/session';
import { portChannel } from '../../../renderer/platform/connections';
import { makeDevice, sessionOptions, shareSpaces, until } from '../../shared/sync/helpers';

const ports: MessagePort[] = [];
const pair = (): [MessagePort, MessagePort] => {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  return [port1 as unknown as MessagePort, port2 as unknown as MessagePort];
};
afterEach(() => ports.splice(0).forEach((p) => p.close()));

/** Main's side of two connected sockets: relays data and ends, records what each renderer reports. */
function mainBetween(a: MessagePort, b: MessagePort) {
  const reports = { a: [] as PortMessage[], b: [] as PortMessage[] };
  /** Bytes handed to each side. */
  const delivered = { a: 0, b: 0 };
  const relay = (from: MessagePort, to: MessagePort, seen: PortMessage[], side: 'a' | 'b') => {
    from.onmessage = (e: MessageEvent<PortMessage>) => {
      if (e.data.type === 'data') delivered[side] += e.data.bytes.byteLength;
      if (e.data.type === 'data' || e.data.type === 'end') to.postMessage(e.data);
      else seen.push(e.data);
    };
  };
  relay(a, b, reports.a, 'b');
  relay(b, a, reports.b, 'a');
  return { reports, delivered };
}

test('a sync session handshake runs over two connection ports; each side reports what it consumed and when it authenticated', async () => {
  await c.initCrypto();
  const [admin, member] = [makeDevice(), makeDevice()];
  const space = c.randomId() as c.SpaceId;
  shareSpaces(admin, member, [space]);
  const [a, mainA] = pair();
  const [b, mainB] = pair();
  const { reports, delivered } = mainBetween(mainA, mainB);
  const initiator = startSession(portChannel(a), sessionOptions(member, 'initiator'));
  const responder = startSession(portChannel(b), sessionOptions(admin, 'responder'));
  const [i, r] = await Promise.all([initiator.ready, responder.ready]);
  expect(i.spaces).toEqual([space]);
  expect(i.safetyNumber).toBe(r.safetyNumber);
  await until(
    () => reports.a.some((m) => m.type === 'authenticated') && reports.b.some((m) => m.type === 'authenticated'),
  );
  const consumed = (seen: PortMessage[]) => seen.reduce((n, m) => n + (m.type === 'consumed' ? m.count : 0), 0);
  // Everything the handshake delivered was consumed, and said so (main reads on only as far as that).
  await until(() => consumed(reports.a) === delivered.a && consumed(reports.b) === delivered.b);
  expect(delivered.a).toBeGreaterThan(0);
  initiator.close();
  await expect(responder.ended).resolves.toMatchObject({ by: 'peer' });
});

test('it speaks PortMessage: data out and in, `end` on close, and an `error` from main ends it', async () => {
  const [mine, main] = pair();
  const channel = portChannel(mine);
  const seen: PortMessage[] = [];
  main.onmessage = (e: MessageEvent<PortMessage>) => seen.push(e.data);
  const got: number[] = [];
  channel.onData((bytes) => void got.push(...bytes));
  channel.send(new Uint8Array([1, 2]));
  main.postMessage({ type: 'data', bytes: new Uint8Array([3]) } satisfies PortMessage);
  await until(() => seen.length === 2 && got.length === 1);
  expect(seen).toEqual([
    { type: 'data', bytes: new Uint8Array([1, 2]) },
    { type: 'consumed', count: 1 },
  ]);
  expect(got).toEqual([3]);

  const ends: unknown[] = [];
  channel.onClose((end) => ends.push(end));
  main.postMessage({ type: 'error', code: 'net-failed', message: 'socket reset' } satisfies PortMessage);
  await until(() => ends.length === 1);
  expect(ends).toEqual([{ local: false, reason: 'net-failed' }]);
  expect(channel.closed).toBe(true);

  const [mine2, main2] = pair();
  const closing = portChannel(mine2);
  const last = new Promise((r) => (main2.onmessage = (e: MessageEvent) => r(e.data)));
  closing.close();
  expect(await last).toEqual({ type: 'end' });
});
