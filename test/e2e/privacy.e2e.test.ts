/**
 * What a seized laptop or a network observer would see of the real app in Chromium:
 * every byte the page stored (IndexedDB, localStorage, sessionStorage) holds no member
 * data, and the page made no request beyond its own origin.
 */
import type { Page } from 'playwright-core';
import { useApp } from './fixture';
import { addMember, createVault, go } from './flows';

const app = useApp();

const NAME = 'Xiomara Quetzalli';
const EMAIL = 'xiomara.q@example.org';
const NOTE = 'Zanzibar tenant committee in building nine';

/** Every stored string and byte, as one latin1 string per record (bytes as-is, strings as UTF-8 and UTF-16LE). */
async function everythingStored(page: Page): Promise<string[]> {
  const chunks: number[][] = await page.evaluate(async () => {
    const out: number[][] = [];
    const utf8 = new TextEncoder();
    const add = (value: unknown): void => {
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
        out.push(
          Array.from(
            new Uint8Array(
              value instanceof Uint8Array
                ? value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)
                : value,
            ),
          ),
        );
      } else if (ArrayBuffer.isView(value)) {
        out.push(Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
      } else if (typeof value === 'string') {
        out.push(Array.from(utf8.encode(value)));
        const utf16: number[] = [];
        for (let i = 0; i < value.length; i++) utf16.push(value.charCodeAt(i) & 0xff, value.charCodeAt(i) >> 8);
        out.push(utf16);
      } else if (Array.isArray(value)) {
        value.forEach(add);
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          add(k);
          add(v);
        }
      } else if (value !== undefined && value !== null) {
        add(String(value));
      }
    };
    for (const info of await indexedDB.databases()) {
      add(info.name);
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        add(store);
        await new Promise<void>((resolve, reject) => {
          const cursor = db.transaction(store).objectStore(store).openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return resolve();
            add(c.key);
            add(c.value);
            c.continue();
          };
          cursor.onerror = () => reject(cursor.error);
        });
      }
      db.close();
    }
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        add(key);
        add(storage.getItem(key));
      }
    }
    return out;
  });
  return chunks.map((bytes) => Buffer.from(bytes).toString('latin1'));
}

function encodings(text: string): string[] {
  return [Buffer.from(text, 'utf8').toString('latin1'), Buffer.from(text, 'utf16le').toString('latin1')];
}

test('nothing the page stores contains member data, and it asks nothing of other hosts', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await addMember(page, { first: 'Xiomara', last: 'Quetzalli', email: EMAIL });
  await page.getByLabel('What was said').fill(NOTE);
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByText(NOTE).waitFor();
  await go(page, 'Roster');
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();

  const stored = await everythingStored(page);
  expect(stored.join('').length).toBeGreaterThan(1000); // the vault was really written
  for (const needle of [NAME, 'Xiomara', 'Quetzalli', EMAIL, NOTE, 'Zanzibar']) {
    for (const encoded of encodings(needle)) {
      expect(stored.filter((chunk) => chunk.includes(encoded))).toEqual([]);
    }
  }

  const origin = new URL(page.url()).origin;
  expect(problems.requests.length).toBeGreaterThan(0);
  expect(
    problems.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')),
  ).toEqual([]);
  expect(problems.errors).toEqual([]);
}, 120_000);
