/**
 * A read index piece's bytes (shared/model/roster-index.ts): the roster's JSON deflated, read back
 * exactly, and a crafted piece (a bomb, a false size, cut short, another version) refused before
 * it costs more than its stated size. Sealing and binding are tested with the vault
 * (test/shared/vault/read-index.test.ts).
 */
import * as encoding from 'lib0/encoding';
import { deflateSync } from 'fflate';
import { AppError } from '../../../shared/errors';
import {
  MAX_UNPACKED_PIECE,
  readRosterIndex,
  ROSTER_INDEX_VERSION,
  rosterIndexPieces,
  RosterIndexReader,
} from '../../../shared/model/roster-index';
import { makeSpace } from './helpers';

function chapter(count: number) {
  const { space } = makeSpace();
  space.transact(() => {
    for (let i = 0; i < count; i++)
      space.members.create({ firstName: `Ana${i}`, lastName: 'Ruiz', branch: 'Eastside branch', zip: '33101' });
  });
  space.regions.create({ name: 'Eastside' });
  return space;
}

/** A piece as an attacker with the key would write it: any flags, any stated size, any body. */
function craftedPiece(flags: number, body: Uint8Array, statedSize?: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, ROSTER_INDEX_VERSION);
  encoding.writeUint8(e, flags);
  if (statedSize !== undefined) encoding.writeVarUint(e, statedSize);
  encoding.writeUint8Array(e, body);
  return encoding.toUint8Array(e);
}

function refusal(piece: Uint8Array): AppError {
  try {
    new RosterIndexReader().add(piece);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('the piece was read');
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

test('the index reads back exactly what the model returned, deflated to a fraction of its JSON', () => {
  const space = chapter(2_000);
  const pieces = rosterIndexPieces(space).map((piece) => piece());
  const index = readRosterIndex(pieces);
  expect(index.members).toEqual(JSON.parse(JSON.stringify(space.members.all())));
  expect(index.regions.map((r) => r.name)).toEqual(['Eastside']);
  const stored = pieces.reduce((n, p) => n + p.length, 0);
  const plain = json(space.members.all()).length;
  // What keeps bytes_at_rest near the plaintext design's: sealed bytes do not compress.
  expect(stored).toBeLessThan(plain / 4);
});

test('a bomb (a piece stating a size past what its bytes may unpack to) is refused before it is inflated', () => {
  const huge = new Uint8Array(64 * 1024 * 1024); // zeros: about 64 KiB deflated, a ratio of 1000
  const bomb = deflateSync(huge, { level: 9 });
  expect(refusal(craftedPiece(1, bomb, huge.length)).code).toBe('over-compressed');
  // Past the absolute cap, whatever the ratio.
  expect(refusal(craftedPiece(1, new Uint8Array(1_000_000), MAX_UNPACKED_PIECE.maxBytes + 1)).code).toBe(
    'over-compressed',
  );
});

test('a piece that unpacks past its stated size is stopped there', () => {
  const body = json({ v: ROSTER_INDEX_VERSION, kind: 'regions', records: [{ id: 'r1', name: 'x'.repeat(5000) }] });
  const deflated = deflateSync(body, { level: 1 });
  expect(refusal(craftedPiece(1, deflated, 1024)).code).toBe('over-compressed');
});

test('a piece cut short, with unknown flags, of another version, or not JSON, is refused as corrupt', () => {
  const [first] = rosterIndexPieces(chapter(50)).map((piece) => piece());
  expect(refusal(first!.subarray(0, first!.length - 10)).code).toBe('vault-corrupt');
  expect(refusal(first!.subarray(0, 1)).code).toBe('vault-corrupt');
  expect(refusal(craftedPiece(2, json({ v: ROSTER_INDEX_VERSION, kind: 'regions', records: [] }))).code).toBe(
    'vault-corrupt',
  );
  // The version before (plain JSON, no header): the space opens as before, without a preview.
  expect(refusal(json({ v: 1, kind: 'regions', records: [] })).code).toBe('vault-corrupt');
  expect(refusal(craftedPiece(0, new TextEncoder().encode('{"v":'))).code).toBe('vault-corrupt');
});

test('a small piece that deflate would not shrink is kept plain and reads the same', () => {
  const piece = craftedPiece(0, json({ v: ROSTER_INDEX_VERSION, kind: 'regions', records: [{ id: 'r', name: 'E' }] }));
  const reader = new RosterIndexReader();
  expect(() => reader.add(piece)).not.toThrow();
});
