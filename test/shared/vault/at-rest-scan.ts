/**
 * An at-rest scan (SECURITY.md "At rest", "Checkpoints and compaction"): reads every record the
 * profile's store holds and opens everything the vault's own keys open (the passphrase is given):
 * each entry's content under the space's epoch keys (deflated payloads unpacked), snapshots,
 * read indexes (every one on disk, named or stale: shared/vault/read-index.ts), checkpoints, private
 * and name records; then says which of them hold `text`, as UTF-8 (how Yjs
 * encodes strings). What a thief who learned the passphrase would find on disk.
 */
import { utf8Encode, type SpaceId } from '../../../shared/crypto';
import { decodeContentPayload } from '../../../shared/log/content-payload';
import { rosterIndexPieceJson } from '../../../shared/model/roster-index';
import { readStoredEntry, type Entry } from '../../../shared/log/entry';
import { SpaceAccess } from '../../../shared/space';
import { openBound, openPiece, readBoundEntry, readIndexRef, type RecordRef } from '../../../shared/store/binding';
import { openManifest } from '../../../shared/store/manifest';
import {
  readCheckpointRecord,
  readManifestRecord,
  readPrivateRecord,
  readReadIndexRecord,
  readSnapshotRecord,
  readSpaceKeysRecord,
  readVaultRecord,
  type EntryKey,
} from '../../../shared/store/records';
import { passphraseKey, readKdfParams } from '../../../shared/vault';
import { openCheckpoint } from '../../../shared/vault/checkpoint';
import { openDevice, unwrapMaster } from '../../../shared/vault/keys';
import { openSnapshot } from '../../../shared/vault/snapshot';
import type { IdbEnvironment } from '../../../shared/store/indexeddb-types';
import { dumpDatabase } from './helpers';

export interface ScanHit {
  readonly store: string;
  readonly key: unknown;
}

/** Whether `needle` occurs in `hay`. */
function holds(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Every record, opened with the vault's keys; throws if one of them does not open (the scan must see all). */
export async function scanAtRest(env: IdbEnvironment, passphrase: string, text: string): Promise<ScanHit[]> {
  const rows = await dumpDatabase(env);
  const row = (store: string, key: string) => rows.find((r) => r.store === store && r.key === key)?.value;
  const keys = unwrapMaster(
    passphraseKey(passphrase, await readKdfParams(env)),
    readVaultRecord(row('meta', 'vault')).master,
  );
  const identity = openDevice(keys, readVaultRecord(row('meta', 'vault')).device);
  const manifest = openManifest(keys.meta, readManifestRecord(row('meta', 'manifest')));
  const named = (ref: Pick<RecordRef, 'name'>) => manifest.records.get(ref.name);
  const needle = utf8Encode(text);
  const hits: ScanHit[] = [];
  const look = (store: string, key: unknown, bytes: Uint8Array) => {
    // A snapshot or checkpoint is looked at piece by piece: one hit per record.
    const seen = hits.some((h) => h.store === store && JSON.stringify(h.key) === JSON.stringify(key));
    if (!seen && holds(bytes, needle)) hits.push({ store, key });
  };

  // Access logs first: they give the epoch keys that open the content.
  const entries = rows
    .filter((r) => r.store === 'entries')
    .map((r) => ({
      key: r.key as EntryKey,
      entry: readStoredEntry(readBoundEntry(keys.entryMac, r.key as EntryKey, r.value)),
    }));
  const access = new Map<SpaceId, SpaceAccess>();
  const bySpace = new Map<SpaceId, Entry[]>();
  for (const { key, entry } of entries) {
    look('entries', key, entry.bytes);
    if (key[1] === 'access') bySpace.set(key[0], [...(bySpace.get(key[0]) ?? []), entry]);
  }
  for (const [space, log] of bySpace) access.set(space, SpaceAccess.restore(space, log));
  for (const { key, entry } of entries) {
    if (key[1] !== 'content') continue;
    look('entries', key, decodeContentPayload(access.get(key[0])!.openContent(entry, identity)).update);
  }

  for (const r of rows) {
    const key = r.key as string;
    if (r.store === 'snapshots' && key.startsWith('readindex:')) {
      // Opened under its own generation, not the manifest's: a stale one left on disk must be seen too.
      const record = readReadIndexRecord(r.value);
      const ref = readIndexRef(record.space);
      const count = record.pieces.length;
      look('snapshots', key, openBound(keys.snapshot, ref, record, record.generation));
      record.pieces.forEach((p, i) =>
        // A piece's JSON is deflated (shared/model/roster-index.ts): look at what it unpacks to.
        look('snapshots', key, rosterIndexPieceJson(openPiece(keys.snapshot, ref, record.generation, i, count, p))),
      );
    } else if (r.store === 'snapshots') {
      const record = readSnapshotRecord(r.value);
      const opened = openSnapshot(keys, record.space, record, named({ name: `snapshot:${record.space}` }));
      for (let i = 0; i < opened.count; i++) look('snapshots', key, opened.piece(i));
    } else if (r.store === 'meta' && key.startsWith('checkpoint:')) {
      const record = readCheckpointRecord(r.value);
      const space = record.space;
      const checkpoint = openCheckpoint(keys, space, record, named({ name: `checkpoint:${space}` }));
      for (const piece of checkpoint.pieces) look('meta', key, piece);
    } else if (r.store === 'meta' && key.startsWith('private:')) {
      const ref = { store: 'meta' as const, key, name: key };
      look('meta', key, openBound(keys.meta, ref, readPrivateRecord(r.value), named(ref)));
    } else if (r.store === 'meta' && key.startsWith('space:')) {
      const ref = { store: 'meta' as const, key, name: key };
      look('meta', key, openBound(keys.meta, ref, readSpaceKeysRecord(r.value), named(ref)));
    }
  }
  return hits;
}
