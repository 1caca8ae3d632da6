/**
 * Bytes at rest in an IndexedDB database: every key and value of every object
 * store, walked with cursors. Binary counts its length, strings their UTF-8
 * length, numbers 8, object field names their length: the same rule for
 * both sides, so the ratio compares like with like.
 */
export function sizeOf(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'boolean') return 8;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + sizeOf(v), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce((n, [k, v]) => n + Buffer.byteLength(k) + sizeOf(v), 0);
  }
  return 0;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function databaseBytes(factory: IDBFactory, name: string): Promise<number> {
  const db = await request(factory.open(name));
  let total = 0;
  for (const store of Array.from(db.objectStoreNames)) {
    await new Promise<void>((resolve, reject) => {
      const req = db.transaction(store).objectStore(store).openCursor();
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return resolve();
        total += sizeOf(cursor.key) + sizeOf(cursor.value);
        cursor.continue();
      };
      req.onerror = () => reject(req.error);
    });
  }
  db.close();
  return total;
}
