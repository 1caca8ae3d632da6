/**
 * An unlocked vault: the device identity, the master keys and the open
 * spaces live here, in memory, until `lock()`.
 */
import {
  deriveKey,
  deviceCardOf,
  newKdfParams,
  wipe,
  type DeviceCard,
  type DeviceIdentity,
  type KdfCost,
  type KdfParams,
  type SpaceId,
  type SymmetricKey,
} from '../crypto';
import { createSpace as createAccessLog } from '../space';
import { entryKey, putEntries } from '../store/entry-store';
import { AppError, isAppError } from '../errors';
import type { Database } from '../store/database';
import { problemCode, type SaveState, type StoreProblem } from '../store/problems';
import {
  META,
  SPACE_KEY_PREFIX,
  VAULT_KEY,
  readSpaceKeysRecord,
  readVaultRecord,
  spaceKeysKey,
  type SpaceKeysRecord,
  type VaultRecord,
} from '../store/records';
import {
  openPrivate,
  PRIVATE_KEY_PREFIX,
  sealPrivate,
  openDevice,
  openSpaceSecrets,
  sealSpaceSecrets,
  newMasterKeys,
  unwrapMaster,
  type MasterKeys,
  type SpaceSecrets,
} from './keys';
import { changeKeys } from './rotation';
import { SpaceHandle } from './space-handle';
import { Listeners } from './listeners';
import type { SnapshotPolicyOptions } from './snapshot-policy';

export interface VaultOptions {
  /** When to write a space's local snapshot besides on close/lock: when idle, or past a byte budget (snapshot-policy.ts). */
  readonly snapshots?: SnapshotPolicyOptions;
  /** Quiet period before local changes become an entry. Default 300 ms. */
  readonly batchDelayMs?: number;
  /** Clock for entry timestamps (tests). */
  readonly now?: () => number;
  /** How soon a failed write of own changes is tried again. Default 5 s. */
  readonly saveRetryMs?: number;
}

export interface SpaceSummary {
  readonly id: SpaceId;
  readonly name: string;
}

export class Vault {
  private keys: MasterKeys | null;
  private identity: DeviceIdentity | null;
  private readonly open = new Map<SpaceId, Promise<SpaceHandle>>();
  private readonly reported: StoreProblem[] = [];
  private readonly saveStates = new Listeners<[SaveState]>();
  private readonly problemListeners = new Listeners<[StoreProblem]>();
  /** A master-key change in progress (changeKeys): key users wait for it. */
  private rotation: Promise<void> | null = null;

  /** Use createVault / unlockVault / unlockWithRecoveryKey. */
  constructor(
    private readonly db: Database,
    keys: MasterKeys,
    identity: DeviceIdentity,
    private readonly options: VaultOptions,
  ) {
    this.keys = keys;
    this.identity = identity;
  }

  static open(db: Database, keys: MasterKeys, record: VaultRecord, options: VaultOptions): Vault {
    let identity: DeviceIdentity;
    try {
      identity = openDevice(keys, record.device);
    } catch {
      throw new AppError('vault-corrupt', 'the device identity cannot be read');
    }
    return new Vault(db, keys, identity, options);
  }

  get locked(): boolean {
    return this.keys === null;
  }

  /** This device's public card (its id is the signing key). */
  get device(): DeviceCard {
    return deviceCardOf(this.unlocked().identity);
  }

  /**
   * The device's key pair, for the sync layer (handshake signatures, bundles
   * sealed to this device). Held in memory only; never persist or log it.
   */
  deviceIdentity(): DeviceIdentity {
    return this.unlocked().identity;
  }

  /** Stored records that could not be used since unlock (left in place). */
  get problems(): readonly StoreProblem[] {
    return this.reported;
  }

  /**
   * Called when this device's own changes in a space could not be written
   * (they are kept in memory and retried) and again once they are written.
   * Returns an unsubscribe function.
   */
  onSaveState(listener: (state: SaveState) => void): () => void {
    return this.saveStates.add(listener);
  }

  private unlocked(): { keys: MasterKeys; identity: DeviceIdentity } {
    if (!this.keys || !this.identity) throw new AppError('vault-locked', 'the vault is locked');
    return { keys: this.keys, identity: this.identity };
  }

  /** The keys once a master-key change in progress is done (nothing may seal under keys about to be replaced). */
  private async ready(): Promise<{ keys: MasterKeys; identity: DeviceIdentity }> {
    while (this.rotation) await this.rotation;
    return this.unlocked();
  }

  /** Called with each store problem reported from now on (`problems` holds the earlier ones). */
  onProblem(listener: (problem: StoreProblem) => void): () => void {
    return this.problemListeners.add(listener);
  }

