/**
 * The real pieces the fuzz targets start from: two devices (an admin and an editor) sharing a space
 * with member data, in real vaults on fake-indexeddb. Their stored entries, records and messages
 * are the valid seeds that the targets mutate.
 */
import type * as Y from 'yjs';
import { deviceIdOf, initCrypto, type SpaceId } from '../../shared/crypto';
import { unlockVault } from '../../shared/vault';
import { fast } from '../shared/vault/helpers';
import { addByBundle, docJson, makeDevice, newSpace, open, setField, type TestDevice } from '../shared/sync/peers';

export interface World {
  readonly admin: TestDevice;
  readonly editor: TestDevice;
  readonly space: SpaceId;
  /** Every stored entry of the space (access log first), as stored and sent. */
  readonly entries: readonly Uint8Array[];
}

export async function makeWorld(): Promise<World> {
  await initCrypto();
  const admin = await makeDevice('admin');
  const editor = await makeDevice('editor');
  const space = await newSpace(admin, 'Fuzz chapter');
  const handle = await open(admin, space);
  setField(handle, 'm1', 'firstName', 'Rosa');
  setField(handle, 'm1', 'email', 'rosa@example.org');
  await handle.flush();
  // A larger update too, so that a deflated payload is among the seeds.
  setField(handle, 'm2', 'notes', 'Lorem ipsum dolor sit amet '.repeat(80));
  await handle.flush();
  await addByBundle(admin, space, editor, 'editor');
  const entries = await handle.entriesAfter({ access: [], content: [] });
  return { admin, editor, space, entries };
}

/** The passphrase makeDevice gave a device (to unlock it again). */
export function passphraseOf(device: TestDevice): string {
  return `passphrase of ${device.name}`;
}

/**
 * What a space shows, to compare before and after: every top-level map that holds something, as
 * canonical JSON (a hostile update can name new top-level types; empty ones show nothing).
 */
export function contentOf(doc: Y.Doc): string {
  const all = JSON.parse(docJson(doc)) as Record<string, Record<string, unknown>>;
  return JSON.stringify(Object.entries(all).filter(([, map]) => Object.keys(map).length > 0));
}

/** Locks the device's vault, unlocks it again and reopens the space: what the store really holds. */
export async function reopened(device: TestDevice, space: SpaceId): Promise<string> {
  await device.vault.lock();
  const vault = await unlockVault(device.env, passphraseOf(device), fast);
  try {
    return contentOf((await vault.openSpace(space)).doc);
  } finally {
    await vault.lock();
  }
}

export function idOf(device: TestDevice): string {
  return deviceIdOf(device.vault.deviceIdentity().signPublic);
}
