import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { folderBytes, originIndexedDbBytes } from './disk-bytes';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'disk-bytes-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function file(relative: string, bytes: number): void {
  const full = path.join(root, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, Buffer.alloc(bytes, 1));
}

test('a folder counts every file under it, sub-folders included', () => {
  file('a/000003.log', 1000);
  file('a/MANIFEST-000001', 37);
  file('a/nested/deeper/x', 5);
  expect(folderBytes(path.join(root, 'a'))).toBe(1042);
});

test('a folder that does not exist holds 0 bytes', () => {
  expect(folderBytes(path.join(root, 'missing'))).toBe(0);
});

test("an origin's IndexedDB is its LevelDB folder and its blob folder, not another origin's", () => {
  const idb = 'Default/IndexedDB';
  file(`${idb}/http_127.0.0.1_4100.indexeddb.leveldb/000005.ldb`, 300);
  file(`${idb}/http_127.0.0.1_4100.indexeddb.leveldb/000006.log`, 20);
  file(`${idb}/http_127.0.0.1_4100.indexeddb.blob/1/00/3`, 4000);
  file(`${idb}/http_127.0.0.1_4200.indexeddb.leveldb/000005.ldb`, 999);
  expect(originIndexedDbBytes(root, 'http://127.0.0.1:4100')).toEqual({ leveldb: 320, blobs: 4000 });
  expect(originIndexedDbBytes(root, 'http://127.0.0.1:4200')).toEqual({ leveldb: 999, blobs: 0 });
  expect(originIndexedDbBytes(root, 'http://127.0.0.1:4300')).toEqual({ leveldb: 0, blobs: 0 });
});
