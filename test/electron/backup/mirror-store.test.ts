/**
 * The second copy of the vault on real files: the journal, complete copies (bases), what a restore
 * reads back, and what happens to torn and damaged files.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeDisk, type Disk } from '../../../electron/backup/disk';
import { parseFile } from '../../../electron/backup/frames';
import { KEEP_BASES, MirrorStore, type MirrorFrame } from '../../../electron/backup/mirror-store';
import { isAppError } from '../../../shared/errors';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'mirror-store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tx = (seq: number, text = `transaction ${seq}`): MirrorFrame => ({ seq, bytes: new TextEncoder().encode(text) });
const texts = (frames: readonly MirrorFrame[]) => frames.map((f) => `${f.seq}:${new TextDecoder().decode(f.bytes)}`);

async function withBase(store: MirrorStore, covers: number, records: string[]): Promise<void> {
  const id = await store.beginBase(covers);
  for (const r of records) await store.addToBase(id, new TextEncoder().encode(r));
  await store.commitBase(id);
}

test('appended transactions are read back in order after the store is opened again', async () => {
  const store = await MirrorStore.open(dir);
  await store.append([tx(1), tx(2)]);
  const status = await store.append([tx(5)]);
  expect(status.lastSeq).toBe(5);
  await store.close();

  const again = await MirrorStore.open(dir);
  expect(again.status().lastSeq).toBe(5);
  const copy = await again.latestCopy();
  expect(texts(copy!.frames)).toEqual(['1:transaction 1', '2:transaction 2', '5:transaction 5']);
  expect(copy).toMatchObject({ seq: 5, skippedBases: 0, damaged: false });
  await again.close();
});

test('a transaction it already holds is skipped (a retry after a lost reply); an older one out of order is refused', async () => {
  const store = await MirrorStore.open(dir);
  await store.append([tx(1), tx(2)]);
  await store.append([tx(2), tx(3)]);
  expect(texts((await store.latestCopy())!.frames)).toEqual(['1:transaction 1', '2:transaction 2', '3:transaction 3']);
  await expect(store.append([tx(5), tx(4)])).rejects.toMatchObject({ code: 'ipc-bad-request' });
  await store.close();
});

test('a torn tail (a crash mid-append) is cut off before the next append, so it never sits inside the journal', async () => {
  const store = await MirrorStore.open(dir);
  await store.append([tx(1), tx(2)]);
  await store.close();
  const journal = path.join(
    dir,
    readdirSync(dir).find((n) => n.startsWith('journal-'))!,
  );
  const intact = readFileSync(journal).byteLength;
  appendFileSync(journal, Buffer.from([0, 0, 0, 200, 1, 2, 3, 4, 1, 0, 0])); // a header promising 200 bytes, and 3 of them

  const again = await MirrorStore.open(dir);
  expect(readFileSync(journal).byteLength).toBe(intact);
  await again.append([tx(3)]);
  await again.close();
  const parsed = parseFile(new Uint8Array(readFileSync(journal)));
  expect(parsed.torn).toBe(false);
  expect(parsed.frames.map((f) => f.seq)).toEqual([1, 2, 3]);
});

test('an append that fails half-way is cut back: the journal keeps only whole, acknowledged transactions', async () => {
  let failNext = false;
  const disk: Disk = {
    ...nodeDisk,
    async open(file, mode) {
      const real = await nodeDisk.open(file, mode);
      return {
        ...real,
        async write(bytes) {
          if (!failNext) return real.write(bytes);
          failNext = false;
          await real.write(bytes.subarray(0, 5)); // the disk filled up after 5 bytes
          throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        },
      };
    },
  };
  const store = await MirrorStore.open(dir, disk);
  await store.append([tx(1)]);
  failNext = true;
  const failure = await store.append([tx(2)]).catch((e: unknown) => e);
  expect(isAppError(failure, 'storage-failed')).toBe(true);
  await store.append([tx(2, 'written on the retry')]);
  await store.close();
  const again = await MirrorStore.open(dir);
  expect(texts((await again.latestCopy())!.frames)).toEqual(['1:transaction 1', '2:written on the retry']);
  await again.close();
});

test('a base is a complete copy: a restore reads it, then the journal past it', async () => {
  const store = await MirrorStore.open(dir);
  await store.append([tx(1), tx(2), tx(3)]);
  await withBase(store, 3, ['record a', 'record b']);
  await store.append([tx(4)]);
  const copy = await store.latestCopy();
  expect(texts(copy!.frames)).toEqual(['3:record a', '3:record b', '4:transaction 4']);
  expect(copy!.seq).toBe(4);
  await store.close();
});

test('transactions appended while a base is being written are not lost: the new journal chains to the old one', async () => {
  const store = await MirrorStore.open(dir);
  await store.append([tx(1)]);
  const id = await store.beginBase(1); // the base covers the store as of transaction 1
  await store.append([tx(2)]); // committed while the base uploads: it lands in the old journal
  await store.addToBase(id, new TextEncoder().encode('record as of 1'));
  await store.commitBase(id);
  await store.append([tx(3)]); // the new journal
  expect(texts((await store.latestCopy())!.frames)).toEqual(['1:record as of 1', '2:transaction 2', '3:transaction 3']);
  await store.close();
});

test('a damaged newest base falls back to the one before it without losing a transaction', async () => {
  const store = await MirrorStore.open(dir);
  await store.append([tx(1)]);
  await withBase(store, 1, ['as of 1']);
  await store.append([tx(2)]);
  await withBase(store, 2, ['as of 2']);
  await store.append([tx(3)]);
  await store.close();
  const newest = readdirSync(dir)
    .filter((n) => n.startsWith('base-'))
    .sort()
    .at(-1)!;
  const bytes = readFileSync(path.join(dir, newest));
  bytes[bytes.byteLength - 3]! ^= 0xff; // rot in its last frame
  writeFileSync(path.join(dir, newest), bytes);

  const again = await MirrorStore.open(dir);
  const copy = await again.latestCopy();
  expect(copy!.skippedBases).toBe(1);
  expect(texts(copy!.frames)).toEqual(['1:as of 1', '2:transaction 2', '3:transaction 3']);
  await again.close();
});

test(`once ${KEEP_BASES} bases exist, older bases and the journals they cover are deleted`, async () => {
  const store = await MirrorStore.open(dir);
  for (let seq = 1; seq <= 5; seq++) {
    await store.append([tx(seq)]);
    await withBase(store, seq, [`as of ${seq}`]);
  }
  await store.append([tx(6)]);
  const names = readdirSync(dir).sort();
  expect(names.filter((n) => n.startsWith('base-'))).toHaveLength(KEEP_BASES);
  expect(names.filter((n) => n.startsWith('journal-'))).toHaveLength(KEEP_BASES);
  expect(store.status()).toMatchObject({ bases: KEEP_BASES, lastSeq: 6 });
  expect(texts((await store.latestCopy())!.frames)).toEqual(['5:as of 5', '6:transaction 6']);
  await store.close();
});

test('an unfinished base upload (a crash before commit) is dropped and never read as a copy', async () => {
  const store = await MirrorStore.open(dir);
  await store.append([tx(1)]);
  const id = await store.beginBase(1);
  await store.addToBase(id, new TextEncoder().encode('half a copy'));
  await store.close(); // gone before commit
  expect(readdirSync(dir).some((n) => n.endsWith('.tmp'))).toBe(false);
  const again = await MirrorStore.open(dir);
  expect(texts((await again.latestCopy())!.frames)).toEqual(['1:transaction 1']);
  await again.close();
});

test('an empty folder has nothing to restore', async () => {
  const store = await MirrorStore.open(dir);
  expect(store.status()).toMatchObject({ lastSeq: 0, bases: 0 });
  expect((await store.latestCopy())?.frames).toEqual([]);
  await store.close();
});

test('a journal whose header is unreadable is moved aside, never appended to', async () => {
  const store = await MirrorStore.open(dir);
  await store.append([tx(1)]);
  await store.close();
  const journal = path.join(
    dir,
    readdirSync(dir).find((n) => n.startsWith('journal-'))!,
  );
  const bytes = readFileSync(journal);
  bytes[0] = 0; // its magic is gone
  writeFileSync(journal, bytes);
  const again = await MirrorStore.open(dir);
  await again.append([tx(2)]);
  await again.close();
  expect(readdirSync(dir).some((n) => n.endsWith('.damaged'))).toBe(true);
  expect(parseFile(new Uint8Array(readFileSync(journal))).frames.map((f) => f.seq)).toEqual([2]);
});
