/** The frame format of the backup folder: what a torn or damaged file reads as. */
import { encodeFrame, encodeFrames, magicOf, parseFile, readCopy, type Frame } from '../../../electron/backup/frames';

const ops = (seq: number, text: string): Frame => ({ kind: 'ops', seq, payload: new TextEncoder().encode(text) });

function file(kind: 'journal' | 'base' | 'backup', frames: Frame[]): Uint8Array {
  const body = encodeFrames(frames);
  const out = new Uint8Array(8 + body.byteLength);
  out.set(magicOf(kind));
  out.set(body, 8);
  return out;
}

test('frames read back as written, with their seq and payload', () => {
  const frames = [ops(1, 'one'), ops(2, ''), ops(9_007_199_254_740_991, 'largest seq')];
  const parsed = parseFile(file('journal', frames));
  expect(parsed.kind).toBe('journal');
  expect(parsed.torn).toBe(false);
  expect(parsed.frames.map((f) => [f.kind, f.seq, new TextDecoder().decode(f.payload)])).toEqual([
    ['ops', 1, 'one'],
    ['ops', 2, ''],
    ['ops', 9_007_199_254_740_991, 'largest seq'],
  ]);
});

test('a file cut at any byte reads as its whole frames before the cut, and says it is torn', () => {
  const frames = [ops(1, 'first transaction'), ops(2, 'second'), ops(3, 'third, longer than the others')];
  const whole = file('journal', frames);
  const ends = [8];
  for (const f of frames) ends.push(ends[ends.length - 1]! + encodeFrame(f).byteLength);
  for (let cut = 8; cut < whole.byteLength; cut++) {
    const parsed = parseFile(whole.subarray(0, cut));
    const complete = ends.filter((e) => e <= cut).length - 1;
    expect(parsed.frames.map((f) => f.seq)).toEqual(frames.slice(0, complete).map((f) => f.seq));
    expect(parsed.validBytes).toBe(ends[complete]);
    expect(parsed.torn).toBe(cut !== ends[complete]);
  }
});

test('a flipped bit anywhere in a frame stops the reader at that frame', () => {
  const frames = [ops(1, 'kept'), ops(2, 'damaged'), ops(3, 'after the damage')];
  const whole = file('journal', frames);
  const second = 8 + encodeFrame(frames[0]!).byteLength;
  for (let at = second; at < second + encodeFrame(frames[1]!).byteLength; at++) {
    const damaged = whole.slice();
    damaged[at]! ^= 0x10;
    const parsed = parseFile(damaged);
    expect(parsed.frames.map((f) => f.seq)).toEqual([1]);
    expect(parsed.torn).toBe(true);
  }
});

test('an unknown magic is no file of ours', () => {
  const bytes = file('journal', [ops(1, 'x')]);
  bytes[0] = 0x41;
  expect(parseFile(bytes)).toMatchObject({ kind: null, frames: [], torn: true });
});

describe('a complete copy', () => {
  const start = (seq: number): Frame => ({ kind: 'start', seq, payload: new Uint8Array() });
  const end = (seq: number): Frame => ({ kind: 'end', seq, payload: new Uint8Array() });

  test('is start, transactions, end with the same seq', () => {
    const copy = readCopy(parseFile(file('base', [start(7), ops(7, 'a'), ops(7, 'b'), end(7)])));
    expect(copy?.covers).toBe(7);
    expect(copy?.ops.map((f) => new TextDecoder().decode(f.payload))).toEqual(['a', 'b']);
  });

  test.each([
    ['without its end', [start(7), ops(7, 'a')]],
    ['with a different end', [start(7), ops(7, 'a'), end(8)]],
    ['without a start', [ops(7, 'a'), end(7)]],
    ['with a start inside', [start(7), start(7), end(7)]],
  ])('is refused %s', (_name, frames) => {
    expect(readCopy(parseFile(file('base', frames)))).toBeNull();
  });

  test('is refused when anything follows its end', () => {
    const bytes = file('base', [start(1), end(1)]);
    const longer = new Uint8Array(bytes.byteLength + 3);
    longer.set(bytes);
    expect(readCopy(parseFile(longer))).toBeNull();
  });
});
