/**
 * An unlocked vault: the device identity, the master keys and the open
 * spaces live here, in memory, until `lock()`. Every write goes through one
 * BoundStore, which keeps the manifest current; records that differ from
 * what the vault wrote are reported, and a space that holds any does not
 * open until the organizer chooses to go on (SECURITY.md "At rest").
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
import { entryHash } from '../log/entry';
import { entryKey } from '../store/entry-store';
import { AppError, isAppError } from '../errors';
import { privateRef, spaceKeysRef } from '../store/binding';
import { BoundStore } from '../store/bound-store';
import type { Database } from '../store/database';
import type { Manifest } from '../store/manifest';
import { isTamperedSpaceError, type SaveState, type StoreProblem, type TamperFinding } from '../store/problems';
import { META, VAULT_KEY, readVaultRecord, type VaultRecord } from '../store/records';
import {
  boundKeysOf,
  openDevice,
  sealPrivate,
  sealSpaceSecrets,
  newMasterKeys,
  unwrapMaster,
  type MasterKeys,
} from './keys';
import { getPrivate, listPrivate, listSpaceNames, readManifest, readSpaceName } from './meta-records';
import { rebind } from './rebind';
import { dropSnapshotsBehind } from './restored';
import { changeKeys } from './rotation';
import { PeerHoldings } from './peer-holdings';
import { SpaceHandle } from './space-handle';
import { Emitter } from '../util/emitter';
import { ignoreListenerError } from './listeners';
import type { SnapshotPolicyOptions } from './snapshot-policy';
import { readIndexPieces, type ReadIndexWriter } from './read-index';

export interface VaultOptions {
  /** When to write a space's local snapshot besides on close/lock: when idle, or past a byte budget (snapshot-policy.ts). */
  readonly snapshots?: SnapshotPolicyOptions;
  /** Quiet period before local changes become an entry. Default 300 ms. */
  readonly batchDelayMs?: number;
  /** Clock for entry timestamps (tests). */
  readonly now?: () => number;
  /** How soon a failed write of own changes is tried again. Default 5 s. */
  readonly saveRetryMs?: number;
  /** Root types the snapshot's last pieces hold, after the others (the notes: snapshot-pieces.ts). */
  readonly snapshotLater?: readonly string[];
  /**
   * Gives the event loop back between pieces of long work: a snapshot's pieces as a space opens
   * (space-load.ts), the groups of a received batch (space-handle.ts). Default: the next task.
   */
  readonly yieldTask?: () => Promise<void>;
  /**
   * Makes a space's read index from its document, written beside each snapshot (read-index.ts); the
   * roster shows it at unlock while the document loads (previewSpace). Without it, no index is written.
   */
  readonly readIndex?: ReadIndexWriter;
  /**
   * The same for an admin's signed checkpoint (its roster index: compaction.ts), which a newcomer
   * shows first; it may read the document when readIndex would not (compaction is rare). Default: readIndex.
   */
  readonly checkpointIndex?: ReadIndexWriter;
}

export interface SpaceSummary {
  readonly id: SpaceId;
  /** Empty when the space's name record was lost (reported in `problems`). */
  readonly name: string;
}

export interface OpenSpaceOptions {
  /**
   * The organizer saw what was changed outside the app and chose to go on:
   * the store is first cleared of every record that does not authenticate
   * and bound again to what is left (rebind.ts).
   */
  readonly despiteTampering?: boolean;
}

export class Vault {
  private keys: MasterKeys | null;
  private identity: DeviceIdentity | null;
  private readonly open = new Map<SpaceId, Promise<SpaceHandle>>();
  private readonly reported: StoreProblem[] = [];
  private readonly saveStates = new Emitter<[SaveState]>(ignoreListenerError);
  /** A master-key change in progress (changeKeys): key users wait for it. */
  private rotation: Promise<void> | null = null;
  private readonly problemListeners = new Emitter<[StoreProblem]>(ignoreListenerError);
  /** Replaced with one under the new keys by a master-key change. */
  private store: BoundStore;
  /** What each organizer's device is known to hold, for compaction (peer-holdings.ts). */
  readonly holdings = new PeerHoldings();