  private report = (problem: StoreProblem): void => {
    this.reported.push(problem);
    this.problemListeners.emit(problem);
  };

  /** A new space with this device as its only admin (signed `create` access entry, epoch 1 key). */
  async createSpace(name: string): Promise<SpaceId> {
    const { keys, identity } = await this.ready();
    const { access, entry } = createAccessLog(identity);
    const space = access.space;
    const record: SpaceKeysRecord = { v: 1, space, sealed: sealSpaceSecrets(keys, space, { name }) };
    await putEntries(this.db, [{ key: entryKey(space, 'access', entry.header.author, 1), bytes: entry.bytes }]);
    await this.db.put(META, spaceKeysKey(space), record);
    return space;
  }

  /**
   * Records that this device belongs to a space it was let into (the invite
   * flow calls this); its access and content entries then arrive through
   * `openSpace(id).receiveEntries`.
   */
  async joinSpace(space: SpaceId, name: string): Promise<void> {
    const { keys } = await this.ready();
    const record: SpaceKeysRecord = { v: 1, space, sealed: sealSpaceSecrets(keys, space, { name }) };
    await this.db.put(META, spaceKeysKey(space), record);
  }

  /** Spaces whose keys this device holds. Unreadable records are reported and skipped. */
  async listSpaces(): Promise<SpaceSummary[]> {
    const { keys } = await this.ready();
    const rows = await this.db.rows(META);
    const spaces: SpaceSummary[] = [];
    for (const row of rows) {
      if (typeof row.key !== 'string' || !row.key.startsWith(SPACE_KEY_PREFIX)) continue;
      const id = row.key.slice(SPACE_KEY_PREFIX.length) as SpaceId;
      try {
        const record = readSpaceKeysRecord(row.value);
        spaces.push({ id, name: openSpaceSecrets(keys, id, record.sealed).name });
      } catch (e) {
        this.reportOnce({ kind: 'space-keys', space: id, code: problemCode(e) });
      }
    }
    return spaces;
  }

  private reportOnce(problem: StoreProblem): void {
    const same = this.reported.some((p) => JSON.stringify(p) === JSON.stringify(problem));
    if (!same) this.reported.push(problem);
  }

  private async secretsOf(space: SpaceId): Promise<SpaceSecrets> {
    const { keys } = await this.ready();
    const value = await this.db.get(META, spaceKeysKey(space));
    if (value === undefined) throw new AppError('unknown-space', 'this device does not belong to that space');
    try {
      return openSpaceSecrets(keys, space, readSpaceKeysRecord(value).sealed);
    } catch (e) {
      this.reportOnce({ kind: 'space-keys', space, code: problemCode(e) });
      throw new AppError('vault-corrupt', 'the keys of that space cannot be read');
    }
  }

  /**
   * Opens a space: its snapshot plus newer entries into a fresh Y.Doc (a new
   * Yjs clientID every time). Opening an open space returns the same handle.
   */
  async openSpace(space: SpaceId): Promise<SpaceHandle> {
    this.unlocked();
    const existing = this.open.get(space);
    if (existing) return existing;
    const opening = this.ready().then(async ({ keys, identity }) =>
      SpaceHandle.load({
        db: this.db,
        keys,
        identity,
        space,
        options: this.options,
        report: this.report,
        secrets: await this.secretsOf(space),
        onSaveState: (state) => this.saveStates.emit(state),
        onClose: () => this.open.delete(space),
      }),
    );
    this.open.set(space, opening);
    opening.catch(() => this.open.delete(space));
    return opening;
  }

  /**
   * Small private records of other modules (pending invites, ...), sealed
   * under the vault's meta key with the record's name as associated data.
   * The name is stored in clear: keep it free of member data.
   */
  async putPrivate(name: string, value: Uint8Array): Promise<void> {
    const { keys } = await this.ready();
    await this.db.put(META, PRIVATE_KEY_PREFIX + name, sealPrivate(keys, name, value));
  }

  /** The record, or undefined when absent; AppError('vault-corrupt') when it cannot be opened. */
  async getPrivate(name: string): Promise<Uint8Array | undefined> {
    const { keys } = await this.ready();
    const value = await this.db.get(META, PRIVATE_KEY_PREFIX + name);
    return value === undefined ? undefined : openPrivate(keys, name, value);
  }

  async deletePrivate(name: string): Promise<void> {
    this.unlocked();
    await this.db.delete(META, PRIVATE_KEY_PREFIX + name);
  }

  /** Names of private records starting with `prefix`. */
  async listPrivate(prefix: string): Promise<string[]> {
    this.unlocked();
    const rows = await this.db.rows(META);
    return rows
      .map((r) => r.key)
      .filter((k): k is string => typeof k === 'string' && k.startsWith(PRIVATE_KEY_PREFIX + prefix))
      .map((k) => k.slice(PRIVATE_KEY_PREFIX.length));
  }

