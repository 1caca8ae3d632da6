/**
 * STAND-IN vault until shared/vault + shared/store land: same promises to the
 * UI (nothing in clear at rest), far simpler inside. A random master key is
 * wrapped twice (Argon2id of the passphrase; the recovery key); each space's
 * name and whole Yjs state are sealed under it and rewritten after changes.
 * No signed change log here: that is the real engine's job.
 */
import { openDB, type IDBPDatabase } from 'idb';
import * as Y from 'yjs';
import {
  deriveKey,
  deriveSubkey,
  deviceIdOf,
  fromBase64Url,
  generateDeviceIdentity,
  newKdfParams,
  newSymmetricKey,
  open,
  randomBytes,
  randomId,
  seal,
  toBase64Url,
  utf8Decode,
  utf8Encode,
  type KdfParams,
  type Sealed,
  type SymmetricKey,
} from '../../shared/crypto';
import { AppError } from '../../shared/errors';
import type { CreatedVault, SpaceSummary, UnlockedVault, VaultGateway } from './gateway';

const DB_NAME = 'sealed-roster-standin';
const STORE = 'records';
const SAVE_DELAY_MS = 300;

interface VaultRecord {
  readonly kdf: KdfParams;
  readonly byPassphrase: Sealed;
  readonly byRecovery: Sealed;
  readonly device: Sealed;
}
interface SpaceRecord {
  readonly id: string;
  readonly name: Sealed;
  readonly state: Sealed | null;
}

function database(): Promise<IDBPDatabase> {
  return openDB(DB_NAME, 1, { upgrade: (db) => void db.createObjectStore(STORE) });
}

function recoveryWrap(recoveryKey: string): SymmetricKey {
  const bytes = fromBase64Url(recoveryKey.trim());
  if (bytes.length !== 30) throw new AppError('wrong-recovery-key', 'recovery key has the wrong length');
  return deriveSubkey(bytes, 'standin/recovery');
}

export function standinGateway(): VaultGateway {
  async function readVault(): Promise<VaultRecord | undefined> {
    const db = await database();
    try {
      return (await db.get(STORE, 'vault')) as VaultRecord | undefined;
    } finally {
      db.close();
    }
  }

  async function unlockWith(
    wrapping: SymmetricKey,
    code: 'wrong-passphrase' | 'wrong-recovery-key',
    pick: (v: VaultRecord) => Sealed,
  ) {
    const record = await readVault();
    if (!record) throw new AppError('vault-missing', 'no vault on this device');
    let master: SymmetricKey;
    try {
      master = open(wrapping, pick(record)) as SymmetricKey;
    } catch {
      throw new AppError(code, 'the key does not open this vault');
    }
    const deviceId = utf8Decode(open(master, record.device));
    return unlocked(await database(), master, deviceId);
  }

  return {
    async exists() {
      return (await readVault()) !== undefined;
    },
    async create(passphrase) {
      if (await readVault()) throw new AppError('vault-exists', 'a vault already exists on this device');
      const kdf = newKdfParams('standard');
      const master = newSymmetricKey();
      const recoveryKey = toBase64Url(randomBytes(30));
      const deviceId = deviceIdOf(generateDeviceIdentity().signPublic);
      const record: VaultRecord = {
        kdf,
        byPassphrase: seal(deriveKey(passphrase, kdf), master),
        byRecovery: seal(recoveryWrap(recoveryKey), master),
        device: seal(master, utf8Encode(deviceId)),
      };
      const db = await database();
      await db.put(STORE, record, 'vault');
      const created: CreatedVault = { vault: unlocked(db, master, deviceId), recoveryKey };
      return created;
    },
    async unlock(passphrase) {
      const record = await readVault();
      if (!record) throw new AppError('vault-missing', 'no vault on this device');
      return unlockWith(deriveKey(passphrase, record.kdf), 'wrong-passphrase', (v) => v.byPassphrase);
    },
    async unlockWithRecoveryKey(recoveryKey) {
      return unlockWith(recoveryWrap(recoveryKey), 'wrong-recovery-key', (v) => v.byRecovery);
    },
  };
}

function unlocked(db: IDBPDatabase, master: SymmetricKey, deviceId: string): UnlockedVault {
  const docs = new Map<string, { doc: Y.Doc; name: Sealed; timer?: ReturnType<typeof setTimeout> }>();
  let locked = false;

  async function save(id: string): Promise<void> {
    const open = docs.get(id);
    if (!open) return;
    clearTimeout(open.timer);
    open.timer = undefined;
    const record: SpaceRecord = { id, name: open.name, state: seal(master, Y.encodeStateAsUpdate(open.doc)) };
    await db.put(STORE, record, `space/${id}`);
  }

  function check(): void {
    if (locked) throw new AppError('vault-locked', 'the vault is locked');
  }

  return {
    deviceId,
    async listSpaces() {
      check();
      const keys = (await db.getAllKeys(STORE)).filter((k) => String(k).startsWith('space/'));
      const spaces: SpaceSummary[] = [];
      for (const key of keys) {
        const r = (await db.get(STORE, key)) as SpaceRecord;
        spaces.push({ id: r.id, name: utf8Decode(open(master, r.name)) });
      }
      return spaces.sort((a, b) => a.name.localeCompare(b.name));
    },
    async createSpace(name) {
      check();
      const id = randomId();
      const record: SpaceRecord = { id, name: seal(master, utf8Encode(name)), state: null };
      await db.put(STORE, record, `space/${id}`);
      return { id, name };
    },
    async openSpace(id) {
      check();
      const already = docs.get(id);
      if (already) return already.doc;
      const record = (await db.get(STORE, `space/${id}`)) as SpaceRecord | undefined;
      if (!record) throw new AppError('unknown-space', 'no such space');
      const doc = new Y.Doc(); // a fresh clientID on every load (DESIGN.md)
      if (record.state) Y.applyUpdate(doc, open(master, record.state), 'load');
      const entry: { doc: Y.Doc; name: Sealed; timer?: ReturnType<typeof setTimeout> } = { doc, name: record.name };
      docs.set(id, entry);
      doc.on('update', (_update: Uint8Array, origin: unknown) => {
        if (origin === 'load' || locked) return;
        clearTimeout(entry.timer);
        entry.timer = setTimeout(() => void save(id), SAVE_DELAY_MS);
      });
      return doc;
    },
    async lock() {
      if (locked) return;
      await Promise.all([...docs.keys()].filter((id) => docs.get(id)?.timer !== undefined).map(save));
      locked = true;
      for (const { doc, timer } of docs.values()) {
        clearTimeout(timer);
        doc.destroy();
      }
      docs.clear();
      master.fill(0);
      db.close();
    },
  };
}