  /** Use createVault / unlockVault / unlockWithRecoveryKey. */
  constructor(
    private readonly db: Database,
    keys: MasterKeys,
    identity: DeviceIdentity,
    manifest: Manifest | null,
    private readonly options: VaultOptions,
  ) {
    this.keys = keys;
    this.identity = identity;
    this.store = new BoundStore(db, boundKeysOf(keys), manifest);
  }

  /** Opens an existing vault's records: the device identity, and the manifest (or a report of why it is not trusted). */
  static async open(db: Database, keys: MasterKeys, record: VaultRecord, options: VaultOptions): Promise<Vault> {
    let identity: DeviceIdentity;
    try {
      identity = openDevice(keys, record.device);
    } catch {
      throw new AppError('vault-corrupt', 'the device identity cannot be read');
    }
    const read = await readManifest(db, keys);
    const vault = new Vault(db, keys, identity, read.manifest, options);
    if (!read.manifest) vault.report({ kind: 'tampered', finding: read.finding });
    else await dropSnapshotsBehind(db, vault.store);
    return vault;
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

  /** Stored records that could not be used since unlock (left in place), and records changed outside the app. */
  get problems(): readonly StoreProblem[] {
    return this.reported;
  }

  /** Called with each new problem (the UI tells the organizer). Returns an unsubscribe function. */
  onProblem(listener: (problem: StoreProblem) => void): () => void {
    return this.problemListeners.on(listener);
  }

  /** What the last unlock found changed outside the app, so far (SECURITY.md "At rest"). */
  get tampering(): TamperFinding[] {
    return this.reported.flatMap((p) => (p.kind === 'tampered' ? [p.finding] : []));
  }

  /**
   * Called when this device's own changes in a space could not be written
   * (they are kept in memory and retried) and again once they are written.
   * Returns an unsubscribe function.
   */
  onSaveState(listener: (state: SaveState) => void): () => void {
    return this.saveStates.on(listener);
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

  /** Records a problem once (the same one found again is not repeated). */
  private report = (problem: StoreProblem): void => {
    const text = JSON.stringify(problem);
    if (this.reported.some((p) => JSON.stringify(p) === text)) return;
    this.reported.push(problem);
    this.problemListeners.emit(problem);
  };

  /** A new space with this device as its only admin (signed `create` access entry, epoch 1 key). */
  async createSpace(name: string): Promise<SpaceId> {
    const { keys, identity } = await this.ready();
    const { access, entry } = createAccessLog(identity);
    const space = access.space;
    const record = sealSpaceSecrets(keys, space, { name }, this.store.nextGeneration());
    await this.store.commit({
      spaces: [space],
      entries: [{ key: entryKey(space, 'access', entry.header.author, 1), bytes: entry.bytes, hash: entryHash(entry) }],
      put: [{ ref: spaceKeysRef(space), value: record }],
    });
    return space;
  }

  /**
   * Records that this device belongs to a space it was let into (the invite
   * flow calls this); its access and content entries then arrive through
   * `openSpace(id).receiveEntries`.
   */
  async joinSpace(space: SpaceId, name: string): Promise<void> {
    const { keys } = await this.ready();
    const record = sealSpaceSecrets(keys, space, { name }, this.store.nextGeneration());
    await this.store.commit({ spaces: [space], put: [{ ref: spaceKeysRef(space), value: record }] });
  }

  /**
   * A new name for a space this device holds. The name is this device's own (never sent to peers),
   * sealed under a vault key like the rest of the space's record (SECURITY.md "At rest").
   */
  async renameSpace(space: SpaceId, name: string): Promise<void> {
    const { keys } = await this.ready();
    if (!(await this.listSpaces()).some((s) => s.id === space))
      throw new AppError('unknown-space', 'rename: this device does not hold that space');
    const record = sealSpaceSecrets(keys, space, { name }, this.store.nextGeneration());
    await this.store.commit({ put: [{ ref: spaceKeysRef(space), value: record }] });
  }

  /** Spaces this device holds. Name records that are not the ones the vault wrote are reported. */
  async listSpaces(): Promise<SpaceSummary[]> {
    const { keys } = await this.ready();
    return listSpaceNames(this.store, keys, this.report);
  }

  /**
   * Opens a space: its snapshot plus newer entries into a fresh Y.Doc (a new
   * Yjs clientID every time). Opening an open space returns the same handle.
   * Throws TamperedSpaceError (AppError 'vault-tampered', with `findings`)
   * when its stored records differ from what the vault wrote; the findings
   * are in `problems` too. Open again with `despiteTampering` to go on.
   */
  /**
   * The space's read index, its writer's pieces decrypted one per task (VaultOptions.yieldTask), if it
   * is exactly as new as the stored state; else undefined, and the space opens as before (read-index.ts).
   * Meant for before openSpace: it reads what is stored, not what an open space holds in memory.
   */
  async previewSpace(space: SpaceId): Promise<Uint8Array[] | undefined> {
    this.unlocked();
    const { keys } = await this.ready();
    return readIndexPieces(this.store, keys, space, this.report, this.options.yieldTask);
  }

  async openSpace(space: SpaceId, options: OpenSpaceOptions = {}): Promise<SpaceHandle> {
    this.unlocked();
    const existing = this.open.get(space);
    if (existing) return existing;
    const opening = (async () => {
      const { keys, identity } = await this.ready();
      if (options.despiteTampering) await rebind({ store: this.store, keys, identity });
      const secrets = await readSpaceName(this.store, keys, space);
      return SpaceHandle.load({
        store: this.store,
        keys,
        identity,
        space,
        secrets,
        options: this.options,
        report: this.report,
        holdings: this.holdings,
        onSaveState: (state) => this.saveStates.emit(state),
        onClose: () => this.open.delete(space),
      });
    })();
    this.open.set(space, opening);
    opening.catch((e: unknown) => {
      this.open.delete(space);
      if (isTamperedSpaceError(e)) for (const finding of e.findings) this.report({ kind: 'tampered', finding });
    });
    return opening;
  }

  /**
   * Small private records of other modules (pending invites, ...), sealed
   * under the vault's meta key with the record's name (and generation, which
   * the manifest names) as associated data. The name is stored in clear:
   * keep it free of member data.
   */
  async putPrivate(name: string, value: Uint8Array): Promise<void> {
    const { keys } = await this.ready();
    const record = sealPrivate(keys, name, value, this.store.nextGeneration());
    await this.store.commit({ put: [{ ref: privateRef(name), value: record }] });
  }

  /**
   * The record, or undefined when absent. One that is not the record last
   * written under this name (changed outside the app) is reported in
   * `problems` and counts as absent.
   */
  async getPrivate(name: string): Promise<Uint8Array | undefined> {
    const { keys } = await this.ready();
    return getPrivate(this.store, keys, name, this.report);
  }

  async deletePrivate(name: string): Promise<void> {
    await this.ready();
    await this.store.commit({ remove: [privateRef(name)] });
  }

  /** Names of private records starting with `prefix`. */
  async listPrivate(prefix: string): Promise<string[]> {
    await this.ready();
    return listPrivate(this.store, prefix);
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
      const store = this.store;
      await store.exclusive(() => changeKeys(this.db, keys, { ...change, master }));
      this.store = new BoundStore(this.db, boundKeysOf(master), store.manifest);
      this.keys = master;
      wipe(keys.master);
      wipe(keys.meta);
      wipe(keys.snapshot);
      wipe(keys.entryMac);
    })();
    this.rotation = rotation.catch(() => undefined); // lock waits on it; the caller gets `rotation`'s failure
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
    wipe(check.entryMac);
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
    wipe(keys.entryMac);
    wipe(identity.signSecret);
    wipe(identity.boxSecret);
    this.keys = null;
    this.identity = null;
    this.db.close();
    const failed = results.find((r) => r.status === 'rejected');
    if (failed && failed.status === 'rejected') throw failed.reason;
  }
}
