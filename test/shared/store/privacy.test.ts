import * as Y from 'yjs';
import { initCrypto } from '../../../shared/crypto';
import { createVault } from '../../../shared/vault';
import { dumpDatabase, fast, freshEnv } from '../vault/helpers';

beforeAll(() => initCrypto());

const SECRETS = [
  'Xiomara Quetzalcoatl-Brightwater',
  'xiomara.q@secret-union.example',
  'Talked about the eviction at 4417 Larkspur',
];

/** Every byte of a stored key or value, whatever its structure. */
function bytesOf(value: unknown, out: Buffer[]): void {
  if (value instanceof Uint8Array) out.push(Buffer.from(value));
  else if (typeof value === 'string') out.push(Buffer.from(value, 'utf8'), Buffer.from(value, 'utf16le'));
  else if (typeof value === 'number') out.push(Buffer.from(String(value)));
  else if (Array.isArray(value)) value.forEach((v) => bytesOf(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(Buffer.from(k));
      bytesOf(v, out);
    }
  }
}

test('no member string appears anywhere in IndexedDB, in UTF-8 or UTF-16', async () => {
  const env = freshEnv();
  const { vault } = await createVault(env, 'pass', fast);
  const space = await vault.createSpace('Roster');
  const handle = await vault.openSpace(space);
  const member = new Y.Map<unknown>();
  handle.doc.getMap('members').set('m1', member);
  member.set('name', SECRETS[0]);
  member.set('email', SECRETS[1]);
  await handle.flush();
  const note = new Y.Text(SECRETS[2]);
  handle.doc.getMap('notes').set('n1', note);
  await vault.lock(); // entries + snapshot

  const rows = await dumpDatabase(env);
  expect(new Set(rows.map((r) => r.store))).toEqual(new Set(['entries', 'meta', 'snapshots']));
  const chunks: Buffer[] = [];
  for (const row of rows) {
    bytesOf(row.key, chunks);
    bytesOf(row.value, chunks);
  }
  const all = Buffer.concat(chunks);
  expect(all.length).toBeGreaterThan(200);
  for (const secret of [...SECRETS, 'Xiomara', 'Larkspur', 'eviction', 'Roster']) {
    expect(all.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    expect(all.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
  }
});
