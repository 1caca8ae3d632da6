/** A hostile or broken connection: each fault ends the session with its own reason and delivers nothing bad. */
import * as c from '../../../shared/crypto';
import { encodeFrame } from '../../../shared/sync/frames';
import { collect, connect, makeDevice, relayedPair, sessionOptions, shareSpaces, until } from './helpers';
import { startSession } from '../../../shared/sync/session';

beforeAll(() => c.initCrypto());

async function readyPair(maxFrameBytes?: number) {
  const a = makeDevice();
  const b = makeDevice();
  shareSpaces(a, b, [c.randomId() as c.SpaceId]);
  const extra = maxFrameBytes ? { maxFrameBytes } : {};
  const link = connect(a, b, extra, extra);
  await Promise.all([link.initiator.ready, link.responder.ready]);
  const received = collect(link.responder);
  return { ...link, received };
}

const text = (s: string) => c.utf8Encode(s);
const decoded = (got: Uint8Array[]) => got.map((g) => c.utf8Decode(g));

test('a replayed frame closes the session with replay', async () => {
  const { initiator, responder, aToB, received } = await readyPair();
  initiator.send(text('one'));
  await until(() => received.length === 1);
  aToB.inject(aToB.chunks[aToB.chunks.length - 1]!);
  await expect(responder.ended).resolves.toEqual({ reason: 'replay', by: 'local' });
  await expect(initiator.ended).resolves.toEqual({ reason: 'replay', by: 'peer' });
  expect(decoded(received)).toEqual(['one']);
});

test('a dropped frame is detected at the next one (replay)', async () => {
  const { initiator, responder, aToB, received } = await readyPair();
  const first = aToB.chunks.length;
  aToB.alter = (chunk, index) => (index === first ? null : chunk);
  initiator.send(text('lost'));
  initiator.send(text('after the gap'));
  await expect(responder.ended).resolves.toEqual({ reason: 'replay', by: 'local' });
  expect(received).toEqual([]);
});

test('reordered frames close the session with replay', async () => {
  const { initiator, responder, aToB, received } = await readyPair();
  let heldBack: Uint8Array | undefined;
  aToB.alter = (chunk) => {
    if (!heldBack) {
      heldBack = chunk;
      return null;
    }
    aToB.inject(chunk);
    return heldBack;
  };
  initiator.send(text('first'));
  initiator.send(text('second'));
  await expect(responder.ended).resolves.toEqual({ reason: 'replay', by: 'local' });
  expect(received).toEqual([]);
});

test('a tampered frame closes the session with bad-frame and is not delivered', async () => {
  const { initiator, responder, aToB, received } = await readyPair();
  aToB.alter = (chunk) => {
    const copy = chunk.slice();
    copy[copy.length - 20]! ^= 0x01;
    return copy;
  };
  initiator.send(text('Ella Baker'));
  await expect(responder.ended).resolves.toEqual({ reason: 'bad-frame', by: 'local' });
  expect(received).toEqual([]);
});

test('garbage bytes after the handshake close the session with bad-frame', async () => {
  const { responder, aToB, received } = await readyPair();
  aToB.inject(encodeFrame(c.randomBytes(200)));
  await expect(responder.ended).resolves.toEqual({ reason: 'bad-frame', by: 'local' });
  expect(received).toEqual([]);
});

test('garbage instead of a hello closes the session with bad-frame', async () => {
  const { a: raw, b: cb } = relayedPair();
  const responder = startSession(cb, sessionOptions(makeDevice(), 'responder'));
  raw.send(Uint8Array.from([0, 0, 0, 5, 1, 2, 3, 4, 5]));
  await expect(responder.ended).resolves.toEqual({ reason: 'bad-frame', by: 'local' });
});

test('an oversized length prefix before the handshake closes at once with frame-too-large', async () => {
  const { a: raw, b: cb } = relayedPair();
  const responder = startSession(cb, sessionOptions(makeDevice(), 'responder'));
  raw.send(Uint8Array.from([0xff, 0xff, 0xff, 0xff])); // 4 GiB announced, nothing more sent
  await expect(responder.ended).resolves.toEqual({ reason: 'frame-too-large', by: 'local' });
});

test('after the handshake the limit is the session maximum', async () => {
  const { initiator, responder, aToB, received } = await readyPair(4096);
  initiator.send(new Uint8Array(3000)); // fits
  await until(() => received.length === 1);
  aToB.inject(Uint8Array.from([0, 0, 0x10, 0x01])); // 4097 bytes announced
  await expect(responder.ended).resolves.toEqual({ reason: 'frame-too-large', by: 'local' });
  await expect(initiator.ended).resolves.toEqual({ reason: 'frame-too-large', by: 'peer' });
});

test('a stream cut in the middle of a frame closes with truncated', async () => {
  const { initiator, responder, aToB, received } = await readyPair();
  aToB.alter = (chunk) => {
    aToB.inject(chunk.subarray(0, 10));
    aToB.cut();
    return null;
  };
  initiator.send(text('half of this arrives'));
  await expect(responder.ended).resolves.toEqual({ reason: 'truncated', by: 'local' });
  expect(received).toEqual([]);
});

test('a stream cut at a frame boundary ends with channel-closed', async () => {
  const { initiator, responder, aToB, received } = await readyPair();
  initiator.send(text('whole'));
  await until(() => received.length === 1);
  aToB.cut();
  await expect(responder.ended).resolves.toEqual({ reason: 'channel-closed', by: 'peer' });
  await initiator.ended;
});
