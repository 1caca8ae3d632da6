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

test('a sync session handshake runs over two connection ports', async () => {
  await c.initCrypto();
  const [admin, member] = [makeDevice(), makeDevice()];
  const space = c.randomId() as c.SpaceId;
  shareSpaces(admin, member, [space]);
  const [a, b] = pair();
  const initiator = startSession(portChannel(a), sessionOptions(member, 'initiator'));
  const responder = startSession(portChannel(b), sessionOptions(admin, 'responder'));
  const [i, r] = await Promise.all([initiator.ready, responder.ready]);
  expect(i.spaces).toEqual([space]);
  expect(i.safetyNumber).toBe(r.safetyNumber);
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
  await until(() => seen.length === 1 && got.length === 1);
  expect(seen[0]).toEqual({ type: 'data', bytes: new Uint8Array([1, 2]) });
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