  /** The Argon2id parameters of the current passphrase, and fresh ones (new salt, same cost) for a new passphrase. */
  async passphraseKdf(cost?: KdfCost): Promise<{ current: KdfParams; next: KdfParams }> {
    this.unlocked();
    const record = readVaultRecord(await this.db.get(META, VAULT_KEY));
    const next = cost
      ? newKdfParams(cost)
      : { ...newKdfParams(), opsLimit: record.kdf.opsLimit, memLimit: record.kdf.memLimit };
    return { current: record.kdf, next };
  }

  /**
   * A new passphrase (and, if asked, a new recovery key and a new master key), all in one
   * transaction (rotation.ts): after a crash at any moment the old or the new passphrase opens
   * the vault. `recoveryKey` is a new one from newRecoveryKey(), shown to the organizer BEFORE
   * this is called, so that a crash never leaves a recovery key nobody saw. A wrong current
   * passphrase throws AppError('wrong-passphrase') and changes nothing. With a new master key,
   * every open space is written and closed first; they reopen under the new keys.
   */
  async changeKeys(
    currentKek: SymmetricKey,
    next: { readonly kdf: KdfParams; readonly kek: SymmetricKey },
    options: { readonly recoveryKey?: string; readonly newMasterKey?: boolean } = {},
  ): Promise<void> {
    const { keys } = await this.ready();
    await this.checkPassphraseKey(currentKek);
    const change = { kdf: next.kdf, kek: next.kek, recoveryKey: options.recoveryKey ?? null };
    if (!options.newMasterKey) return changeKeys(this.db, keys, { ...change, master: null });
    const master = newMasterKeys();
    const rotation = (async () => {
      await this.closeSpaces();
      await changeKeys(this.db, keys, { ...change, master });
      this.keys = master;
      wipe(keys.master);
      wipe(keys.meta);
      wipe(keys.snapshot);
    })();
    this.rotation = rotation.catch(() => undefined);
    try {
      await rotation;
    } finally {
      this.rotation = null;
    }
  }

  /** Throws AppError('wrong-passphrase') unless `kek` (from the current passphrase) opens the stored vault. */
  async checkPassphraseKey(kek: SymmetricKey): Promise<void> {
    this.unlocked();
    const record = readVaultRecord(await this.db.get(META, VAULT_KEY));
    let check: MasterKeys;
    try {
      check = unwrapMaster(kek, record.master);
    } catch (e) {
      if (isAppError(e, 'decrypt-failed')) throw new AppError('wrong-passphrase', 'the current passphrase is wrong');
      throw e;
    }
    wipe(check.master);
    wipe(check.meta);
    wipe(check.snapshot);
  }

  /** changeKeys with passphrases (the slow Argon2id steps run here: tests and tools; the app derives in a worker). */
  async changePassphrase(
    current: string,
    next: string,
    options: { readonly cost?: KdfCost; readonly recoveryKey?: string; readonly newMasterKey?: boolean } = {},
  ): Promise<void> {
    const kdf = await this.passphraseKdf(options.cost);
    await this.changeKeys(deriveKey(current, kdf.current), { kdf: kdf.next, kek: deriveKey(next, kdf.next) }, options);
  }

  /** Writes every open space's pending changes to disk (both copies); rejects if a write failed. */
  async flush(): Promise<void> {
    const handles = await Promise.allSettled([...this.open.values()]);
    await Promise.all(handles.flatMap((h) => (h.status === 'fulfilled' ? [h.value.flush()] : [])));
  }

  /** Flushes and closes every open space (each writes its snapshot). */
  private async closeSpaces(): Promise<PromiseSettledResult<void>[]> {
    const handles = await Promise.allSettled([...this.open.values()]);
    const closing = handles.flatMap((h) => (h.status === 'fulfilled' ? [h.value.close()] : []));
    return Promise.allSettled(closing);
  }

  /** Flushes pending changes and writes snapshots of open spaces, then drops every key. */
  async lock(): Promise<void> {
    if (this.locked) return;
    await this.rotation;
    const results = await this.closeSpaces();
    const { keys, identity } = this.unlocked();
    wipe(keys.master);
    wipe(keys.meta);
    wipe(keys.snapshot);
    wipe(identity.signSecret);
    wipe(identity.boxSecret);
    this.keys = null;
    this.identity = null;
    this.db.close();
    const failed = results.find((r) => r.status === 'rejected');
    if (failed && failed.status === 'rejected') throw failed.reason;
  }
}
