/**
 * The parts of `sync_initial_roster_10k` (rows/sync.ts): when a newcomer's roster is usable, how
 * many bytes its connection carried, and the floor it is compared with.
 *
 * - The roster is usable once the roster's own query returns every member: what the roster view
 *   reads (renderer/views/roster/Roster.tsx: the members, the region names, the attendance counts of
 *   the chapter's "active" rule) and its default order (`filteredSorted`, by name), from the
 *   document, or from an admin's checkpoint's roster index, which the app shows first (read-only,
 *   as the unlock preview: ARCHITECTURE.md "Checkpoints and compaction").
 * - The floor is what any design pays to receive the space: the same bytes over the same kind of
 *   socket (loopback TCP, the same length-prefixed frames, the same flow control), and
 *   XChaCha20-Poly1305 over as many bytes in as many pieces (one per entry received), with no
 *   parsing, no signature, no storage and no Yjs.
 */
import sodium from 'libsodium-wrappers-sumo';
import type * as Y from 'yjs';
import { SpaceData } from '../../shared/model';
import { activeRule } from '../../shared/model/chapter-rules';
import { readRosterIndex, type RosterIndex } from '../../shared/model/roster-index';
import { attendanceCounts } from '../../shared/model/attendance';
import { encodeFrame, FrameDecoder } from '../../shared/sync/frames';
import type { ByteConnection } from '../../electron/net-bridge';
import type { SpaceHandle } from '../../shared/vault';
import { filteredSorted } from '../../renderer/views/roster/rows';
import { today } from '../../renderer/app/today';

/** The roster view's rows of `doc` in its default order (no filter, no search, by name). */
export function rosterRows(doc: Y.Doc, author: string): number {
  const data = new SpaceData(doc, author, { migrate: false });
  return indexRows({
    members: data.members.all(),
    regions: data.regions.all(),
    attendance: data.attendance.all(),
    activeRule: activeRule(data),
  });
}

/**
 * The same rows from a roster index (an admin's checkpoint's, shown before the state arrives: what
 * the roster preview reads, renderer/app/roster-preview.ts).
 */
export function indexRows(roster: Pick<RosterIndex, 'members' | 'regions' | 'attendance' | 'activeRule'>): number {
  const regionNames = new Map(roster.regions.map((r) => [r.id, r.name]));
  const rule = roster.activeRule;
  const counts = attendanceCounts(roster.attendance, { ...rule, onDay: today() });
  const rows = filteredSorted(roster.members, {}, [], { key: 'name', direction: 'ascending' }, regionNames, {
    counts,
    min: rule.min,
  });
  return rows.length;
}

/**
 * Resolves with `performance.now()` once `handle`'s roster shows `members` rows, from whichever
 * comes first: a checkpoint's roster index (its pieces decoded and queried as the preview does), or
 * a change after which the document holds them. The document's query runs only once the members
 * map holds that many keys (it reads every member: running it on each of thousands of arriving
 * entries would be the bench's own cost). `shown` says which it was.
 */
export function whenRosterUsable(
  handle: SpaceHandle,
  members: number,
  author: string,
): Promise<{ at: number; shown: 'index' | 'document' }> {
  return new Promise((resolve) => {
    const stops: (() => void)[] = [];
    const done = (shown: 'index' | 'document') => {
      resolve({ at: performance.now(), shown });
      stops.forEach((stop) => stop());
      return true;
    };
    const check = () => {
      if (handle.doc.getMap('members').size < members) return false;
      if (rosterRows(handle.doc, author) < members) return false;
      return done('document');
    };
    if (check()) return;
    stops.push(handle.onChange(check));
    stops.push(
      handle.onCheckpointPreview((pieces) => {
        if (pieces && indexRows(readRosterIndex(pieces)) >= members) done('index');
      }),
    );
  });
}

/** `connection`, counting the bytes it delivers to its reader. */
export function counted(connection: ByteConnection): { connection: ByteConnection; received(): number } {
  let received = 0;
  const wrapped: ByteConnection = {
    get info() {
      return connection.info;
    },
    get isAuthenticated() {
      return connection.isAuthenticated;
    },
    get handshakeFrames() {
      return connection.handshakeFrames;
    },
    write: (bytes) => connection.write(bytes),
    end: () => connection.end(),
    destroy: () => connection.destroy(),
    onData: (listener) =>
      connection.onData((bytes) => {
        received += bytes.length;
        listener(bytes);
      }),
    onClose: (listener) => connection.onClose(listener),
    consumed: (count) => connection.consumed(count),
    authenticated: () => connection.authenticated(),
    onAuthenticated: (listener) => connection.onAuthenticated(listener),
  };
  return { connection: wrapped, received: () => received };
}

/** What the floor sends: one sealed piece per entry received, and the rest of the bytes as filler. */
export interface WireFloor {
  readonly key: Uint8Array;
  readonly nonce: Uint8Array;
  /** Filler frames up to the bytes received, then one frame per piece (a ciphertext as long as the entry). */
  readonly frames: Uint8Array[];
  readonly pieces: number;
  readonly bytes: number;
}

const FILLER = 0;
const PIECE = 1;

/** Prepares the floor's frames (outside any timed window): `entryLengths` pieces, `wireBytes` in all. */
export function prepareWireFloor(entryLengths: readonly number[], wireBytes: number): WireFloor {
  const key = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const overhead = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES;
  const pieces = entryLengths.map((length) => {
    const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      new Uint8Array(Math.max(0, length - overhead)),
      null,
      null,
      nonce,
      key,
    );
    const body = new Uint8Array(1 + ciphertext.length);
    body[0] = PIECE;
    body.set(ciphertext, 1);
    return encodeFrame(body);
  });
  // The protocol's own bytes (handshake, heads, acknowledgements, frame seals) go first, as filler in
  // 64 KiB frames, so that the last piece decrypted is also the last byte received.
  const frames: Uint8Array[] = [];
  let bytes = pieces.reduce((n, f) => n + f.length, 0);
  for (let left = wireBytes - bytes; left > 5;) {
    const body = new Uint8Array(Math.min(64 * 1024, left - 4));
    body[0] = FILLER;
    frames.push(encodeFrame(body));
    left -= body.length + 4;
    bytes += body.length + 4;
  }
  frames.push(...pieces);
  return { key, nonce, frames, pieces: entryLengths.length, bytes };
}

/**
 * Sends the floor's frames from `sender` to `receiver`, which decrypts each piece as its frame
 * completes (and tells the connection it consumed them, as a sync session does); resolves once
 * every piece is decrypted.
 */
export function runWireFloor(floor: WireFloor, sender: ByteConnection, receiver: ByteConnection): Promise<void> {
  return new Promise((resolve, reject) => {
    const decoder = new FrameDecoder();
    let opened = 0;
    receiver.authenticated();
    sender.authenticated();
    receiver.onData((chunk) => {
      try {
        for (const frame of decoder.push(chunk)) {
          if (frame[0] !== PIECE) continue;
          sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, frame.subarray(1), null, floor.nonce, floor.key);
          if (++opened === floor.pieces) resolve();
        }
        receiver.consumed(chunk.length);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    for (const frame of floor.frames) sender.write(frame);
    if (floor.pieces === 0) resolve();
  });
}
