/**
 * A copy of the vault database Chromium keeps in a profile (its real IndexedDB), read in the page and
 * written into fake-indexeddb in Node, so the at-rest scan (test/shared/vault/at-rest-scan.ts) can
 * open every record with the vault's keys: what a thief who learned the passphrase finds on disk.
 */
import type { Page } from 'playwright-core';
import type { IdbEnvironment } from '../../shared/store/indexeddb-types';
import { Database } from '../../shared/store/database';
import { ALL_STORES } from '../../shared/store/records';
import { freshEnv, putRow } from '../shared/vault/helpers';

/** Byte arrays travel out of the page as `{ u8: [...] }` (playwright passes JSON-like values). */
type Wire = null | boolean | number | string | Wire[] | { u8: number[] } | { [key: string]: Wire };

function revive(value: Wire): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    if ('u8' in value && Array.isArray(value.u8)) return new Uint8Array(value.u8 as number[]);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v as Wire)]));
  }
  return value;
}

export async function profileCopy(page: Page): Promise<IdbEnvironment> {
  const rows = await page.evaluate(
    async (stores: string[]) => {
      const wire = (v: unknown): unknown =>
        v instanceof Uint8Array
          ? { u8: Array.from(v) }
          : Array.isArray(v)
            ? v.map(wire)
            : v && typeof v === 'object'
              ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wire(x)]))
              : v;
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const r = indexedDB.open('sealed-roster');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const out: { store: string; key: unknown; value: unknown }[] = [];
      for (const store of stores) {
        await new Promise<void>((resolve, reject) => {
          const q = db.transaction(store).objectStore(store).openCursor();
          q.onsuccess = () => {
            const cursor = q.result;
            if (!cursor) return resolve();
            out.push({ store, key: wire(cursor.key), value: wire(cursor.value) });
            cursor.continue();
          };
          q.onerror = () => reject(q.error);
        });
      }
      db.close();
      return out;
    },
    [...ALL_STORES],
  );
  const env = freshEnv();
  (await Database.open(env)).close();
  for (const row of rows) {
    await putRow(env, row.store, revive(row.key as Wire) as IDBValidKey, revive(row.value as Wire));
  }
  return env;
}
